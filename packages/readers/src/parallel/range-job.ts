import type { RecordBatch } from 'apache-arrow';
import { DEFENDER_TABLES } from '@kqlr/common/core';
import { BatchBuilder } from '../arrow/batch-builder.js';
import type { SysmonCorrelationCache } from '../formats/sysmon/correlation-cache.js';
import { InputError } from '../input-error.js';
import { countLineBreaks } from '../io/needle-lines.js';
import { reusedChunks } from '../io/reused-chunks.js';
import { textChunks } from '../io/text-chunks.js';
import { RecordTooLongError } from '../io/record-limit.js';
import type { InputFile } from '../scan/input-file.js';
import { FileScanContext } from '../scan/scan-context.js';
import type { FormatReader, TableScan } from '../scan/table-scan.js';
import type { InputFormat } from '../input-spec.js';

/**
 * The readers of the formats files are cut into ranges for (parallel-reads.ts `splittable`), loaded
 * on first use: a worker thread then loads these and not every format's modules (Sysmon, Arrow,
 * Parquet), which shortens its start by about a third of its own module loading.
 */
/**
 * Bytes of a range read before its first rows go out when the scan wants them soon (a `take`):
 * sparse rows would otherwise wait for the end of the range, half the file.
 * `where FileName endswith ".service" | take 3` over the bench's 834 MB Streaming export took
 * 2.5 s so (0.45 s on one thread). Not for every scan: one early batch per range cost full scans
 * 4-9% (its dictionaries are sent twice).
 */
const FIRST_BATCH_BYTES = 16 * 1024 * 1024;

const RANGE_READERS: Partial<Record<InputFormat, () => Promise<FormatReader>>> = {
  json: async () => (await import('../formats/json/json-reader.js')).readJson,
  'defender-csv': async () => (await import('../formats/csv/defender-csv.js')).readDefenderCsv,
};

/** One byte range of one text file, read for one table: the unit of work of a worker thread. */
export interface RangeJob {
  file: InputFile;
  table: string;
  columns: string[] | undefined;
  batchSize: number;
  textNeedles: string[] | undefined;
  start: number;
  end: number;
  /**
   * CSV: the file's bytes up to and including its header record, read before a range that does
   * not start the file, so the reader knows the columns. Its lines are not the range's lines.
   */
  prefix: Uint8Array | undefined;
  /** The file's problems were reported by an earlier scan (FileScanContext.quietPass). */
  quiet: boolean;
  /**
   * Another range continues this one (CSV): a record still open at its end is not read but
   * reported in the summary (`openTail`), since the next range then did not start at a record.
   */
  continued: boolean;
  /** Send the first rows after FIRST_BATCH_BYTES instead of at the range's end (ReaderScanOptions.firstRowsSoon). */
  firstRowsSoon?: boolean;
}

/** What a range reports besides its batches: lines are relative to the range (its first line is 1). */
export type RangeEvent =
  | { kind: 'batch'; batch: RecordBatch }
  | { kind: 'malformed'; reason: string; line: number | undefined }
  | { kind: 'warning'; message: string }
  | { kind: 'bytes'; n: number }
  | { kind: 'done'; summary: RangeSummary };

export interface RangeSummary {
  /** Line breaks in the range (so the next range's first line is this many lines further). */
  lineBreaks: number;
  skippedLines: number;
  otherTableRecords: number;
  prefilteredRows: number;
  minTicks: bigint | null;
  maxTicks: bigint | null;
  /** See RangeJob.continued: the open record's bytes at the range's end and its line breaks. */
  openTail: { bytes: number; lineBreaks: number } | null;
}

/**
 * Reads one range with the format's ordinary reader (so a range is read exactly as that part of
 * the file is read in one pass) and hands out its batches and reports in order. Malformed
 * records are not counted here: the consumer replays them on the file's own context, in order, so
 * `strict`, the counts and the callbacks behave as in one pass.
 */
export async function runRangeJob(
  job: RangeJob,
  emit: (e: RangeEvent) => void | Promise<void>,
  cancelled: () => boolean = () => false,
): Promise<void> {
  const prefixLines = job.prefix === undefined ? 0 : countLineBreaks(job.prefix, 0, job.prefix.length);
  const ctx = new FileScanContext(
    job.file,
    {
      onMalformed: (m) => void emit({ kind: 'malformed', reason: m.reason, line: m.line === undefined ? undefined : m.line - prefixLines }),
      onWarning: (message) => void emit({ kind: 'warning', message }),
    },
    job.quiet,
    (n) => void emit({ kind: 'bytes', n }),
    { first: job.firstRowsSoon === true ? FIRST_BATCH_BYTES : Infinity, then: Infinity },
  );
  const schema = DEFENDER_TABLES[job.table];
  if (schema === undefined) throw new Error(`unknown table ${job.table}`);
  const builder = new BatchBuilder(schema, job.columns, new Map());
  let lineBreaks = 0;
  const bytes = (): AsyncIterable<Uint8Array> =>
    rangeBytes(job.file.path, job.start, job.end, job.prefix, (chunk) => {
      // A cancelled range stops at its next chunk (at most 1 MiB later).
      if (cancelled()) throw new RangeCancelled();
      lineBreaks += countLineBreaks(chunk, 0, chunk.length);
      ctx.bytes(chunk.length);
    });
  const scan: TableScan = {
    file: job.file, table: job.table, schema, batchSize: job.batchSize, ctx, builder,
    bytes, text: () => textChunks(bytes()),
    // JSON lines and portal CSV never correlate (only Sysmon inputs do, and they are not split).
    sysmon: undefined as unknown as SysmonCorrelationCache,
    columns: job.columns, textNeedles: job.textNeedles,
  };
  let openTail: RangeSummary['openTail'] = null;
  if (job.continued) scan.onOpenTail = (bytes, breaks) => (openTail = { bytes, lineBreaks: breaks });
  const load = RANGE_READERS[job.file.format];
  if (load === undefined) throw new Error(`no range reader for format ${job.file.format}`);
  const read = await load();
  try {
    for await (const batch of read(scan)) await emit({ kind: 'batch', batch });
  } catch (err) {
    if (err instanceof RecordTooLongError) throw new RangeFailure(err.message, err.line - prefixLines, 'too-long');
    if (err instanceof InputError) throw new RangeFailure(err.message, err.line === undefined ? undefined : err.line - prefixLines, 'input');
    throw err;
  }
  await emit({
    kind: 'done',
    summary: {
      lineBreaks, skippedLines: ctx.skippedLines, otherTableRecords: ctx.otherTableRecords, prefilteredRows: ctx.prefilteredRows,
      minTicks: builder.minTicks, maxTicks: builder.maxTicks, openTail,
    },
  });
}

/** The consumer no longer wants the range. */
export class RangeCancelled extends Error {
  constructor() {
    super('range cancelled');
    this.name = 'RangeCancelled';
  }
}

/** A range's failure, with its line relative to the range (the consumer makes it the file's). */
export class RangeFailure extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly kind: 'too-long' | 'input',
  ) {
    super(message);
    this.name = 'RangeFailure';
  }
}

/**
 * The prefix, then the range's bytes; `onRangeChunk` sees only the range's own bytes. A chunk is
 * valid until the next is asked for (reused-chunks.ts): the readers' line splitting copies what
 * it keeps (needle-lines.ts).
 */
async function* rangeBytes(
  path: string,
  start: number,
  end: number,
  prefix: Uint8Array | undefined,
  onRangeChunk: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  if (prefix !== undefined && prefix.length > 0) yield prefix;
  yield* reusedChunks(path, start, end, onRangeChunk);
}

