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
}

export const DEFAULT_BATCH_SIZE = 16384;
