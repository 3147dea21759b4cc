import { textChunks } from '../../io/text-chunks.js';
import { byteStream } from '../../io/byte-stream.js';
import type { InputFile } from '../../scan/input-file.js';
import type { FileScanContext } from '../../scan/scan-context.js';
import { ProcessTable } from './process-table.js';
import { sysmonEvents } from './sysmon-source.js';
import { SYSMON_ACTIONS } from './sysmon-to-defender.js';
import { eventTicks } from './sysmon-values.js';

/**
 * The process table of all Sysmon inputs of a run, built on first use by one pass over every
 * Sysmon file (so a file event can be explained by an EventID 1 that comes later or sits in
 * another file, §5.3). That pass also reports each file's malformed records and skipped lines.
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
      const text = textChunks(byteStream(file.path, file.gzip, (n) => ctx.bytes(n)));
      let events = 0;
      for await (const block of sysmonEvents(text, ctx, file)) {
        events += block.length;
        for (const { event, line } of block) {
          // Mapping errors are found here, on the pass that reports; the mapping pass is quiet.
          if (SYSMON_ACTIONS[event.eventId] !== undefined && eventTicks(event) === null) {
            ctx.reportMalformed(`unparseable UtcTime ${JSON.stringify(event.data['UtcTime'] ?? '')} (EventID ${event.eventId})`, line);
            continue;
          }
          if (event.eventId === 1) procs.add(event);
          else if (event.eventId === 5) procs.terminate(event);
        }
      }
      if (events === 0 && ctx.malformed === 0) {
        ctx.warn(`no Sysmon <Event> records found (${ctx.skippedLines} other line(s) skipped)`);
      }
      this.malformed.set(file.path, (this.malformed.get(file.path) ?? 0) + ctx.malformed);
      this.markReported(file, ctx);
    }
    return procs;
  }
}
