import type { RecordBatch } from 'apache-arrow';
import { needleLineBlocks } from '../../io/needle-lines.js';
import { textChunks } from '../../io/text-chunks.js';
import { CellError } from '../../values/cell-error.js';
import type { TableScan } from '../../scan/table-scan.js';
import { DEFAULT_SORT_BUDGET, ExternalSorter } from '../../sort/external-sort.js';
import { SkippedTally } from '../../scan/skipped-tally.js';
import { FIELD_NAMES } from './event-cursor.js';
import { mappedFields } from './mapped-fields.js';
import { eventAt, projectedEvent } from './process-create.js';
import { CandidateKeys, type ProcessLog } from './process-log.js';
import { LOCATED_EVENT_CODEC, type TimedEvent } from './timed-event.js';
import { peekSyslogForm } from './sysmon-form.js';
import { sysmonNeedleForms, sysmonTextForms } from './sysmon-needles.js';
import { openLines } from './line-reader.js';
import { startEarlyScan, type EarlyScan } from './early-scan.js';
import { sysmonEvents } from './sysmon-source.js';
import { ColumnSlots, SYSMON_ACTIONS, writeFileEvent, writeProcessEvent } from './sysmon-to-defender.js';
import type { SysmonEvent } from './sysmon-event.js';
import { eventTicks } from './sysmon-values.js';
import { readSyslogBytes } from './syslog-bytes.js';
import { syslogLineEvent } from './syslog-line.js';
import { LowerNeedles } from './text-store.js';

/**
 * The Timestamp sort's buffer: 4 MiB of encoded events, a sixteenth of the default. Sysmon rows
 * are wide (every mapped text of the event), and a large log's needle hits (40 k events at 1e7
 * bench rows, ~28 MB encoded) would otherwise make the buffer grow with the input: beyond it they
 * wait in sorted runs on disk (one 64 KiB read buffer each in the merge).
 */
const SYSMON_SORT_BUDGET = DEFAULT_SORT_BUDGET / 16;

/** Sort buffer budget in bytes; `KQLR_SORT_BUFFER_BYTES` overrides it (tests force spilling with it). */
function sortBudget(): number {
  const v = Number(process.env['KQLR_SORT_BUFFER_BYTES']);
  return Number.isFinite(v) && v > 0 ? v : SYSMON_SORT_BUDGET;
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
  const text = sysmonTextForms(scan.textNeedles, scan.columns);
  // Started with the correlation pass (input-set passes the scan as a hint), or now if the pass
  // has not run yet.
  const early = text === undefined ? undefined : scan.sysmon.takeEarly(scan.file.path, text.forms) ?? startEarlyScan(scan.file, scan, scan.sysmon.ready);
  let log: ProcessLog;
  try {
    log = await scan.sysmon.get();
  } catch (err) {
    early?.cancel();
    throw err;
  }
  const slots = new ColumnSlots(scan.schema);
  const { builder, ctx } = scan;
  const sorter = new ExternalSorter<TimedEvent>(LOCATED_EVENT_CODEC, sortBudget());
  try {
    const { prefiltered, candidates } = await collect(scan, log, sorter, early);
    // A prefiltered syslog scan's rows need only the processes they can reach; others need all.
    const procs = candidates === undefined ? log.fullTable() : log.tableFor(candidates);
    let last = -1;
    let lastTicks = 0n;
    let rows = 0;
    for await (const { event, line, ticks } of sorter.sorted()) {
      // The same line found by its text and by its process (adjacent in this order): one row.
      if (line === last && ticks === lastTicks) continue;
      last = line;
      lastTicks = ticks;
      rows++;
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
    if (prefiltered) {
      // Skipped lines are events of the table all the same (counted, in the Timestamp range).
      const all = scan.sysmon.rowsOf(scan.file.path, scan.table);
      const skipped = new SkippedTally();
      skipped.records = all.records - rows;
      skipped.minTicks = all.minTicks;
      skipped.maxTicks = all.maxTicks;
      ctx.foldSkipped(skipped, builder);
    }
    if (builder.rows > 0) yield builder.flush();
  } finally {
    sorter.dispose();
    early?.cancel();
  }
}

/** What `collect` did: whether lines were skipped, and the keys of the rows' processes when known. */
interface Collected {
  prefiltered: boolean;
  /** Set when only the events put in the sorter were parsed (the prefilter with event refs). */
  candidates?: CandidateKeys;
}

/**
 * Puts the file's events of the scanned table into the sorter, with their Timestamp.
 */
async function collect(
  scan: TableScan,
  log: ProcessLog,
  sorter: ExternalSorter<TimedEvent>,
  early: EarlyScan | undefined,
): Promise<Collected> {
  const { ctx, file } = scan;
  const wanted = (id: number): boolean => SYSMON_ACTIONS[id]?.table === scan.table;
  let full = false;
  const fields = mappedFields(scan.table, scan.columns);
  let candidates: CandidateKeys | undefined;
  /** `read`: the event came from the byte cursor (eventAt), projected already. */
  const add = (event: SysmonEvent, line: number, read = false): void => {
    const ticks = eventTicks(event);
    // No usable time: the correlation pass reported the record; it has no row.
    if (ticks === null || !wanted(event.eventId)) return;
    const projected = read ? event : projectedEvent(event, fields, FIELD_NAMES);
    if (candidates !== undefined) addCandidate(candidates, projected);
    if (sorter.add({ ticks, line, event: projected })) full = true;
  };
  const settle = async (): Promise<void> => {
    if (!full) return;
    full = false;
    await sorter.spill();
  };

  if (file.jsonLayout !== undefined || file.syslogCsv) {
    early?.cancel();
    for await (const block of sysmonEvents(scan.text(), ctx, file, wanted)) {
      for (const { event, line } of block) add(event, line);
      await settle();
    }
    return { prefiltered: false };
  }
  const form = await peekSyslogForm(scan.bytes());
  if (!form.syslog) {
    early?.cancel();
    for await (const block of sysmonEvents(textChunks(form.bytes), ctx, file, wanted)) {
      for (const { event, line } of block) add(event, line);
      await settle();
    }
    return { prefiltered: false };
  }
  const text = sysmonTextForms(scan.textNeedles, scan.columns);
  const refs = text === undefined ? undefined : scan.sysmon.refsOf(file.path, scan.table);
  if (text !== undefined && refs !== undefined) {
    // Lines holding a needle (found by the worker started before the correlation pass, or now),
    // then lines whose row may take strings from a process holding one.
    candidates = new CandidateKeys();
    const found = early === undefined ? null : await early.result();
    const blocks = found !== null ? found.blocks() : needleLineBlocks(form.bytes, text.forms);
    if (found !== null) await form.close();
    for await (const block of blocks) {
      for (let k = 0; k < block.lines.length; k++) {
        const r = syslogLineEvent(block.lines[k]!, ctx, wanted);
        if (r !== undefined && r !== null && !('error' in r)) add(r, block.lineNumbers[k]!);
      }
      await settle();
    }
    const needle = log.needleKeys(new LowerNeedles(text.needles));
    const lines = await openLines(file.path);
    try {
      for (const block of refs.blocks()) {
        for (let k = 0; k < block.length; k++) {
          if (!needle.guid.has(block.guidKeys[k]!) && !needle.pid.has(block.pidKeys[k]!)) continue;
          const r = syslogLineEvent(await lines.at(block.offsets[k]!), ctx, wanted);
          if (r !== undefined && r !== null && !('error' in r)) add(r, block.lines[k]!);
          await settle();
        }
      }
    } finally {
      await lines.close();
    }
    return { prefiltered: true, candidates };
  }
  early?.cancel();
  const forms = sysmonNeedleForms(scan.textNeedles, scan.columns, log.fullTable());
  if (forms !== undefined) {
    for await (const block of needleLineBlocks(form.bytes, forms)) {
      for (let k = 0; k < block.lines.length; k++) {
        const r = syslogLineEvent(block.lines[k]!, ctx, wanted);
        if (r !== undefined && r !== null && !('error' in r)) add(r, block.lineNumbers[k]!);
      }
      await settle();
    }
    return { prefiltered: true };
  }
  await readSyslogBytes(form.bytes, ctx, {
    fast: (c, line) => add(eventAt(c, fields, FIELD_NAMES), line, true),
    scanned: (r, line) => {
      if (r !== null && !('error' in r)) add(r, line);
    },
    chunkDone: settle,
  }, wanted);
  return { prefiltered: false };
}

/** The keys the row writer looks the event's process up by (an EventID 1 row's: its parent's). */
function addCandidate(keys: CandidateKeys, e: SysmonEvent): void {
  const d = e.data;
  if (e.eventId === 1) keys.add(e.computer, d['ParentProcessGuid'] ?? '', d['ParentProcessId'] ?? '');
  else keys.add(e.computer, d['ProcessGuid'] ?? '', d['ProcessId'] ?? '');
}
