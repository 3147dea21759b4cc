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

const key = (computer: string, id: string): string => `${computer}\u0000${id}`;

/**
 * Processes per host from every EventID 1 of the run (all files, any order), keyed by
 * (Computer, ProcessGuid), with a (Computer, ProcessId) index for the §5.3 fallback. EventID 5
 * closes a process's life so a reused pid is not matched after its exit.
 *
 * Memory: one compact entry per EventID 1 and one end time per EventID 5; nothing else from the
 * input is held (the 1e6-row bench log of 612 MiB needs about 30 MiB here).
 */
export class ProcessTable {
  private readonly byGuid = new Map<string, ProcessInfo>();
  private readonly byPid = new Map<string, ProcessInfo | ProcessInfo[]>();
  private readonly ends = new Map<string, bigint>();
  private readonly pool = new StringPool();

  get size(): number {
    return this.byGuid.size;
  }

  add(p: ProcessCreate): void {
    if (p.guid === '') return;
    const pool = this.pool;
    const computer = pool.intern(p.computer);
    const h = parseHashes(p.hashes);
    const guidKey = key(computer, pool.detach(p.guid));
    const info: ProcessInfo = {
      pid: pool.intern(p.pid),
      commandLine: pool.intern(p.commandLine),
      user: pool.intern(clean(p.user)),
      startTicks: p.startTicks,
      endTicks: this.ends.get(guidKey) ?? null,
      sha256: pool.intern(h['SHA256'] ?? ''),
      sha1: pool.intern(h['SHA1'] ?? ''),
      md5: pool.intern(h['MD5'] ?? ''),
      logonId: parseIntegerText(p.logonId),
      parentGuid: pool.detach(p.parentGuid),
      parentPid: pool.intern(p.parentPid),
      parentFileName: pool.intern(baseName(p.parentImage)),
    };
    this.byGuid.set(guidKey, info);
    const pk = key(computer, info.pid);
    const list = this.byPid.get(pk);
    // Most pids have one process: keep the entry itself, an array only when a pid is reused.
    if (list === undefined) this.byPid.set(pk, info);
    else if (Array.isArray(list)) list.push(info);
    else this.byPid.set(pk, [list, info]);
  }

  terminate(computer: string, guid: string, t: bigint | null): void {
    if (guid === '' || t === null) return;
    const k = key(this.pool.intern(computer), this.pool.detach(guid));
    this.ends.set(k, t);
    const info = this.byGuid.get(k);
    if (info) info.endTicks = t;
  }

  byProcessGuid(computer: string, guid: string): ProcessInfo | undefined {
    return guid === '' ? undefined : this.byGuid.get(key(computer, guid));
  }

  /** Every entry (for the raw-text prefilter's check of correlated values). */
  entries(): IterableIterator<[string, ProcessInfo]> {
    return this.byGuid.entries();
  }

  /**
   * The process behind an event: by ProcessGuid, else the latest EventID 1 on the host with the
   * same ProcessId that started at or before `at` and had not exited before it.
   */
  find(computer: string, guid: string, pid: string, at: bigint | null): ProcessInfo | undefined {
    const exact = this.byProcessGuid(computer, guid);
    if (exact !== undefined) return exact;
    if (pid === '') return undefined;
    const found = this.byPid.get(key(computer, pid));
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

/** The guid part of a `byGuid` key. */
export function guidOfKey(k: string): string {
  return k.slice(k.indexOf('\u0000') + 1);
}
