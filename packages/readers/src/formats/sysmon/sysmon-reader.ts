import type { RecordBatch } from 'apache-arrow';
import { needleLineBlocks } from '../../io/needle-lines.js';
import { textChunks } from '../../io/text-chunks.js';
import { CellError } from '../../values/cell-error.js';
import type { TableScan } from '../../scan/table-scan.js';
import { DEFAULT_SORT_BUDGET, ExternalSorter } from '../../sort/external-sort.js';
import { FIELD_NAMES } from './event-cursor.js';
import { mappedFields } from './mapped-fields.js';
import { eventAt } from './process-create.js';
import type { ProcessTable } from './process-table.js';
import { LOCATED_EVENT_CODEC, type TimedEvent } from './timed-event.js';
import { peekSyslogForm } from './sysmon-form.js';
import { sysmonNeedleForms } from './sysmon-needles.js';
import { sysmonEvents } from './sysmon-source.js';
import { ColumnSlots, SYSMON_ACTIONS, writeFileEvent, writeProcessEvent } from './sysmon-to-defender.js';
import type { SysmonEvent } from './sysmon-event.js';
import { eventTicks } from './sysmon-values.js';
import { readSyslogBytes } from './syslog-bytes.js';
import { syslogLineEvent } from './syslog-line.js';

/** Sort buffer budget in bytes; `KQLR_SORT_BUFFER_BYTES` overrides it (tests force spilling with it). */
function sortBudget(): number {
  const v = Number(process.env['KQLR_SORT_BUFFER_BYTES']);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_SORT_BUDGET;
}

/**
 * Sysmon for Linux -> DeviceFileEvents (11, 23) or DeviceProcessEvents (1), §5. InitiatingProcess*
 * columns come from the run-wide process table (built first, by the correlation pass, which also
 * reported every malformed record), and rows come out sorted by Timestamp (§5.3), ties in file
 * order, through a stable external sort: memory stays within the sort budget however large the
 * file, sorted runs beyond it going to a temporary directory that is always removed.
 *
 * With `textNeedles`, syslog lines that cannot give a matching row are skipped unparsed
 * (sysmon-needles.ts says when that is exact); other lines are read in place from bytes.
 */
export async function* readSysmon(scan: TableScan): AsyncGenerator<RecordBatch> {
  const procs = await scan.sysmon.get();
  const slots = new ColumnSlots(scan.schema);
  const { builder, ctx } = scan;
  const sorter = new ExternalSorter<TimedEvent>(LOCATED_EVENT_CODEC, sortBudget());
  try {
    await collect(scan, procs, sorter);
    for await (const { event, line } of sorter.sorted()) {
      try {
        if (event.eventId === 1) writeProcessEvent(event, builder, slots, procs);
        else writeFileEvent(event, SYSMON_ACTIONS[event.eventId]!.action, builder, slots, procs);
        builder.commitRow();
      } catch (err) {
        if (!(err instanceof CellError)) throw err;
        builder.abortRow();
        ctx.reportMalformed(err.message, line);
      }
      if (builder.rows >= scan.batchSize) yield builder.flush();
    }
    if (builder.rows > 0) yield builder.flush();
  } finally {
    sorter.dispose();
  }
}

/** Puts the file's events of the scanned table into the sorter, with their Timestamp. */
async function collect(scan: TableScan, procs: ProcessTable, sorter: ExternalSorter<TimedEvent>): Promise<void> {
  const { ctx, file } = scan;
  const wanted = (id: number): boolean => SYSMON_ACTIONS[id]?.table === scan.table;
  let full = false;
  const add = (event: SysmonEvent, line: number): void => {
    const ticks = eventTicks(event);
    // No usable time: the correlation pass reported the record; it has no row.
    if (ticks === null || !wanted(event.eventId)) return;
    if (sorter.add({ ticks, line, event })) full = true;
  };
  const settle = async (): Promise<void> => {
    if (!full) return;
    full = false;
    await sorter.spill();
  };

  if (file.jsonLayout !== undefined || file.syslogCsv) {
    for await (const block of sysmonEvents(scan.text(), ctx, file, wanted)) {
      for (const { event, line } of block) add(event, line);
      await settle();
    }
    return;
  }
  const form = await peekSyslogForm(scan.bytes());
  if (!form.syslog) {
    for await (const block of sysmonEvents(textChunks(form.bytes), ctx, file, wanted)) {
      for (const { event, line } of block) add(event, line);
      await settle();
    }
    return;
  }
  const forms = sysmonNeedleForms(scan.textNeedles, scan.columns, procs);
  if (forms !== undefined) {
    for await (const block of needleLineBlocks(form.bytes, forms)) {
      for (let k = 0; k < block.lines.length; k++) {
        const r = syslogLineEvent(block.lines[k]!, ctx, wanted);
        if (r !== undefined && r !== null && !('error' in r)) add(r, block.lineNumbers[k]!);
      }
      await settle();
    }
    return;
  }
  const fields = mappedFields(scan.table, scan.columns);
  await readSyslogBytes(form.bytes, ctx, {
    fast: (c, line) => add(eventAt(c, fields, FIELD_NAMES), line),
    scanned: (r, line) => {
      if (r !== null && !('error' in r)) add(r, line);
    },
    chunkDone: settle,
  }, wanted);
}
