import type { MalformedRecord } from '@kqlr/common';
import { InputError, locate } from '../input-error.js';
import type { ReaderOptions } from '../reader-options.js';
import type { FileStats, InputFile } from './input-file.js';
import type { BatchBuilder } from '../arrow/batch-builder.js';
import type { SkippedTally } from './skipped-tally.js';

/**
 * Shared state of one scan of one file for one table: malformed-record policy and counters.
 * A file scanned several times (once per table it feeds) reports its malformed records and
 * skipped lines on the first complete pass only, so nothing is counted twice.
 */
/** See FileScanContext.batchDue. */
export const DEFAULT_BATCH_FLUSH_BYTES = 32 * 1024 * 1024;

/** See FileScanContext.batchDue: bytes read before the first batch goes out, then between batches. */
export interface BatchFlushBytes {
  first: number;
  then: number;
}

/**
 * Which of one file's malformed records were reported, over every scan of it (InputSet keeps one
 * per file). A scan that stops early (`take`) reports the records it read but never finishes the
 * file, so a later scan reads them again: it counts them (the early scan's counts are dropped) but
 * reports only those not reported yet.
 *
 * A record is known by its line (or byte offset), its reason, and its rank among records with both
 * on that line (a one-line JSON document holds many). Not by a "reported up to" mark: which records
 * are malformed depends on the columns a scan reads (a value that does not fit its column is only
 * seen when the column is read), so a later scan may find one before the mark that the early scan
 * did not. A record found for another reason the second time is reported again: better twice than
 * never. Past MAX_REMEMBERED records (a garbage file read by scans that stop), later ones may be
 * reported twice too.
 */
export class MalformedReports {
  private readonly seen = new Set<string>();

  /** Whether the record was reported by an earlier scan; otherwise it is from now on. */
  reportedBefore(key: string): boolean {
    if (this.seen.has(key)) return true;
    if (this.seen.size < MAX_REMEMBERED) this.seen.add(key);
    return false;
  }
}

const MAX_REMEMBERED = 100_000;

export class FileScanContext {
  private readonly quiet: boolean;
  /** True when this file was fully read before: its problems are already reported. */
  get quietPass(): boolean {
    return this.quiet;
  }
  malformed = 0;
  skippedLines = 0;
  otherTableRecords = 0;
  /** Records the raw-text prefilter skipped that would have been rows of the scanned table. */
  prefilteredRows = 0;
  /** Bytes of the file read so far, and where the last batch went out (batchDue). */
  private bytesRead = 0;
  private flushedAt = 0;
  private flushed = false;
  /** Malformed records so far on the current line, by reason (their rank: MalformedReports). */
  private malformedOnLine = { at: '', byReason: new Map<string, number>() };

  constructor(
    readonly file: InputFile,
    readonly options: ReaderOptions,
    alreadyReported: boolean,
    private readonly onBytes: (n: number) => void,
    /**
     * See batchDue: bytes read before the first batch, then between batches. On the range workers
     * (parallel/range-job.ts) none until the range ends, but for a first one when the scan wants
     * rows soon: each batch a worker sends is serialized with the dictionaries its rows use, which
     * grow through the range (a batch every 8 MiB cost ~50% more time on the seed rule at 1e6).
     */
    private readonly flushBytes: BatchFlushBytes = { first: options.batchFlushBytes ?? DEFAULT_BATCH_FLUSH_BYTES, then: options.batchFlushBytes ?? DEFAULT_BATCH_FLUSH_BYTES },
    /** The file's reports over every scan (see MalformedReports); none: every record is new. */
    private readonly reports?: MalformedReports,
  ) {
    this.quiet = alreadyReported;
  }

  /** A record that cannot be read: skipped and reported, or fatal under `strict`. */
  reportMalformed(reason: string, line?: number, offset?: number): void {
    if (this.options.strict) {
      throw new InputError(`${locate(this.file.path, reason, line, offset)} (--strict: stopping at the first malformed record)`,
        this.file.path, line, offset);
    }
    if (this.quiet) return;
    this.malformed++;
    if (this.reports !== undefined) {
      const at = `${line ?? ''}:${offset ?? ''}`;
      const here = this.malformedOnLine;
      if (here.at !== at) {
        here.at = at;
        here.byReason.clear();
      }
      const nth = here.byReason.get(reason) ?? 0;
      here.byReason.set(reason, nth + 1);
      if (this.reports.reportedBefore(`${at}:${nth}:${reason}`)) return;
    }
    const m: MalformedRecord = { file: this.file.path, reason };
    if (line !== undefined) m.line = line;
    if (offset !== undefined) m.offset = offset;
    this.options.onMalformed?.(m);
  }

  skipLine(): void {
    if (!this.quiet) this.skippedLines++;
  }

  otherTable(): void {
    if (!this.quiet) this.otherTableRecords++;
  }

  warn(message: string): void {
    if (!this.quiet) this.options.onWarning?.(`${this.file.path}: ${message}`);
  }

  bytes(n: number): void {
    this.bytesRead += n;
    this.onBytes(n);
  }


  /**
   * Whether the rows built so far go out as a batch now: a full batch, or any rows once
   * `flushBytes` more of the file were read since the last batch. A scan whose rows are sparse (the
   * raw-text prefilter keeps ~1 line in 300) would otherwise hold its first rows until it had a
   * full batch, often the end of the file: `take 10` over an 800 MB export waited 2 s for them.
   * Each batch costs ~1 ms (its dictionaries), hence 32 MiB: +2% on the seed rule over 635 MB of
   * JSON on one thread (2.68 -> 2.73 s).
   */
  batchDue(rows: number, batchSize: number): boolean {
    const limit = this.flushed ? this.flushBytes.then : this.flushBytes.first;
    if (rows < batchSize && (rows === 0 || this.bytesRead - this.flushedAt < limit)) return false;
    this.flushedAt = this.bytesRead;
    this.flushed = true;
    return true;
  }

  /** Folds what the skipped records would have left behind: their count and Timestamp range. */
  foldSkipped(tally: SkippedTally, builder: BatchBuilder): void {
    tally.settle();
    this.prefilteredRows += tally.records;
    builder.observeTicks(tally.minTicks, tally.maxTicks);
  }

  fold(into: FileStats): void {
    into.malformed += this.malformed;
    into.skippedLines += this.skippedLines;
    into.otherTableRecords += this.otherTableRecords;
  }
}
