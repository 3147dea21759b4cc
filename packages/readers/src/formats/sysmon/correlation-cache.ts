import { textChunks } from '../../io/text-chunks.js';
import { byteStream } from '../../io/byte-stream.js';
import type { InputFile } from '../../scan/input-file.js';
import type { FileScanContext } from '../../scan/scan-context.js';
import { F, type EventCursor } from './event-cursor.js';
import { processCreateAt, processCreateOf } from './process-create.js';
import { ProcessLog } from './process-log.js';
import { hostHashOfBytes, keyHashOf, keyHashOfField } from './key-hash.js';
import type { SysmonEvent } from './sysmon-event.js';
import { peekSyslogForm } from './sysmon-form.js';
import { sysmonEvents } from './sysmon-source.js';
import { SYSMON_ACTIONS } from './sysmon-to-defender.js';
import { eventTicks, ticksOf } from './sysmon-values.js';
import { readSyslogBytes, type SyslogSink } from './syslog-bytes.js';
import { utcTimeTicksAt } from './utc-time-bytes.js';
import { startEarlyScan, type EarlyScan, type EarlyScanHint } from './early-scan.js';
import { EventRefs } from './event-refs.js';
import { SkippedTally } from '../../scan/skipped-tally.js';

/** Per table, the refs of one syslog file's events (see EventRefs). */
type FileRefs = Map<string, EventRefs>;

/**
 * The process log of all Sysmon inputs of a run (every EventID 1 and 5 in order, from which the
 * process table is replayed: process-log.ts), built on first use by one pass over every Sysmon
 * file (so a file event can be explained by an EventID 1 that comes later or sits in another
 * file, §5.3). That pass also checks every record, reporting each file's malformed records and
 * skipped lines; the mapping passes that follow are quiet (and may prefilter).
 *
 * Syslog files are read from bytes (syslog-bytes.ts): other programs' lines are never decoded,
 * canonical events are checked in place, and only EventID 1 and 5 values are decoded.
 */
export class SysmonCorrelationCache {
  private table: Promise<ProcessLog> | undefined;
  private readonly malformed = new Map<string, number>();
  private readonly refs = new Map<string, FileRefs>();
  /** Per file and table: the rows the file gives the table (count and Timestamp range). */
  private readonly rows = new Map<string, Map<string, SkippedTally>>();

  /** Rows of `table` in the file (events with a usable time), with their Timestamp range. */
  rowsOf(path: string, table: string): SkippedTally {
    return this.rows.get(path)?.get(table) ?? new SkippedTally();
  }

  /** Where the events of `table` in a plain (not gzip) syslog file are, after the pass; else undefined. */
  refsOf(path: string, table: string): EventRefs | undefined {
    return this.refs.get(path)?.get(table);
  }

  /** Malformed records the correlation pass found in a file. */
  malformedIn(path: string): number {
    return this.malformed.get(path) ?? 0;
  }

  constructor(
    private readonly files: readonly InputFile[],
    private readonly contextFor: (f: InputFile) => FileScanContext,
    private readonly markReported: (f: InputFile, ctx: FileScanContext) => void,
  ) {}

  /**
   * The process log, built on the first call. `hint`: the scan about to start; for each large
   * plain syslog file its needle-line scan then starts on a worker thread before the pass, so the
   * two overlap (readSysmon takes it with `takeEarly`).
   */
  get(hint?: EarlyScanHint): Promise<ProcessLog> {
    if (this.table === undefined && hint !== undefined) {
      for (const file of this.files) {
        const early = startEarlyScan(file, hint, false);
        if (early !== undefined) this.early.set(file.path, early);
      }
    }
    this.table ??= this.build();
    return this.table;
  }

  /** The needle-line scan started for `path` by `get(hint)`, if its forms are `forms`. */
  takeEarly(path: string, forms: readonly string[]): EarlyScan | undefined {
    const early = this.early.get(path);
    if (early === undefined) return undefined;
    this.early.delete(path);
    if (early.forms.join('\u0000') === forms.join('\u0000')) return early;
    early.cancel();
    return undefined;
  }

  private readonly early = new Map<string, EarlyScan>();

  /** Whether the pass has finished (a later scan gains nothing from overlapping work with it). */
  get ready(): boolean {
    return this.done;
  }

  private done = false;

  private async build(): Promise<ProcessLog> {
    const procs = new ProcessLog();
    for (const file of this.files) {
      const ctx = this.contextFor(file);
      const events = await this.readFile(file, ctx, procs);
      if (events === 0 && ctx.malformed === 0) {
        ctx.warn(`no Sysmon <Event> records found (${ctx.skippedLines} other line(s) skipped)`);
      }
      this.malformed.set(file.path, (this.malformed.get(file.path) ?? 0) + ctx.malformed);
      this.markReported(file, ctx);
    }
    this.done = true;
    return procs;
  }

  /** Reads one file into the log; returns the number of well-formed events. */
  private async readFile(file: InputFile, ctx: FileScanContext, procs: ProcessLog): Promise<number> {
    let events = 0;
    const tallies = new Map([['DeviceFileEvents', new SkippedTally()], ['DeviceProcessEvents', new SkippedTally()]]);
    this.rows.set(file.path, tallies);
    const addEvent = (e: SysmonEvent, line: number): RowRef | null => {
      const r = addEventTo(e, line, ctx, procs);
      if (r !== null) tallies.get(r.table)!.row(r.ticks);
      return r;
    };
    const addCursorEvent = (c: EventCursor, line: number): RowRef | null => {
      const r = addCursorEventTo(c, line, ctx, procs);
      if (r !== null) tallies.get(r.table)!.row(r.ticks);
      return r;
    };
    // Reused read buffers (io/reused-chunks.ts): readSyslogBytes, peekSyslogForm and textChunks copy
    // what they keep, and a fresh 1 MiB buffer per read piled up dead chunks over a long file.
    const raw = byteStream(file.path, file.gzip, (n) => ctx.bytes(n), true);
    if (file.jsonLayout === undefined && !file.syslogCsv) {
      const form = await peekSyslogForm(raw);
      if (form.syslog) {
        // Random access to lines needs the plain file.
        const refs: FileRefs | undefined = file.gzip ? undefined : new Map([
          ['DeviceFileEvents', new EventRefs()], ['DeviceProcessEvents', new EventRefs()],
        ]);
        if (refs !== undefined) this.refs.set(file.path, refs);
        const sink: SyslogSink = {
          fast: (c, line, offset) => {
            events++;
            const r = addCursorEvent(c, line);
            if (r !== null) refs?.get(r.table)!.push(line, offset, r.guidKey, r.pidKey);
          },
          scanned: (e, line, offset) => {
            if (e === null) return;
            if ('error' in e) ctx.reportMalformed(e.error, line);
            else {
              events++;
              const r = addEvent(e, line);
              if (r !== null) refs?.get(r.table)!.push(line, offset, r.guidKey, r.pidKey);
            }
          },
        };
        await readSyslogBytes(form.bytes, ctx, sink);
        return events;
      }
      for await (const block of sysmonEvents(textChunks(form.bytes), ctx, file)) {
        events += block.length;
        for (const { event, line } of block) addEvent(event, line);
      }
      return events;
    }
    for await (const block of sysmonEvents(textChunks(raw), ctx, file)) {
      events += block.length;
      for (const { event, line } of block) addEvent(event, line);
    }
    return events;
  }
}

const unparseable = (utc: string | undefined, eventId: number): string =>
  `unparseable UtcTime ${JSON.stringify(utc ?? '')} (EventID ${eventId})`;

/** A row-giving event: its table, and the fingerprints of the keys its process is found by. */
interface RowRef {
  table: string;
  guidKey: number;
  pidKey: number;
  ticks: bigint;
}

/**
 * Adds an EventID 1 / 5 to the log and checks the time of row-giving events. Mapping errors are
 * found here, on the pass that reports; the mapping pass is quiet. Returns the row's ref, or null.
 */
function addEventTo(event: SysmonEvent, line: number, ctx: FileScanContext, procs: ProcessLog): RowRef | null {
  const id = event.eventId;
  if (SYSMON_ACTIONS[id] === undefined && id !== 5) return null;
  const t = eventTicks(event);
  if (SYSMON_ACTIONS[id] !== undefined && t === null) {
    ctx.reportMalformed(unparseable(event.data['UtcTime'], id), line);
    return null;
  }
  if (t === null) return null;
  const d = event.data;
  if (id === 5) {
    procs.end(event.computer, d['ProcessGuid'] ?? '', t);
    return null;
  }
  const host = event.computer;
  if (id === 1) {
    procs.create(processCreateOf(event, t));
    // An EventID 1 row's correlated columns come from its parent.
    const guidKey = keyHashOf(host, d['ParentProcessGuid'] ?? '');
    return { table: 'DeviceProcessEvents', guidKey, pidKey: keyHashOf(host, d['ParentProcessId'] ?? ''), ticks: t };
  }
  return { table: 'DeviceFileEvents', guidKey: keyHashOf(host, d['ProcessGuid'] ?? ''), pidKey: keyHashOf(host, d['ProcessId'] ?? ''), ticks: t };
}

/** addEvent for a record read in place: only what the table needs is decoded. */
function addCursorEventTo(c: EventCursor, line: number, ctx: FileScanContext, procs: ProcessLog): RowRef | null {
  const id = c.eventId;
  if (SYSMON_ACTIONS[id] === undefined && id !== 5) return null;
  let t = c.has(F.UtcTime) ? utcTimeTicksAt(c.buf, c.fieldStart[F.UtcTime]!, c.fieldEnd[F.UtcTime]!) : null;
  if (t === null) {
    const utc = c.field(F.UtcTime);
    t = ticksOf(utc, c.systemTime());
    if (SYSMON_ACTIONS[id] !== undefined && t === null) {
      ctx.reportMalformed(unparseable(utc, id), line);
      return null;
    }
  }
  if (t === null) return null;
  if (id === 5) {
    procs.end(c.computer(), c.field(F.ProcessGuid) ?? '', t);
    return null;
  }
  if (id === 1) {
    const p = processCreateAt(c, t);
    procs.create(p);
    return { table: 'DeviceProcessEvents', guidKey: keyHashOf(p.computer, p.parentGuid), pidKey: keyHashOf(p.computer, p.parentPid), ticks: t };
  }
  // The keys from the bytes of Computer, ProcessGuid and ProcessId: no string per file event.
  const host = hostHashOfBytes(c.buf, c.computerStart, c.computerEnd);
  const g = F.ProcessGuid;
  const p = F.ProcessId;
  const guidKey = keyHashOfField(host, c.buf, c.fieldStart[g]!, c.fieldEnd[g]!);
  return { table: 'DeviceFileEvents', guidKey, pidKey: keyHashOfField(host, c.buf, c.fieldStart[p]!, c.fieldEnd[p]!), ticks: t };
}
