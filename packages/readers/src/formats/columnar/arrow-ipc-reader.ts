import { stat } from 'node:fs/promises';
import type { Data, RecordBatch } from 'apache-arrow';
import { attachColumnStatistics, computeColumnStatistics, type ColumnStatistics } from '@kqlr/common';
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
 * works on this one (read-ahead.ts); its statistics travel with it.
 */
async function* projected(scan: TableScan, source: ArrowIpcSource, onBytes: (n: number) => void): AsyncGenerator<RecordBatch> {
  const adapter = new BatchAdapter(scan.file.path, source.schema, scan.schema, scan.columns);
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
  for await (const b of readAhead(source.batches(adapter.fileColumns, onBytes, first))) {
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
    const batch = adapter.adaptColumns(b.numRows, (i) => b.columns[i]!);
    for (const [name, st] of stats) {
      const data = batch.getChild(name)?.data[0];
      if (data !== undefined) attachColumnStatistics(data, st);
    }
    yield batch;
  }
}
