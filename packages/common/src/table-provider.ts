import type { RecordBatch } from 'apache-arrow';
import type { TableSchema } from './types.js';

/** A problem with one input record: counted and reported, never silently dropped. */
export interface MalformedRecord {
  file: string;
  /** 1-based line where the record starts, when the format is line-oriented. */
  line?: number;
  /** Byte offset where the record starts, when lines do not apply. */
  offset?: number;
  reason: string;
}

export interface ScanOptions {
  /** Names of the columns the query needs; others may be left out of the batches. */
  columns?: readonly string[];
  /** Preferred rows per batch (the executor still accepts any size). */
  batchSize?: number;
}

/**
 * A table the engine can scan. Batches carry the table's schema (or the requested projection of
 * it, in schema order), typed per common/arrow.ts: types come from the catalog, never from the data.
 */
export interface TableProvider {
  readonly name: string;
  readonly schema: TableSchema;
  scan(options?: ScanOptions): AsyncIterable<RecordBatch>;
}
