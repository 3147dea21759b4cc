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

  constructor(
    readonly file: InputFile,
    readonly options: ReaderOptions,
    alreadyReported: boolean,
    private readonly onBytes: (n: number) => void,
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
    this.onBytes(n);
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
