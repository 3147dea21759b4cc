import { availableParallelism } from 'node:os';
import { tableFromIPC, type RecordBatch } from 'apache-arrow';
import type { BatchBuilder } from '../arrow/batch-builder.js';
import { InputError } from '../input-error.js';
import type { ReaderOptions } from '../reader-options.js';
import type { InputFile } from '../scan/input-file.js';
import type { FileScanContext } from '../scan/scan-context.js';
import { csvNeedleForms, jsonNeedleForms } from '../scan/scan-hints.js';
import { readHead } from '../io/byte-stream.js';
import { csvRecordBreaks } from '../io/needle-lines.js';
import { inProcessRange, type LocalEvent } from './in-process-range.js';
import type { RangeJob, RangeSummary } from './range-job.js';
import { sharedRangePool, type RangeHandle, type RangePool } from './range-pool.js';
import { lineAlignedRanges } from './split-ranges.js';
import { FULL_SCAN_YOUNG_GENERATION_MB, WORKER_YOUNG_GENERATION_MB } from './worker-limits.js';

/**
 * A full scan's range (see ParallelReads): with 16 Ki-row batches, MAX_BATCHES_IN_FLIGHT hold
 * ~64 Ki rows, ~40 MB of flat JSON Lines and ~20 MB of portal CSV (DeviceFileEvents).
 */
export const FULL_SCAN_RANGE_BYTES = 16 * 1024 * 1024;
/** Ranges handed to the pool past the one being consumed, per worker. */
const SUBMITTED_AHEAD = 2;

/** Below this many bytes of splittable input, starting worker threads costs more than it saves. */
export const DEFAULT_PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

export interface ParallelScan {
  table: string;
  columns: string[] | undefined;
  batchSize: number;
  textNeedles: string[] | undefined;
  /** ReaderScanOptions.firstRowsSoon. */
  firstRowsSoon?: boolean;
}

/**
 * One table scan's reads on worker threads (performance-notes §2.5): every large uncompressed
 * JSON Lines or portal CSV file is cut into line-aligned byte ranges; several files queue up on
 * the same workers, so small files are read side by side too. The consumer takes each file's
 * ranges in order, so rows come out in file order and a range's line numbers become the file's by
 * adding the line breaks of the ranges before it.
 *
 * CSV: a line break may sit inside a quoted field, so a cut may fall inside a record. Each range
 * after the first reads the file's header first, and each range but the last reports a record
 * still open at its end instead of reading it; then the next range did not start at a record,
 * and the rest of the file is read from that open record on, in one pass on this thread.
 *
 * A prefiltered scan (text needles the format can use) gets one range per worker: its batches
 * hold candidates only. A full scan (every row parsed: a rule without usable needles, kqlr
 * convert) gets ranges of FULL_SCAN_RANGE_BYTES, so that a range fits in the
 * batches a worker may post ahead (MAX_BATCHES_IN_FLIGHT) and a worker whose range the consumer
 * has not reached yet finishes it and takes the next instead of waiting. Ranges are handed to the pool only
 * SUBMITTED_AHEAD at a time past the one being consumed: rows read ahead stay bounded, and the
 * range the consumer waits for is always submitted before any later one (the pool's order).
 * Each range builds its own dictionaries; batches never share them across ranges.
 */
export class ParallelReads {
  /** Per file, its ranges' positions in `jobs`. */
  private readonly handles = new Map<string, number[]>();
  private readonly jobs: RangeJob[] = [];
  private readonly submitted: (RangeHandle | null)[] = [];
  /** Jobs not to start (the rest of a CSV file read on this thread instead): null in `submitted`. */
  private readonly skipped = new Set<number>();

  private constructor(
    private readonly pool: RangePool,
    private readonly ahead: number,
  ) {}

  /**
   * Starts the worker threads ahead of the first scan when the inputs will use them (module
   * loading then overlaps the caller's own work, e.g. compiling the query).
   */
  static warm(files: readonly InputFile[], options: ReaderOptions): void {
    const workers = workerCount(options);
    const minBytes = options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES;
    const total = files.filter((f) => splittable(f, undefined)).reduce((s, f) => s + f.size, 0);
    if (workers >= 2 && total >= minBytes) sharedRangePool(workers);
  }

  static async start(
    files: readonly InputFile[],
    scan: ParallelScan,
    options: ReaderOptions,
    quiet: (f: InputFile) => boolean,
  ): Promise<ParallelReads | null> {
    const workers = workerCount(options);
    const minBytes = options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES;
    if (workers < 2) return null;
    const json = jsonNeedleForms(scan.textNeedles) !== undefined;
    const csv = csvNeedleForms(scan.textNeedles) !== undefined;
    const eligible = files.filter((f) => splittable(f, scan.table));
    const total = eligible.reduce((s, f) => s + f.size, 0);
    if (eligible.length === 0 || total < minBytes) return null;
    // Workers parsing every row keep more alive between scavenges (worker-limits.ts).
    const fullScan = eligible.some((f) => !(f.format === 'defender-csv' ? csv : json));
    const pool = sharedRangePool(workers, fullScan ? FULL_SCAN_YOUNG_GENERATION_MB : WORKER_YOUNG_GENERATION_MB);
    const reads = new ParallelReads(pool, SUBMITTED_AHEAD * workers);
    try {
      for (const file of eligible) {
        const prefiltered = file.format === 'defender-csv' ? csv : json;
        // CSV: every range after the first is read after the file's header (the prefix).
        const prefix = file.format === 'defender-csv' ? await csvHeaderPrefix(file.path) : undefined;
        const cuttable = file.size >= minBytes && (file.format !== 'defender-csv' || prefix !== undefined);
        const parts = !cuttable ? 1 : prefiltered ? workers : Math.max(workers, Math.ceil(file.size / (options.fullScanRangeBytes ?? FULL_SCAN_RANGE_BYTES)));
        const ranges = await lineAlignedRanges(file.path, prefix?.length ?? 0, file.size, parts);
        ranges[0]!.start = 0;
        reads.handles.set(file.path, ranges.map((r, k) => reads.jobs.push({
          file, table: scan.table, columns: scan.columns, batchSize: scan.batchSize, textNeedles: scan.textNeedles,
          start: r.start, end: r.end, prefix: k === 0 ? undefined : prefix, quiet: quiet(file),
          continued: file.format === 'defender-csv' && k + 1 < ranges.length,
          firstRowsSoon: scan.firstRowsSoon === true,
        }) - 1));
      }
      reads.submitUpTo(reads.ahead);
    } catch (err) {
      reads.close();
      throw err;
    }
    return reads;
  }

  /** Hands jobs to the pool, in order, until `count` are. */
  private submitUpTo(count: number): void {
    while (this.submitted.length < Math.min(count, this.jobs.length)) {
      const i = this.submitted.length;
      this.submitted.push(this.skipped.has(i) ? null : this.pool.submit(this.jobs[i]!));
    }
  }

  /** The handle of job `index`, submitting it and those before it; the ones after it follow, `ahead` at most. */
  private handle(index: number): RangeHandle {
    this.submitUpTo(index + 1 + this.ahead);
    const h = this.submitted[index];
    if (h === null || h === undefined) throw new Error(`internal: range ${index} of a parallel scan was not started`);
    return h;
  }

  has(file: InputFile): boolean {
    return this.handles.has(file.path);
  }

  /** The file's batches in order; its reports, counts and Timestamp range go to `ctx` and `builder`. */
  async *read(file: InputFile, ctx: FileScanContext, builder: BatchBuilder): AsyncGenerator<RecordBatch> {
    let lineBase = 0;
    const indices = this.handles.get(file.path) ?? [];
    for (let k = 0; k < indices.length; k++) {
      const range = this.handle(indices[k]!);
      let summary: RangeSummary | undefined;
      for await (const m of range.events()) {
        if (m.type === 'batch') {
          const batches = tableFromIPC(m.ipc).batches;
          range.ack();
          yield* batches;
          continue;
        }
        if (m.type === 'done') summary = m.summary;
        apply(m, k === 0, lineBase, file, ctx, builder);
      }
      if (summary === undefined) return; // cancelled
      const tail = summary.openTail;
      if (tail !== null) {
        // The next range began inside a quoted field (a line break in a CSV value): the rest of
        // the file, from the open record on, is read here in one pass instead.
        // Its later ranges stop, and those not handed to the pool yet never start.
        for (const later of indices.slice(k + 1)) {
          this.submitted[later]?.cancel();
          this.skipped.add(later);
        }
        const rest = { ...range.job, start: range.job.end - tail.bytes, end: file.size, continued: false, prefix: this.jobs[indices[1] ?? -1]?.prefix };
        const base = lineBase + summary.lineBreaks - tail.lineBreaks;
        for await (const e of inProcessRange(rest)) {
          if (e.type === 'local-batch') yield e.batch;
          else apply(e, false, base, file, ctx, builder);
        }
        return;
      }
      lineBase += summary.lineBreaks;
    }
  }

  /** Cancels what was not read (a consumer that stopped early, or a failure); nothing more is submitted. */
  close(): void {
    for (const r of this.submitted) r?.cancel();
    this.jobs.length = this.submitted.length;
  }
}

/** A range's event (other than a batch) applied to the file's scan; `lineBase` makes its lines the file's. */
function apply(m: LocalEvent, first: boolean, lineBase: number, file: InputFile, ctx: FileScanContext, builder: BatchBuilder): void {
  switch (m.type) {
    case 'malformed':
      ctx.reportMalformed(m.reason, m.line === undefined ? undefined : m.line + lineBase);
      return;
    case 'warning':
      // Only the range that starts the file reads the header as written.
      if (first) ctx.options.onWarning?.(m.message);
      return;
    case 'bytes':
      ctx.bytes(m.n);
      return;
    case 'done':
      ctx.skippedLines += m.summary.skippedLines;
      ctx.otherTableRecords += m.summary.otherTableRecords;
      ctx.prefilteredRows += m.summary.prefilteredRows;
      builder.observeTicks(m.summary.minTicks, m.summary.maxTicks);
      return;
    case 'failed':
      if (m.kind === 'bug') throw new Error(`worker thread failed reading ${file.path}: ${m.message}`);
      // A reader's own InputError already names the file (a range after the first has none).
      if (m.kind === 'input' || m.line === undefined) throw new InputError(m.message, file.path, m.line);
      throw new InputError(`${file.path}:${m.line + lineBase}: ${m.message}`, file.path, m.line + lineBase);
    case 'cancelled':
    case 'local-batch':
      return;
  }
}

/**
 * The bytes of a CSV file up to and including its header record (blank lines before it too), cut
 * as the prefilter cuts records; undefined when the header does not end in the first 64 KiB.
 */
async function csvHeaderPrefix(path: string): Promise<Uint8Array | undefined> {
  const { head } = await readHead(path, 64 * 1024);
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  let from = 0;
  for (const end of csvRecordBreaks(buf)) {
    if (!isBlankText(buf, from, end)) return Uint8Array.prototype.slice.call(head, 0, end + 1);
    from = end + 1;
  }
  return undefined;
}

function isBlankText(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 32 && b[i] !== 9 && b[i] !== 13) return false;
  return true;
}

function workerCount(options: ReaderOptions): number {
  return Math.min(options.workers ?? availableParallelism(), 16);
}

/** Files whose byte ranges read independently (for `table`, or any): uncompressed JSON Lines and portal CSV. */
function splittable(f: InputFile, table: string | undefined): boolean {
  if (f.gzip || (table !== undefined && !f.tables.includes(table))) return false;
  return (f.format === 'json' && f.jsonLayout === 'lines') || f.format === 'defender-csv';
}
