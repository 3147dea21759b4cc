import type { MalformedRecord } from '@kqlr/common';

export type { MalformedRecord } from '@kqlr/common';

export interface ReadProgress {
  /** Bytes read so far, a file read twice counted twice (so it can exceed `totalBytes`). */
  bytesRead: number;
  /** Size of every input file. */
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
   * Default true: it is unobservable. A skipped record is still checked on its raw bytes
   * (malformed ones are reported, counted and fatal under `strict` exactly as when parsed), counted
   * as an event of its table and seen for the Timestamp range; only its row is not built, and the
   * query could not have matched it. `false` parses every record (for diagnosis and comparison).
   */
  textPrefilter?: boolean;
  /**
   * Worker threads for large text inputs (parallel/parallel-reads.ts): at most this many (default
   * `os.availableParallelism()`); 0 or 1 reads everything on the calling thread.
   */
  workers?: number;
  /** Splittable input below this many bytes is read on the calling thread (default 32 MiB). */
  parallelMinBytes?: number;
  /**
   * A scan read on the calling thread hands out the rows it has built at least every this many
   * bytes of input, even short of a full batch (FileScanContext.batchDue): a sparse scan's first
   * rows then reach a `take` early. Default 32 MiB.
   */
  batchFlushBytes?: number;
  /** Bytes per range of a full scan on worker threads (parallel/parallel-reads.ts; tests use small ones). */
  fullScanRangeBytes?: number;
}

export const DEFAULT_BATCH_SIZE = 16384;
