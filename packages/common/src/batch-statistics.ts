import type { Data } from 'apache-arrow';
import type { ScanOptions } from './table-provider.js';
import { int64Range } from './int64-range.js';

/**
 * Per-batch column statistics ("zone maps", DuckDB's row-group statistics): the range of one
 * column's values in one Arrow batch, so a scan filter such as `Timestamp > ago(24h)` can skip a
 * batch that cannot match, or pass it wholesale, without a per-row compare. Computed once, by
 * whoever builds the batch (a memory table on load, a reader from file metadata or while decoding),
 * and attached to the column's Arrow `Data` (immutable once handed out); never recomputed per query.
 *
 * Values use common/types.ts forms: `bigint` for Int64 columns (long, and datetime/timespan ticks),
 * `number` for Int32/Float64. `min`/`max` cover the non-null slots only; both are absent when the
 * column has no non-null value. Statistics must be exact bounds (not just plausible ones): a Float64
 * column holding NaN has no min/max (NaN fails every compare but `!=`), so leave them out.
 */
export interface ColumnStatistics {
  /** Null slots in the column (0 when there are none). */
  readonly nullCount: number;
  readonly min?: bigint | number;
  readonly max?: bigint | number;
}

const attached = new WeakMap<Data, ColumnStatistics>();

/** Attaches statistics to one column chunk of a batch (`batch.getChildAt(j).data[0]`). */
export function attachColumnStatistics(data: Data, statistics: ColumnStatistics): void {
  attached.set(data, statistics);
}

/** The statistics attached to a column chunk, if any. */
export function columnStatisticsOf(data: Data): ColumnStatistics | undefined {
  return attached.get(data);
}

/**
 * Min/max and null count of an Int64, Int32 or Float64 column chunk, or undefined for other
 * layouts (and for Float64 holding NaN). One pass; meant for load time, not per query.
 */
export function computeColumnStatistics(data: Data): ColumnStatistics | undefined {
  const values: unknown = data.values;
  const nullCount = data.nullCount > 0 ? data.nullCount : 0;
  const valid = (i: number): boolean => nullCount === 0 || data.getValid(i);
  if (values instanceof BigInt64Array && nullCount === 0) {
    // The common case (Timestamp), on every Arrow run's path: see int64-range.ts.
    const range = int64Range(values.subarray(0, data.length));
    return range === null ? { nullCount } : { nullCount, min: range.min, max: range.max };
  }
  if (values instanceof BigInt64Array) {
    // Compared as (signed high, unsigned low) 32-bit halves: reading a BigInt64Array element
    // allocates a BigInt, which made this pass several times slower. Little-endian, as Node is.
    const words = new Int32Array(values.buffer, values.byteOffset, data.length * 2);
    let minAt = -1;
    let maxAt = -1;
    for (let i = 0; i < data.length; i++) {
      if (!valid(i)) continue;
      if (minAt < 0) {
        minAt = maxAt = i;
        continue;
      }
      const hi = words[2 * i + 1]!;
      const lo = words[2 * i]! >>> 0;
      const minHi = words[2 * minAt + 1]!;
      if (hi < minHi || (hi === minHi && lo < words[2 * minAt]! >>> 0)) minAt = i;
      const maxHi = words[2 * maxAt + 1]!;
      if (hi > maxHi || (hi === maxHi && lo > words[2 * maxAt]! >>> 0)) maxAt = i;
    }
    return minAt < 0 ? { nullCount } : { nullCount, min: values[minAt]!, max: values[maxAt]! };
  }
  if (values instanceof Int32Array || values instanceof Float64Array) {
    let min = Infinity;
    let max = -Infinity;
    let any = false;
    for (let i = 0; i < data.length; i++) {
      if (!valid(i)) continue;
      const v = values[i]!;
      if (Number.isNaN(v)) return undefined;
      any = true;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return any ? { nullCount, min, max } : { nullCount };
  }
  return undefined;
}

/**
 * Computes and attaches statistics for every Int64/Int32/Float64 column of a batch that has none
 * yet (a batch shared by several tables is computed once).
 */
export function attachBatchStatistics(columns: readonly Data[]): void {
  for (const data of columns) {
    if (attached.has(data)) continue;
    const s = computeColumnStatistics(data);
    if (s !== undefined) attached.set(data, s);
  }
}

/**
 * Statistics of one batch by column name, as a scan sees them before reading the batch (a Parquet
 * row group's metadata, an IPC batch already decoded, a memory table's cached statistics).
 */
export type BatchStatisticsLookup = (column: string) => ColumnStatistics | undefined;

/**
 * Scan options a provider may honour to skip whole batches (row groups) before decoding them:
 * `skipBatch` is true when, by the statistics given, no row of the batch can pass the scan's
 * filters. It is exact (never skips a batch with a possible match) and cheap; providers that
 * cannot give statistics before decoding simply ignore it (the executor still prunes batches whose
 * columns carry attached statistics).
 */
export interface PruningScanOptions extends ScanOptions {
  skipBatch?: (statistics: BatchStatisticsLookup) => boolean;
}
