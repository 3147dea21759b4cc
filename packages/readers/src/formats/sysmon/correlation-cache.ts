import { textChunks } from '../../io/text-chunks.js';
import { byteStream } from '../../io/byte-stream.js';
import type { InputFile } from '../../scan/input-file.js';
import type { FileScanContext } from '../../scan/scan-context.js';
import { F, type EventCursor } from './event-cursor.js';
import { processCreateAt, processCreateOf } from './process-create.js';
import { ProcessTable } from './process-table.js';
import type { SysmonEvent } from './sysmon-event.js';
import { peekSyslogForm } from './sysmon-form.js';
import { sysmonEvents } from './sysmon-source.js';
import { SYSMON_ACTIONS } from './sysmon-to-defender.js';
import { eventTicks, ticksOf } from './sysmon-values.js';
import { readSyslogBytes, type SyslogSink } from './syslog-bytes.js';

/**
 * The process table of all Sysmon inputs of a run, built on first use by one pass over every
 * Sysmon file (so a file event can be explained by an EventID 1 that comes later or sits in
 * another file, §5.3). That pass also checks every record, reporting each file's malformed
 * records and skipped lines; the mapping passes that follow are quiet (and may prefilter).
 *
 * Syslog files are read from bytes (syslog-bytes.ts): other programs' lines are never decoded,
 * canonical events are checked in place, and only EventID 1 and 5 values are decoded.
 */
export class SysmonCorrelationCache {
  private table: Promise<ProcessTable> | undefined;
  private readonly malformed = new Map<string, number>();

  /** Malformed records the correlation pass found in a file. */
  malformedIn(path: string): number {
    return this.malformed.get(path) ?? 0;
  }

  constructor(
    private readonly files: readonly InputFile[],
    private readonly contextFor: (f: InputFile) => FileScanContext,
    private readonly markReported: (f: InputFile, ctx: FileScanContext) => void,
  ) {}

  get(): Promise<ProcessTable> {
    this.table ??= this.build();
    return this.table;
  }

  private async build(): Promise<ProcessTable> {
    const procs = new ProcessTable();
    for (const file of this.files) {
      const ctx = this.contextFor(file);
      const events = await this.readFile(file, ctx, procs);
      if (events === 0 && ctx.malformed === 0) {
        ctx.warn(`no Sysmon <Event> records found (${ctx.skippedLines} other line(s) skipped)`);
      }
      this.malformed.set(file.path, (this.malformed.get(file.path) ?? 0) + ctx.malformed);
      this.markReported(file, ctx);
    }
    return procs;
  }

  /** Reads one file into the table; returns the number of well-formed events. */
  private async readFile(file: InputFile, ctx: FileScanContext, procs: ProcessTable): Promise<number> {
    let events = 0;
    const raw = byteStream(file.path, file.gzip, (n) => ctx.bytes(n));
    if (file.jsonLayout === undefined && !file.syslogCsv) {
      const form = await peekSyslogForm(raw);
      if (form.syslog) {
        const sink: SyslogSink = {
          fast: (c, line) => {
            events++;
            addCursorEvent(c, line, ctx, procs);
          },
          scanned: (r, line) => {
            if (r === null) return;
            if ('error' in r) ctx.reportMalformed(r.error, line);
            else {
              events++;
              addEvent(r, line, ctx, procs);
            }
          },
        };
        await readSyslogBytes(form.bytes, ctx, sink);
        return events;
      }
      for await (const block of sysmonEvents(textChunks(form.bytes), ctx, file)) {
        events += block.length;
        for (const { event, line } of block) addEvent(event, line, ctx, procs);
      }
      return events;
    }
    for await (const block of sysmonEvents(textChunks(raw), ctx, file)) {
      events += block.length;
      for (const { event, line } of block) addEvent(event, line, ctx, procs);
    }
    return events;
  }
}

const unparseable = (utc: string | undefined, eventId: number): string =>
  `unparseable UtcTime ${JSON.stringify(utc ?? '')} (EventID ${eventId})`;

/** Mapping errors are found here, on the pass that reports; the mapping pass is quiet. */
function addEvent(event: SysmonEvent, line: number, ctx: FileScanContext, procs: ProcessTable): void {
  const id = event.eventId;
  if (SYSMON_ACTIONS[id] === undefined && id !== 5) return;
  const t = eventTicks(event);
  if (SYSMON_ACTIONS[id] !== undefined && t === null) {
    ctx.reportMalformed(unparseable(event.data['UtcTime'], id), line);
    return;
  }
  if (id === 1) procs.add(processCreateOf(event, t));
  else if (id === 5) procs.terminate(event.computer, event.data['ProcessGuid'] ?? '', t);
}

/** addEvent for a record read in place: only what the table needs is decoded. */
function addCursorEvent(c: EventCursor, line: number, ctx: FileScanContext, procs: ProcessTable): void {
  const id = c.eventId;
  if (SYSMON_ACTIONS[id] === undefined && id !== 5) return;
  const utc = c.field(F.UtcTime);
  const t = ticksOf(utc, c.systemTime());
  if (SYSMON_ACTIONS[id] !== undefined && t === null) {
    ctx.reportMalformed(unparseable(utc, id), line);
    return;
  }
  if (id === 1) procs.add(processCreateAt(c, t));
  else if (id === 5) procs.terminate(c.computer(), c.field(F.ProcessGuid) ?? '', t);
}
