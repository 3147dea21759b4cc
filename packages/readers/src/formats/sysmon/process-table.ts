import { IntRecords, TickRecords } from './int-records.js';
import { PairIndex } from './pair-index.js';
import { baseName, clean, parseHashes, parseIntegerText } from './sysmon-values.js';
import { type LowerNeedles, TextStore } from './text-store.js';

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

// Entry fields (one entry per EventID 1), all text ids.
const SLOT = 0;
const PID = 1;
/** The previous entry with the same (host, ProcessId), -1 for none. */
const SAME_PID = 2;
const COMMAND_LINE = 3;
const USER = 4;
/** Hashes as written (parsed on reading: one id instead of three, and usually one text per binary). */
const HASHES = 5;
const LOGON_ID = 6;
const PARENT_GUID = 7;
const PARENT_PID = 8;
const PARENT_FILE_NAME = 9;
const ENTRY_WIDTH = 10;
/**
 * The texts a row takes from its correlated EventID 1 (sysmon-to-defender.ts), for the needle
 * checks. Hashes are searched as written: a needle in a parsed hash value (a lower-cased part of
 * that text) is in it too, so the check can only say "may hold" more often, never less.
 */
const CORRELATED = [COMMAND_LINE, USER, HASHES, PARENT_FILE_NAME];
// Entry times.
const START = 0;
const END = 1;

// Slot fields (one slot per (Computer, ProcessGuid) seen in an EventID 1 or 5).
const HOST = 0;
const GUID = 1;
/** The entry of the latest EventID 1 of the slot, -1 while none. */
const LATEST = 2;

/**
 * Processes per host from every EventID 1 of the run (all files, any order), keyed by
 * (Computer, ProcessGuid), with a (Computer, ProcessId) index for the §5.3 fallback. EventID 5
 * closes a process's life so a reused pid is not matched after its exit. A later EventID 1 with
 * the same (Computer, ProcessGuid) takes its key; the earlier entry stays (replaced) for the
 * ProcessId fallback.
 *
 * Memory: no JS object or string per process. Entries are records of text ids and times in
 * off-heap blocks (40 + 16 bytes), texts are stored once each (TextStore: ProcessIds inline,
 * ProcessGuids in 16 bytes), and both keys are pairs of text ids in open-addressing indexes that
 * store no key: about 150 bytes a process with its own and its parent's guid, against ~450 as
 * objects (297 k processes at 1e7 bench rows). The table is replayed from the process log
 * (process-log.ts): whole for scans that read every row, else only the candidates' processes.
 *
 * Entries are numbered from 0 in the order added; -1 stands for "no process".
 */
export class ProcessTable {
  private readonly texts = new TextStore();
  private readonly entries = new IntRecords(ENTRY_WIDTH);
  private readonly times = new TickRecords(2);
  private readonly slots = new IntRecords(3);
  /** EventID 5 times of slots without an EventID 1 yet (then the entry holds its end). */
  private readonly pendingEnds = new Map<number, bigint>();
  /** (host, guid) text ids -> slot. */
  private readonly byGuid = new PairIndex({
    first: (slot) => this.slots.get(slot, HOST),
    second: (slot) => this.slots.get(slot, GUID),
  });
  /** (host, pid) text ids -> latest entry with that pid. */
  private readonly byPid = new PairIndex({
    first: (e) => this.slots.get(this.entries.get(e, SLOT), HOST),
    second: (e) => this.entries.get(e, PID),
  });
  private count = 0;

  /** Distinct (Computer, ProcessGuid) with an EventID 1. */
  get size(): number {
    return this.count;
  }

  /** Entries added (EventID 1 records with a ProcessGuid). */
  get entryCount(): number {
    return this.entries.length;
  }

  add(p: ProcessCreate): void {
    if (p.guid === '') return;
    const t = this.texts;
    const host = t.intern(p.computer);
    const slot = this.slotOf(host, t.intern(p.guid));
    const e = this.entries.append();
    this.times.append();
    const pid = t.intern(p.pid);
    this.entries.set(e, SLOT, slot);
    this.entries.set(e, PID, pid);
    this.entries.set(e, COMMAND_LINE, t.intern(p.commandLine));
    this.entries.set(e, USER, t.intern(clean(p.user)));
    this.entries.set(e, HASHES, t.intern(p.hashes ?? ''));
    // Kept as text: parseIntegerText gives the same on reading (and it may exceed 64 bits).
    this.entries.set(e, LOGON_ID, t.intern(p.logonId ?? ''));
    this.entries.set(e, PARENT_GUID, t.intern(p.parentGuid));
    this.entries.set(e, PARENT_PID, t.intern(p.parentPid));
    this.entries.set(e, PARENT_FILE_NAME, t.intern(baseName(p.parentImage)));
    this.times.set(e, START, p.startTicks);
    // The end known for the key: the replaced entry's (it had every EventID 5 since), or one seen
    // before any EventID 1.
    const previous = this.slots.get(slot, LATEST);
    if (previous >= 0) this.times.set(e, END, this.times.get(previous, END));
    else {
      this.times.set(e, END, this.pendingEnds.get(slot) ?? null);
      this.pendingEnds.delete(slot);
      this.count++;
    }
    this.slots.set(slot, LATEST, e);
    this.entries.set(e, SAME_PID, this.byPid.get(host, pid));
    this.byPid.set(host, pid, e);
  }

  /** EventID 5: the process's exit (also for an EventID 1 that comes later). */
  terminate(computer: string, guid: string, t: bigint | null): void {
    if (guid === '' || t === null) return;
    const slot = this.slotOf(this.texts.intern(computer), this.texts.intern(guid));
    // Only the current entry ends; a replaced one keeps the end it had when it was replaced.
    const latest = this.slots.get(slot, LATEST);
    if (latest >= 0) this.times.set(latest, END, t);
    else this.pendingEnds.set(slot, t);
  }

  /** The entry of the process with this guid now, or -1. */
  entryId(computer: string, guid: string): number {
    if (guid === '') return -1;
    const host = this.texts.find(computer);
    const id = host < 0 ? -1 : this.texts.find(guid);
    return id < 0 ? -1 : this.latestOf(host, id);
  }

  /**
   * The process behind an event (an entry, or -1): by ProcessGuid, else the latest EventID 1 on
   * the host with the same ProcessId that started at or before `at` and had not exited before it.
   */
  find(computer: string, guid: string, pid: string, at: bigint | null): number {
    const exact = this.entryId(computer, guid);
    if (exact >= 0 || pid === '') return exact;
    const host = this.texts.find(computer);
    const pidId = host < 0 ? -1 : this.texts.find(pid);
    if (pidId < 0) return -1;
    let best = -1;
    let bestStart = 0n;
    // Newest first, so on equal start times the later EventID 1 wins (strictly greater below).
    for (let e = this.byPid.get(host, pidId); e >= 0; e = this.entries.get(e, SAME_PID)) {
      const start = this.times.get(e, START);
      const end = this.times.get(e, END);
      if (at !== null && start !== null && start > at) continue;
      if (at !== null && end !== null && end < at) continue;
      if (best < 0 || (start ?? 0n) > bestStart) {
        best = e;
        bestStart = start ?? 0n;
      }
    }
    return best;
  }

  /**
   * The current entries (one per (Computer, ProcessGuid)) holding a needle in a correlated text,
   * with their ProcessGuid and ProcessId; stops after `limit + 1` of them.
   */
  holdingNeedle(needles: LowerNeedles, limit: number): { guid: string; pid: string }[] {
    const found: { guid: string; pid: string }[] = [];
    const holds = this.needleTexts(needles);
    for (let s = 0; s < this.slots.length && found.length <= limit; s++) {
      const e = this.slots.get(s, LATEST);
      if (e < 0 || !holds(e)) continue;
      found.push({ guid: this.texts.text(this.slots.get(s, GUID)), pid: this.pid(e) });
    }
    return found;
  }

  pid(e: number): string {
    return this.text(e, PID);
  }
  commandLine(e: number): string {
    return this.text(e, COMMAND_LINE);
  }
  /** User, cleaned (`-` is empty). */
  user(e: number): string {
    return this.text(e, USER);
  }
  /** Hashes parsed (`SHA256=...,MD5=...` -> upper-case algorithm -> lower-case hex). */
  hashes(e: number): Record<string, string> {
    return parseHashes(this.text(e, HASHES));
  }
  logonId(e: number): bigint | null {
    return parseIntegerText(this.text(e, LOGON_ID));
  }
  parentGuid(e: number): string {
    return this.text(e, PARENT_GUID);
  }
  parentPid(e: number): string {
    return this.text(e, PARENT_PID);
  }
  /** basename(ParentImage), the only use of ParentImage. */
  parentFileName(e: number): string {
    return this.text(e, PARENT_FILE_NAME);
  }
  startTicks(e: number): bigint | null {
    return this.times.get(e, START);
  }
  /** Time of its EventID 5, when seen. */
  endTicks(e: number): bigint | null {
    return this.times.get(e, END);
  }

  private text(e: number, field: number): string {
    return this.texts.text(this.entries.get(e, field));
  }

  private latestOf(host: number, guid: number): number {
    const slot = this.byGuid.get(host, guid);
    return slot < 0 ? -1 : this.slots.get(slot, LATEST);
  }

  private slotOf(host: number, guid: number): number {
    let slot = this.byGuid.get(host, guid);
    if (slot < 0) {
      slot = this.slots.append();
      this.slots.set(slot, HOST, host);
      this.slots.set(slot, GUID, guid);
      this.slots.set(slot, LATEST, -1);
      this.byGuid.set(host, guid, slot);
    }
    return slot;
  }

  /** Whether entry e holds a needle in a correlated text, searching each text id once. */
  private needleTexts(needles: LowerNeedles): (e: number) => boolean {
    // 0: not searched yet, 1: no, 2: yes. Ids past the arena's (numbers, odd texts) are rare here.
    const memo = new Uint8Array(this.texts.count);
    const odd = new Map<number, boolean>();
    const holds = (id: number): boolean => {
      if (id >= memo.length) {
        let v = odd.get(id);
        if (v === undefined) odd.set(id, (v = this.texts.holdsNeedle(id, needles)));
        return v;
      }
      if (memo[id] === 0) memo[id] = this.texts.holdsNeedle(id, needles) ? 2 : 1;
      return memo[id] === 2;
    };
    return (e) => CORRELATED.some((f) => holds(this.entries.get(e, f)));
  }
}
