import { DataType, makeData, Schema, type RecordBatch } from 'apache-arrow';
import type { ColumnStatistics } from '@kqlr/common';
import type { TableScan } from '../../scan/table-scan.js';
import { SkippedTally } from '../../scan/skipped-tally.js';
import { BatchAdapter } from './adapt-batch.js';
import { readParquetFooter } from './parquet-frame.js';
import { parquetBatches, parquetSchemaOf } from './parquet-source.js';
import { rowGroupRanges } from './parquet-statistics.js';

/**
 * Parquet via parquet-wasm: only the projected columns are decoded, and, when the scan passes
 * `skipBatch`, only the row groups whose Timestamp statistics (the file's footer) leave the
 * filters undecided: a skipped row group still counts its rows as events and its Timestamps in
 * the run's range, as Arrow batches skipped by their statistics do.
 */
export async function* readParquetFile(scan: TableScan): AsyncGenerator<RecordBatch> {
  const plan = scan.skipBatch === undefined ? undefined : await rowGroupPlan(scan, scan.skipBatch);
  if (plan !== undefined) {
    for (const skipped of plan.skipped) scan.ctx.foldSkipped(skipped, scan.builder);
  }
  let adapter: BatchAdapter | undefined;
  for await (const batch of parquetBatches(scan.file.path, scan.columns, scan.batchSize, plan?.read)) {
    adapter ??= new BatchAdapter(scan.file.path, batch.schema, scan.schema, scan.columns);
    adapter.observe(batch, scan.builder);
    if (batch.numRows > 0) yield adapter.adapt(batch);
  }
  // Parquet is read through a Blob: progress is reported per file.
  scan.ctx.bytes(scan.file.size);
}

interface RowGroupPlan {
  /** Row groups to decode, in file order. */
  read: number[];
  /** What the skipped ones hold (rows, Timestamp range). */
  skipped: SkippedTally[];
}

/**
 * The row groups the filters can match, from each one's Timestamp min/max and null count in the
 * footer, converted to ticks as the column's values are. Undefined (read every row group) when the
 * file has no usable statistics for Timestamp.
 */
async function rowGroupPlan(scan: TableScan, skipBatch: NonNullable<TableScan['skipBatch']>): Promise<RowGroupPlan | undefined> {
  const path = scan.file.path;
  const { footer } = await readParquetFooter(path);
  const ranges = rowGroupRanges(footer, 'Timestamp');
  if (ranges === null) return undefined;
  const field = (await parquetSchemaOf(path)).fields.find((f) => f.name === 'Timestamp');
  if (field === undefined || !((DataType.isInt(field.type) && field.type.bitWidth === 64) || DataType.isTimestamp(field.type))) return undefined;
  // The adapter of the Timestamp column alone: its type is checked as the read checks it.
  const source = new BatchAdapter(path, new Schema([field]), scan.schema, ['Timestamp']).statisticsColumns.find((s) => s.name === 'Timestamp');
  if (source === undefined) return undefined;
  // The column's own conversion (another tool's timestamp unit -> ticks) applied to the bounds.
  const ticks = (lo: bigint, hi: bigint): [bigint, bigint] => {
    const raw = makeData({ type: field.type, length: 2, nullCount: 0, data: BigInt64Array.of(lo, hi) } as never);
    const values = (source.convert === null ? raw : source.convert(raw)).values as BigInt64Array;
    return [values[0]!, values[1]!];
  };
  const plan: RowGroupPlan = { read: [], skipped: [] };
  ranges.forEach((g, i) => {
    if (g.min === null || g.max === null || g.nullCount === null) {
      plan.read.push(i);
      return;
    }
    const [min, max] = ticks(g.min, g.max);
    const stats: ColumnStatistics = { nullCount: g.nullCount, min, max };
    if (!skipBatch((name) => (name === 'Timestamp' ? stats : undefined))) {
      plan.read.push(i);
      return;
    }
    const tally = new SkippedTally();
    tally.records = g.rows;
    tally.minTicks = min;
    tally.maxTicks = max;
    plan.skipped.push(tally);
  });
  return plan;
}
