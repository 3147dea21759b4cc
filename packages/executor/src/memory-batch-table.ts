import type { RecordBatch } from 'apache-arrow';
import { attachBatchStatistics, type TableProvider, type TableSchema } from '@kqlr/common';

/**
 * An in-memory TableProvider over Arrow batches already built (e.g. an Arrow IPC file read into
 * memory), typed by `schema` (columns matched by name, as every scan does). Like DuckDB computing
 * row-group statistics on insert, the min/max statistics of every numeric column are computed here,
 * once, and attached to the batches' column data (common/batch-statistics.ts), so each scan can skip
 * or pass whole batches by a time window without recomputing anything. Scans yield the batches
 * themselves (the executor ignores columns it did not ask for), never copies.
 */
export function memoryTableFromBatches(name: string, schema: TableSchema, batches: readonly RecordBatch[]): TableProvider {
  for (const b of batches) attachBatchStatistics(b.data.children);
  const held = [...batches];
  return {
    name,
    schema: { ...schema, name },
    async *scan(): AsyncIterable<RecordBatch> {
      yield* held;
    },
  };
}
