import type { Data, RecordBatch } from 'apache-arrow';
import type { ScanOptions } from './table-provider.js';

/**
 * Row-level late materialisation. A query such as the seed rule filters on a few columns and only
 * projects others (a long command line): of those, it needs the values of the rows its filters
 * keep, about 1 in 1,000. A provider that can read a column's rows selectively (Arrow IPC: the
 * offsets, then only the kept rows' bytes) leaves such a column out of the batch it yields and
 * attaches it here instead; the consumer loads it once it knows the rows.
 *
 * Contract: only for columns the consumer named in `LateScanOptions.lateColumns`; a provider is
 * free to ignore the hint and send the columns as usual. `load(rows)` gives one full-length Data
 * per name, in `names` order, typed as the batch's other columns would be (catalog string columns:
 * Utf8 without nulls, "" for a null). Only the values at `rows` are the file's: every other row
 * reads as "" (or null). Call it before asking the provider for its next batch: the provider may
 * release the file when it reaches the end.
 */
export interface DeferredColumns {
  readonly names: readonly string[];
  /** `rows`: ascending row indices of the batch. */
  load(rows: Uint32Array): Promise<Data[]>;
}

/**
 * Scan options for providers that can defer columns: `lateColumns` are columns of `columns` that
 * the scan's filters do not read, so they are needed only at the rows the filters keep.
 * `copiesTransientBatches`: the consumer copies the rows it keeps out of a batch marked transient
 * (markTransientBatch) and lets go of the batch before it asks for the next one, so the provider
 * may read the batch after next into the same memory (no fresh pages and no garbage per batch).
 * `keepsFewRows`: asked before each batch; providers defer columns and reuse memory only while it
 * says true (copying most rows of every batch costs more than reading them whole).
 */
export interface LateScanOptions extends ScanOptions {
  lateColumns?: readonly string[];
  copiesTransientBatches?: boolean;
  keepsFewRows?: () => boolean;
}

const deferred = new WeakMap<RecordBatch, DeferredColumns>();
const transient = new WeakSet<RecordBatch>();

/** Marks a batch whose memory the provider reuses (only when asked with `copiesTransientBatches`). */
export function markTransientBatch(batch: RecordBatch): void {
  transient.add(batch);
}

/** Whether the rows kept from `batch` must be copied before the provider is asked for its next batch. */
export function isTransientBatch(batch: RecordBatch): boolean {
  return transient.has(batch);
}

/** Attaches the columns a provider left out of `batch` (see DeferredColumns). */
export function attachDeferredColumns(batch: RecordBatch, columns: DeferredColumns): void {
  deferred.set(batch, columns);
}

/** The columns deferred for `batch`, if its provider deferred any. */
export function deferredColumnsOf(batch: RecordBatch): DeferredColumns | undefined {
  return deferred.get(batch);
}
