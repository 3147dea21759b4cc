import type { SysmonEvent } from './sysmon-event.js';
import { baseName, clean, eventTicks, parseHashes, parseIntegerText } from './sysmon-values.js';

/** What an EventID 1 tells about a process, kept for correlation. */
export interface ProcessInfo {
  guid: string;
  pid: string;
  image: string;
  commandLine: string;
  user: string;
  startTicks: bigint | null;
  /** Time of its EventID 5, when seen. */
  endTicks: bigint | null;
  hashes: Record<string, string>;
  logonId: bigint | null;
  parentGuid: string;
  parentPid: string;
  parentImage: string;
}

const key = (computer: string, id: string): string => `${computer}\u0000${id}`;

/**
 * Processes per host from every EventID 1 of the run (all files, any order), keyed by
 * (Computer, ProcessGuid), with a (Computer, ProcessId) index for the §5.3 fallback. EventID 5
 * closes a process's life so a reused pid is not matched after its exit.
 */
export class ProcessTable {
  private readonly byGuid = new Map<string, ProcessInfo>();
  private readonly byPid = new Map<string, ProcessInfo[]>();
  private readonly ends = new Map<string, bigint>();

  get size(): number {
    return this.byGuid.size;
  }

  add(e: SysmonEvent): void {
    const d = e.data;
    const guid = d['ProcessGuid'] ?? '';
    if (guid === '') return;
    const info: ProcessInfo = {
      guid,
      pid: d['ProcessId'] ?? '',
      image: d['Image'] ?? '',
      commandLine: d['CommandLine'] ?? '',
      user: clean(d['User']),
      startTicks: eventTicks(e),
      endTicks: this.ends.get(key(e.computer, guid)) ?? null,
      hashes: parseHashes(d['Hashes']),
      logonId: parseIntegerText(d['LogonId']),
      parentGuid: d['ParentProcessGuid'] ?? '',
      parentPid: d['ParentProcessId'] ?? '',
      parentImage: d['ParentImage'] ?? '',
    };
    this.byGuid.set(key(e.computer, guid), info);
    const pk = key(e.computer, info.pid);
    const list = this.byPid.get(pk);
    if (list) list.push(info);
    else this.byPid.set(pk, [info]);
  }

  terminate(e: SysmonEvent): void {
    const guid = e.data['ProcessGuid'] ?? '';
    const t = eventTicks(e);
    if (guid === '' || t === null) return;
    const k = key(e.computer, guid);
    this.ends.set(k, t);
    const info = this.byGuid.get(k);
    if (info) info.endTicks = t;
  }

  byProcessGuid(computer: string, guid: string): ProcessInfo | undefined {
    return guid === '' ? undefined : this.byGuid.get(key(computer, guid));
  }

  /**
   * The process behind an event: by ProcessGuid, else the latest EventID 1 on the host with the
   * same ProcessId that started at or before `at` and had not exited before it.
   */
  find(computer: string, guid: string, pid: string, at: bigint | null): ProcessInfo | undefined {
    const exact = this.byProcessGuid(computer, guid);
    if (exact !== undefined) return exact;
    if (pid === '') return undefined;
    const list = this.byPid.get(key(computer, pid));
    if (!list) return undefined;
    let best: ProcessInfo | undefined;
    for (const p of list) {
      if (at !== null && p.startTicks !== null && p.startTicks > at) continue;
      if (at !== null && p.endTicks !== null && p.endTicks < at) continue;
      if (best === undefined || (p.startTicks ?? 0n) >= (best.startTicks ?? 0n)) best = p;
    }
    return best;
  }

  static imageName(p: ProcessInfo | undefined): string {
    return p === undefined ? '' : baseName(p.image);
  }
}
