import type { RecordBatch } from 'apache-arrow';
import { DEFENDER_TABLES, type LateScanOptions, type PruningScanOptions, type TableProvider, type TableSchema } from '@kqlr/common';
import type { ReaderScanOptions } from './scan/scan-hints.js';
import { InputError, locate } from './input-error.js';
import { RecordTooLongError } from './io/record-limit.js';
import { BatchBuilder } from './arrow/batch-builder.js';
import { byteStream } from './io/byte-stream.js';
import { textChunks } from './io/text-chunks.js';
import { DEFAULT_BATCH_SIZE, type ReaderOptions } from './reader-options.js';
import type { FileStats, InputFile } from './scan/input-file.js';
import { READERS } from './scan/readers.js';
import { FileScanContext, MalformedReports } from './scan/scan-context.js';
import type { TableScan } from './scan/table-scan.js';
import { SysmonCorrelationCache } from './formats/sysmon/correlation-cache.js';
import { ParallelReads } from './parallel/parallel-reads.js';

export interface TableStats {
  /** Rows produced by the last complete scan of the table. */
  events: number;
  /** Malformed records reported while scanning the table. */
  malformed: number;
  minTimestamp: bigint | null;
  maxTimestamp: bigint | null;
}

export type { FileStats, InputFile } from './scan/input-file.js';

/**
 * The inputs of one run: one lazy, streaming TableProvider per table, plus what was learnt while
 * scanning (event and malformed counts, Timestamp range). Counts are valid after a scan.
 */
export class InputSet {
  readonly tables = new Map<string, TableProvider>();
  readonly totalBytes: number;
  readonly warnings: string[] = [];
  private readonly warned = new Set<string>();
  private readonly tableStats = new Map<string, TableStats>();
  private readonly fileStats = new Map<string, FileStats>();
  private readonly reported = new Set<string>();
  /** Per file, until a scan reads it to its end: the malformed records scans that stopped early reported. */
  private readonly malformedReports = new Map<string, MalformedReports>();
  /** Rows per (file, table) of the last scan of that table, so re-scans do not add up. */
  private readonly fileTableEvents = new Map<string, Map<string, number>>();
  private bytesRead = 0;
  readonly sysmon: SysmonCorrelationCache;

  constructor(
    readonly files: readonly InputFile[],
    private readonly options: ReaderOptions,
  ) {
    this.totalBytes = files.reduce((s, f) => s + f.size, 0);
    for (const f of files) {
      this.fileStats.set(f.path, { path: f.path, format: f.format, events: 0, malformed: 0, skippedLines: 0, otherTableRecords: 0 });
    }
    this.sysmon = new SysmonCorrelationCache(files.filter((f) => f.format === 'sysmon'), (f) => this.contextFor(f), (f, ctx) => this.markReported(f, ctx));
    const names = [...new Set(files.flatMap((f) => f.tables))];
    for (const name of Object.keys(DEFENDER_TABLES)) {
      if (!names.includes(name)) continue;
      const schema = DEFENDER_TABLES[name]!;
      const feeding = files.filter((f) => f.tables.includes(name));
      this.tables.set(name, new FileTableProvider(name, schema, feeding, this));
    }
  }

  /** Rows of `table` seen by its last scan (0 before any scan). */
  eventCount(table: string): number {
    return this.tableStats.get(table)?.events ?? 0;
  }

  /** Malformed records seen so far, for one table or for all inputs. */
  malformedCount(table?: string): number {
    if (table !== undefined) return this.tableStats.get(table)?.malformed ?? 0;
    let n = 0;
    for (const f of this.fileStats.values()) n += f.malformed;
    return n;
  }

  statsOf(table: string): TableStats | undefined {
    return this.tableStats.get(table);
  }

  /** Per-file counts; `events` sums the rows the file gave to each table's last scan. */
  statsOfFile(path: string): FileStats | undefined {
    const f = this.fileStats.get(path);
    if (f === undefined) return undefined;
    let events = 0;
    for (const n of this.fileTableEvents.get(path)?.values() ?? []) events += n;
    return { ...f, events };
  }

  /** Min and max Timestamp over all scanned tables, or null before a scan / with no rows. */
  timestampRange(): { min: bigint; max: bigint } | null {
    let min: bigint | null = null;
    let max: bigint | null = null;
    for (const s of this.tableStats.values()) {
      if (s.minTimestamp !== null && (min === null || s.minTimestamp < min)) min = s.minTimestamp;
      if (s.maxTimestamp !== null && (max === null || s.maxTimestamp > max)) max = s.maxTimestamp;
    }
    return min === null || max === null ? null : { min, max };
  }

  /** @internal */
  contextFor(file: InputFile): FileScanContext {
    const warn = this.options.onWarning;
    // A file read again before it was read to its end once (a scan a query stopped early, then
    // another) would warn again: the same text is reported once.
    const onWarning = (m: string): void => {
      if (this.warned.has(m)) return;
      this.warned.add(m);
      this.warnings.push(m);
      warn?.(m);
    };
    const opts: ReaderOptions = { ...this.options, onWarning };
    let reports = this.malformedReports.get(file.path);
    if (reports === undefined) this.malformedReports.set(file.path, (reports = new MalformedReports()));
    return new FileScanContext(file, opts, this.reported.has(file.path), (n) => this.addBytes(n), undefined, reports);
  }

  /** @internal */
  markReported(file: InputFile, ctx?: FileScanContext): void {
    if (ctx !== undefined && !ctx.quietPass) ctx.fold(this.fileStats.get(file.path)!);
    this.reported.add(file.path);
    // Later scans of the file are quiet passes: they never look the records up.
    this.malformedReports.delete(file.path);
  }

  /** @internal */
  beginTable(table: string): TableStats {
    const s: TableStats = { events: 0, malformed: 0, minTimestamp: null, maxTimestamp: null };
    this.tableStats.set(table, s);
    return s;
  }

  /** @internal */
  fileEvents(path: string, table: string, n: number): void {
    let m = this.fileTableEvents.get(path);
    if (m === undefined) this.fileTableEvents.set(path, (m = new Map()));
    m.set(table, n);
  }

  private addBytes(n: number): void {
    this.bytesRead += n;
    // Files feeding several tables, Sysmon's correlation pass and a second pass (kqlr run --now
    // latest) read bytes again: counted again, so a display can tell the passes apart.
    this.options.onProgress?.({ bytesRead: this.bytesRead, totalBytes: this.totalBytes });
  }

  /** @internal */
  get readerOptions(): ReaderOptions {
    return this.options;
  }
}

class FileTableProvider implements TableProvider {
  constructor(
    readonly name: string,
    readonly schema: TableSchema,
    private readonly files: readonly InputFile[],
    private readonly set: InputSet,
  ) {}

  async *scan(options: ReaderScanOptions = {}): AsyncIterable<RecordBatch> {
    try {
      yield* this.scanFiles(options);
    } catch (err) {
      if (err instanceof RecordTooLongError) throw new InputError(locate(this.currentFile, err.message, err.line), this.currentFile, err.line);
      throw err;
    }
  }

  private currentFile = '';

  private async *scanFiles(options: ReaderScanOptions): AsyncIterable<RecordBatch> {
    const stats = this.set.beginTable(this.name);
    const batchSize = options.batchSize ?? this.set.readerOptions.batchSize ?? DEFAULT_BATCH_SIZE;
    const textNeedles = prefilterAllowed(this.set.readerOptions) ? options.textNeedles : undefined;
    const parallel = await ParallelReads.start(
      this.files,
      {
        table: this.name, columns: options.columns === undefined ? undefined : [...options.columns], batchSize,
        textNeedles: textNeedles === undefined ? undefined : [...textNeedles], firstRowsSoon: options.firstRowsSoon === true,
      },
      this.set.readerOptions,
      (f) => this.set.contextFor(f).quietPass,
    );
    try {
      yield* this.scanEach(stats, batchSize, options, textNeedles, parallel);
    } finally {
      parallel?.close();
    }
  }

  private async *scanEach(
    stats: TableStats,
    batchSize: number,
    options: ReaderScanOptions,
    textNeedles: readonly string[] | undefined,
    parallel: ParallelReads | null,
  ): AsyncIterable<RecordBatch> {
    for (const file of this.files) {
      this.currentFile = file.path;
      // The Sysmon correlation pass reads (and reports on) every Sysmon file first.
      if (file.format === 'sysmon') await this.set.sysmon.get({ table: this.name, columns: options.columns, textNeedles });
      const ctx = this.set.contextFor(file);
      const builder = new BatchBuilder(this.schema, options.columns, new Map());
      const scan: TableScan = {
        file, table: this.name, schema: this.schema, batchSize, ctx, builder,
        // JSON lines and portal CSV bytes go to the needle line splitter, and text to the decoder, which
        // both copy what they keep: their chunks may reuse two buffers (io/reused-chunks.ts).
        bytes: () => byteStream(file.path, file.gzip, (n) => ctx.bytes(n), file.format === 'json' || file.format === 'defender-csv'),
        text: () => textChunks(byteStream(file.path, file.gzip, (n) => ctx.bytes(n), true)),
        sysmon: this.set.sysmon,
        columns: options.columns,
        skipBatch: (options as PruningScanOptions).skipBatch,
        lateColumns: (options as LateScanOptions).lateColumns,
        copiesTransientBatches: (options as LateScanOptions).copiesTransientBatches,
        keepsFewRows: (options as LateScanOptions).keepsFewRows,
        textNeedles,
      };
      let events = 0;
      const source = parallel?.has(file) ? parallel.read(file, ctx, builder) : READERS[file.format](scan);
      for await (const batch of source) {
        events += batch.numRows;
        stats.events += batch.numRows;
        yield batch;
      }
      // Rows the prefilter skipped are events of the table all the same (the count does not depend on it).
      events += ctx.prefilteredRows;
      stats.events += ctx.prefilteredRows;
      if (builder.minTicks !== null && (stats.minTimestamp === null || builder.minTicks < stats.minTimestamp)) stats.minTimestamp = builder.minTicks;
      if (builder.maxTicks !== null && (stats.maxTimestamp === null || builder.maxTicks > stats.maxTimestamp)) stats.maxTimestamp = builder.maxTicks;
      // Sysmon problems are found by the correlation pass, before any table's scan: they count for
      // every table the file feeds (a broken record has no table).
      stats.malformed += file.format === 'sysmon' ? this.set.sysmon.malformedIn(file.path) : ctx.malformed;
      this.set.fileEvents(file.path, this.name, events);
      // Every record was checked (the prefilter's skipped ones on their bytes): reported once and for all.
      this.set.markReported(file, ctx);
    }
  }
}

/** See ReaderOptions.textPrefilter. */
function prefilterAllowed(o: ReaderOptions): boolean {
  return o.textPrefilter ?? true;
}
