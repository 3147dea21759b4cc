import { stat } from 'node:fs/promises';
import { DataType, type Data, type RecordBatch, type Schema } from 'apache-arrow';
import { attachColumnStatistics, attachDeferredColumns, computeColumnStatistics, kqlTypeOfField, markTransientBatch, type ColumnStatistics } from '@kqlr/common';
import type { TableScan } from '../../scan/table-scan.js';
import { SkippedTally } from '../../scan/skipped-tally.js';
import { BatchAdapter } from './adapt-batch.js';
import { ArrowIpcSource, type FirstColumns } from './arrow-ipc-projected-reader.js';
import { arrowBatches } from './columnar-source.js';
import { gunzippedCopy } from './gunzipped-copy.js';
import { readAhead } from './read-ahead.js';

/**
 * Arrow IPC (file or stream): batches mapped to the catalog schema by column name. The file (a
 * gzip input: its decompressed copy) is read by position, only the columns the scan needs (plus
 * Timestamp, for the run's time range); files with column types whose layout the projection does
 * not know go through apache-arrow's reader and decode every column.
 */
export async function* readArrowIpc(scan: TableScan): AsyncGenerator<RecordBatch> {
  const path = scan.file.path;
  const gzip = scan.file.gzip;
  const readPath = gzip ? await gunzippedCopy(path) : path;
  // Progress counts the bytes of the user's file: a gzip input's compressed size once read.
  const onBytes = gzip ? (): void => undefined : (n: number): void => scan.ctx.bytes(n);
  const source = await ArrowIpcSource.open(path, readPath);
  try {
    if (source.layouts !== null) {
      yield* projected(scan, source, onBytes);
    } else {
      let adapter: BatchAdapter | undefined;
      for await (const { schema, batch } of arrowBatches(path, onBytes, readPath)) {
        adapter ??= new BatchAdapter(path, schema, scan.schema, scan.columns);
        adapter.observe(batch, scan.builder);
        if (batch.numRows > 0) yield adapter.adapt(batch);
      }
    }
  } finally {
    await source.close();
  }
  if (gzip) scan.ctx.bytes((await stat(path)).size);
}

/**
 * Per batch, the min/max of its fixed-width columns (statisticsColumns) are computed once: they
 * give the run's Timestamp range, are attached to the batch's columns for the executor's zone
 * maps, and, when the scan passes `skipBatch`, are computed from those columns alone first, so a
 * batch the filters cannot match is never read further. A skipped batch still counts its rows as
 * events and its Timestamps in the range, as if read. The next batch is read while the executor
 * works on this one (read-ahead.ts); its statistics travel with it. While the scan keeps few rows
 * (`keepsFewRows`), late string columns are read into reused memory and copied out by rows
 * (deferred), and, when the scan copies the rows it keeps (`copiesTransientBatches`), all columns
 * are read into reused memory and the batch is marked transient. Otherwise a batch is read whole.
 */
async function* projected(scan: TableScan, source: ArrowIpcSource, onBytes: (n: number) => void): AsyncGenerator<RecordBatch> {
  const deferred = deferrable(scan, source.schema);
  const deferredNames = new Set(deferred.map((c) => c.name));
  const columns = (scan.columns ?? scan.schema.columns.map((c) => c.name)).filter((c) => !deferredNames.has(c));
  // Batches read lazily lack the deferred columns; the others have every column of the scan.
  const adapter = new BatchAdapter(scan.file.path, source.schema, scan.schema, scan.columns);
  const lazyAdapter = deferred.length === 0 ? adapter : new BatchAdapter(scan.file.path, source.schema, scan.schema, columns);
  const sources = adapter.statisticsColumns;
  const summarise = (read: (fileIndex: number) => Data): Map<string, ColumnStatistics> => {
    const stats = new Map<string, ColumnStatistics>();
    for (const s of sources) {
      const data = s.convert === null ? read(s.fileIndex) : s.convert(read(s.fileIndex));
      const st = computeColumnStatistics(data);
      if (st !== undefined) stats.set(s.name, st);
    }
    return stats;
  };
  const skipBatch = scan.skipBatch;
  const first: FirstColumns<Map<string, ColumnStatistics>> | undefined = skipBatch === undefined || sources.length === 0 ? undefined : {
    columns: sources.map((s) => s.fileIndex),
    inspect: (read) => {
      const stats = summarise(read);
      return { skip: skipBatch((name) => stats.get(name)), info: stats };
    },
  };
  const names = deferred.map((c) => c.name);
  const options = { deferred: deferred.map((c) => c.fileIndex), transient: scan.copiesTransientBatches === true, lazy: scan.keepsFewRows };
  for await (const b of readAhead(source.batches(lazyAdapter.fileColumns, onBytes, first, options))) {
    const stats = b.info ?? summarise((i) => b.columns[i]!);
    const ts = stats.get('Timestamp');
    const min = typeof ts?.min === 'bigint' ? ts.min : null;
    const max = typeof ts?.max === 'bigint' ? ts.max : null;
    if (b.skipped) {
      const tally = new SkippedTally();
      tally.records = b.numRows;
      tally.minTicks = min;
      tally.maxTicks = max;
      scan.ctx.foldSkipped(tally, scan.builder);
      continue;
    }
    if (adapter.timestampSource >= 0) scan.builder.observeTicks(min, max);
    if (b.numRows === 0) continue;
    const batch = (b.lazy ? lazyAdapter : adapter).adaptColumns(b.numRows, (i) => b.columns[i]!);
    for (const [name, st] of stats) {
      const data = batch.getChild(name)?.data[0];
      if (data !== undefined) attachColumnStatistics(data, st);
    }
    if (b.deferred !== undefined) attachDeferredColumns(batch, { names, load: b.deferred });
    if (b.transient) markTransientBatch(batch);
    yield batch;
  }
}

/**
 * The scan's late columns (common/deferred-columns.ts) this reader can read by rows: those in the
 * file as plain Utf8 (not dictionary-encoded, not large or view strings) whose catalog type is
 * string. Their nulls read as "", as BatchAdapter makes them.
 */
function deferrable(scan: TableScan, schema: Schema): { name: string; fileIndex: number }[] {
  const late = scan.lateColumns;
  if (late === undefined || late.length === 0) return [];
  const wanted = scan.columns === undefined ? undefined : new Set(scan.columns);
  const out: { name: string; fileIndex: number }[] = [];
  for (const name of new Set(late)) {
    if (wanted !== undefined && !wanted.has(name)) continue;
    if (scan.schema.columns.find((c) => c.name === name)?.type !== 'string') continue;
    const fileIndex = schema.fields.findIndex((f) => f.name === name);
    const field = schema.fields[fileIndex];
    if (field === undefined || !DataType.isUtf8(field.type)) continue;
    const tagged = kqlTypeOfField(field);
    if (tagged !== 'string' && tagged !== 'guid' && tagged !== 'dynamic') continue;
    out.push({ name, fileIndex });
  }
  return out;
}
