import { availableParallelism } from 'node:os';
import { tableFromIPC, type RecordBatch } from 'apache-arrow';
import type { BatchBuilder } from '../arrow/batch-builder.js';
import { InputError } from '../input-error.js';
import type { ReaderOptions } from '../reader-options.js';
import type { InputFile } from '../scan/input-file.js';
import type { FileScanContext } from '../scan/scan-context.js';
import { jsonNeedleForms } from '../scan/scan-hints.js';
import { sharedRangePool, type RangeHandle } from './range-pool.js';
import { lineAlignedRanges } from './split-ranges.js';

/** Below this many bytes of splittable input, starting worker threads costs more than it saves. */
export const DEFAULT_PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

export interface ParallelScan {
  table: string;
  columns: string[] | undefined;
  batchSize: number;
  textNeedles: string[] | undefined;
}

/**
 * One table scan's reads on worker threads (performance-notes §2.5): every large uncompressed
 * JSON Lines file is cut into line-aligned byte ranges, one per worker; several files queue up
 * on the same workers, so small files are read side by side too. The consumer takes each file's
 * ranges in order, so rows come out in file order and a range's line numbers become the file's by
 * adding the line breaks of the ranges before it.
 *
 * Only scans with text needles go here (the rule's scans): their batches are small (candidates
 * only) and each worker builds its own dictionaries, which a consumer expecting one growing
 * dictionary per file (kqlr convert) should not see.
 */
export class ParallelReads {
  private constructor(private readonly handles: Map<string, RangeHandle[]>) {}

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
    if (workers < 2 || jsonNeedleForms(scan.textNeedles) === undefined) return null;
    const eligible = files.filter((f) => splittable(f, scan.table));
    const total = eligible.reduce((s, f) => s + f.size, 0);
    if (eligible.length === 0 || total < minBytes) return null;
    const pool = sharedRangePool(workers);
    const reads = new ParallelReads(new Map());
    try {
      for (const file of eligible) {
        const ranges = await lineAlignedRanges(file.path, 0, file.size, file.size >= minBytes ? workers : 1);
        reads.handles.set(file.path, ranges.map((r) => pool.submit({
          file, table: scan.table, columns: scan.columns, batchSize: scan.batchSize, textNeedles: scan.textNeedles,
          start: r.start, end: r.end, prefix: undefined, quiet: quiet(file),
        })));
      }
    } catch (err) {
      reads.close();
      throw err;
    }
    return reads;
  }

  has(file: InputFile): boolean {
    return this.handles.has(file.path);
  }

  /** The file's batches in order; its reports, counts and Timestamp range go to `ctx` and `builder`. */
  async *read(file: InputFile, ctx: FileScanContext, builder: BatchBuilder): AsyncGenerator<RecordBatch> {
    let lineBase = 0;
    const ranges = this.handles.get(file.path) ?? [];
    for (let k = 0; k < ranges.length; k++) {
      const range = ranges[k]!;
      for await (const m of range.events()) {
        switch (m.type) {
          case 'batch': {
            const batches = tableFromIPC(m.ipc).batches;
            range.ack();
            yield* batches;
            break;
          }
          case 'malformed':
            ctx.reportMalformed(m.reason, m.line === undefined ? undefined : m.line + lineBase);
            break;
          case 'warning':
            // Only the range that starts the file sees the header as written.
            if (k === 0) ctx.options.onWarning?.(m.message);
            break;
          case 'bytes':
            ctx.bytes(m.n);
            break;
          case 'done':
            lineBase += m.summary.lineBreaks;
            ctx.skippedLines += m.summary.skippedLines;
            ctx.otherTableRecords += m.summary.otherTableRecords;
            ctx.prefilteredRows += m.summary.prefilteredRows;
            builder.observeTicks(m.summary.minTicks, m.summary.maxTicks);
            break;
          case 'failed':
            if (m.kind === 'bug') throw new Error(`worker thread failed reading ${file.path}: ${m.message}`);
            // A reader's own InputError already names the file (a range after the first has none).
            if (m.kind === 'input' || m.line === undefined) throw new InputError(m.message, file.path, m.line);
            throw new InputError(`${file.path}:${m.line + lineBase}: ${m.message}`, file.path, m.line + lineBase);
        }
      }
    }
  }

  /** Cancels what was not read (a consumer that stopped early, or a failure). */
  close(): void {
    for (const ranges of this.handles.values()) for (const r of ranges) r.cancel();
  }
}

function workerCount(options: ReaderOptions): number {
  return Math.min(options.workers ?? availableParallelism(), 16);
}

/** Files whose byte ranges read independently (for `table`, or any): uncompressed JSON Lines. */
function splittable(f: InputFile, table: string | undefined): boolean {
  return !f.gzip && f.format === 'json' && f.jsonLayout === 'lines' && (table === undefined || f.tables.includes(table));
}
