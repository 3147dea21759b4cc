import { baseName, clean, parseHashes, parseIntegerText } from './sysmon-values.js';
import { StringPool } from './string-pool.js';

/** The EventID 1 values the process table keeps (texts as decoded, not yet cleaned). */
export interface ProcessCreate {
  computer: string;
  guid: string;
  pid: string;
  commandLine: string;
  user: string | undefined;
  startTicks: bigint | null;
  hashes: string | undefined;
  logonId: string | undefined;
  parentGuid: string;
  parentPid: string;
  parentImage: string;
}

/**
 * What an EventID 1 tells the mapping about a process, and nothing more: about 100 bytes plus
 * the command line. Repeated texts (users, hashes, parent file names, host names) are shared
 * through a pool, and every text is detached from the line it was read from, so an entry never
 * keeps an input chunk alive.
 */
export interface ProcessInfo {
  /** Position in the table's entry list (EventRefs point here). */
  readonly id: number;
  /** A later EventID 1 with the same (Computer, ProcessGuid) took its place. */
  replaced: boolean;
  readonly pid: string;
  readonly commandLine: string;
  readonly user: string;
  readonly startTicks: bigint | null;
  /** Time of its EventID 5, when seen. */
  endTicks: bigint | null;
  readonly sha256: string;
  readonly sha1: string;
  readonly md5: string;
  readonly logonId: bigint | null;
  readonly parentGuid: string;
  readonly parentPid: string;
  /** basename(ParentImage), the only use of ParentImage. */
  readonly parentFileName: string;
}

/** The strings a row takes from its correlated EventID 1 (sysmon-to-defender.ts). */
export function correlatedTexts(p: ProcessInfo): string[] {
  return [p.commandLine, p.user, p.sha256, p.sha1, p.md5, p.parentFileName];
}

/** Per host, then per id: no key string is built per lookup. */
type ByHost<T> = Map<string, Map<string, T>>;

function getIn<T>(m: ByHost<T>, computer: string, id: string): T | undefined {
  return m.get(computer)?.get(id);
}

function setIn<T>(m: ByHost<T>, computer: string, id: string, v: T): void {
  let inner = m.get(computer);
  if (inner === undefined) m.set(computer, (inner = new Map()));
  inner.set(id, v);
}

/**
 * Processes per host from every EventID 1 of the run (all files, any order), keyed by
 * (Computer, ProcessGuid), with a (Computer, ProcessId) index for the §5.3 fallback. EventID 5
 * closes a process's life so a reused pid is not matched after its exit.
 *
 * Memory: one compact entry per EventID 1 and one end time per EventID 5; nothing else from the
 * input is held (the 1e6-row bench log of 612 MiB needs about 30 MiB here).
 */
export class ProcessTable {
  private readonly byGuid: ByHost<ProcessInfo> = new Map();
  private readonly byPid: ByHost<ProcessInfo | ProcessInfo[]> = new Map();
  private readonly ends: ByHost<bigint> = new Map();
  private readonly all: ProcessInfo[] = [];
  private count = 0;
  private readonly pool = new StringPool();

  get size(): number {
    return this.count;
  }

  /** `fresh`: the texts were decoded from bytes for this call (nothing to detach them from). */
  add(p: ProcessCreate, fresh = false): void {
    if (p.guid === '') return;
    const pool = this.pool;
    pool.fresh = fresh;
    const computer = pool.intern(p.computer);
    const h = parseHashes(p.hashes);
    const guid = pool.detach(p.guid);
    const info: ProcessInfo = {
      id: this.all.length,
      replaced: false,
      pid: pool.intern(p.pid),
      commandLine: pool.intern(p.commandLine),
      user: pool.intern(clean(p.user)),
      startTicks: p.startTicks,
      endTicks: getIn(this.ends, computer, guid) ?? null,
      sha256: pool.intern(h['SHA256'] ?? ''),
      sha1: pool.intern(h['SHA1'] ?? ''),
      md5: pool.intern(h['MD5'] ?? ''),
      logonId: parseIntegerText(p.logonId),
      parentGuid: pool.detach(p.parentGuid),
      parentPid: pool.intern(p.parentPid),
      parentFileName: pool.intern(baseName(p.parentImage)),
    };
    const previous = getIn(this.byGuid, computer, guid);
    if (previous === undefined) this.count++;
    else previous.replaced = true;
    this.all.push(info);
    setIn(this.byGuid, computer, guid, info);
    pool.fresh = false;
    const list = getIn(this.byPid, computer, info.pid);
    // Most pids have one process: keep the entry itself, an array only when a pid is reused.
    if (list === undefined) setIn(this.byPid, computer, info.pid, info);
    else if (Array.isArray(list)) list.push(info);
    else setIn(this.byPid, computer, info.pid, [list, info]);
  }

  terminate(computer: string, guid: string, t: bigint | null): void {
    if (guid === '' || t === null) return;
    const host = this.pool.intern(computer);
    const id = this.pool.detach(guid);
    setIn(this.ends, host, id, t);
    const info = getIn(this.byGuid, host, id);
    if (info) info.endTicks = t;
  }

  byProcessGuid(computer: string, guid: string): ProcessInfo | undefined {
    return guid === '' ? undefined : getIn(this.byGuid, computer, guid);
  }

  /** The entry id of the process with this guid now, or -1 (see EventRefs). */
  entryId(computer: string, guid: string): number {
    return this.byProcessGuid(computer, guid)?.id ?? -1;
  }

  /**
   * By entry id: 1 when a row correlated with that entry may hold a needle (lower-cased) in a
   * string taken from it (command line, user, hashes, parent file name), or when the entry was
   * replaced (a ref to it may resolve elsewhere now).
   */
  flagged(needles: readonly string[]): Uint8Array {
    const out = new Uint8Array(this.all.length);
    for (const p of this.all) {
      if (p.replaced || correlatedTexts(p).some((v) => v !== '' && needles.some((n) => v.toLowerCase().includes(n)))) out[p.id] = 1;
    }
    return out;
  }

  /** Every entry with its ProcessGuid (for the raw-text prefilter's check of correlated values). */
  *entries(): IterableIterator<[string, ProcessInfo]> {
    for (const inner of this.byGuid.values()) yield* inner.entries();
  }

  /**
   * The process behind an event: by ProcessGuid, else the latest EventID 1 on the host with the
   * same ProcessId that started at or before `at` and had not exited before it.
   */
  find(computer: string, guid: string, pid: string, at: bigint | null): ProcessInfo | undefined {
    const exact = this.byProcessGuid(computer, guid);
    if (exact !== undefined) return exact;
    if (pid === '') return undefined;
    const found = getIn(this.byPid, computer, pid);
    if (found === undefined) return undefined;
    const list = Array.isArray(found) ? found : [found];
    let best: ProcessInfo | undefined;
    for (const p of list) {
      if (at !== null && p.startTicks !== null && p.startTicks > at) continue;
      if (at !== null && p.endTicks !== null && p.endTicks < at) continue;
      if (best === undefined || (p.startTicks ?? 0n) >= (best.startTicks ?? 0n)) best = p;
    }
    return best;
  }
}
