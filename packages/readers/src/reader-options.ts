import type { MalformedRecord } from '@kqlr/common';

export type { MalformedRecord } from '@kqlr/common';

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

export interface ReaderOptions {
  /** Throw an InputError at the first malformed record instead of skipping it. */
  strict?: boolean;
  /**
   * IANA zone (`Europe/Berlin`) or fixed offset (`+02:00`) of `[Local Time]` columns in Sentinel
   * CSV exports. Default UTC, with a warning.
   */
  timezone?: string;
  /** Rows per batch (default 16384). */
  batchSize?: number;
  onMalformed?: (m: MalformedRecord) => void;
  onProgress?: (p: ReadProgress) => void;
  /** Non-fatal notes about the input (assumed time zone, ignored records of unknown tables...). */
  onWarning?: (message: string) => void;
  /**
   * Whether scans may skip records by raw text without parsing them (ReaderScanOptions.textNeedles).
   * Query results are the same either way; what a skipped record loses is its check: a malformed
   * one is neither reported nor counted (nor fatal), and it leaves the Timestamp range. Default:
   * on only when that is unobservable to the caller, i.e. without `strict` and `onMalformed`.
   */
  textPrefilter?: boolean;
}

export const DEFAULT_BATCH_SIZE = 16384;
