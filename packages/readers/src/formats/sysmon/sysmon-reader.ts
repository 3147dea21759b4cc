import type { RecordBatch } from 'apache-arrow';
import { CellError } from '../../values/cell-error.js';
import type { TableScan } from '../../scan/table-scan.js';
import { sysmonEvents } from './sysmon-source.js';
import { ColumnSlots, SYSMON_ACTIONS, writeFileEvent, writeProcessEvent } from './sysmon-to-defender.js';

/**
 * Sysmon for Linux -> DeviceFileEvents (11, 23) or DeviceProcessEvents (1), §5. Rows come out in
 * input order (KQL tables are unordered); InitiatingProcess* columns are filled from the run-wide
 * process table.
 */
export async function* readSysmon(scan: TableScan): AsyncGenerator<RecordBatch> {
  const procs = await scan.sysmon.get();
  const slots = new ColumnSlots(scan.schema);
  const { builder, ctx } = scan;
  for await (const block of sysmonEvents(scan.text(), ctx, scan.file, (id) => SYSMON_ACTIONS[id]?.table === scan.table)) {
    for (const { event, line } of block) {
      const target = SYSMON_ACTIONS[event.eventId];
      if (target === undefined || target.table !== scan.table) continue;
      try {
        if (event.eventId === 1) writeProcessEvent(event, builder, slots, procs);
        else writeFileEvent(event, target.action, builder, slots, procs);
        builder.commitRow();
      } catch (err) {
        if (!(err instanceof CellError)) throw err;
        builder.abortRow();
        ctx.reportMalformed(err.message, line);
      }
    }
    if (builder.rows >= scan.batchSize) yield builder.flush();
  }
  if (builder.rows > 0) yield builder.flush();
}
