import type { Diagnostic, ScalarValue, TableProvider, TableSchema } from '@kqlr/common';

/** Run options the runner passes to the engine (packages/engine `runQuery`). */
export interface KqltQueryOptions {
  now?: bigint;
  tables?: ReadonlyMap<string, TableProvider>;
  batchSize?: number;
}

export type KqltQueryResult =
  | { ok: true; schema: TableSchema; rows: ScalarValue[][] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * The part of the engine the runner uses. Passed in rather than imported, so the runner and its
 * unit tests do not depend on the engine package being built.
 */
export interface KqltEngine {
  runQuery(text: string, options?: KqltQueryOptions): Promise<KqltQueryResult>;
  /**
   * `batchSize` is the size of the batches the table's scans yield; `dictionaryColumns` names string
   * columns to dictionary-encode. The runner varies both: results must not depend on them.
   */
  memoryTable(name: string, schema: TableSchema, rows: ScalarValue[][], options?: MemoryTableVariant): TableProvider;
}

export interface MemoryTableVariant {
  batchSize?: number;
  dictionaryColumns?: readonly string[];
}
