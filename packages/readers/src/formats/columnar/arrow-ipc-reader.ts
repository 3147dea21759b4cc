import type { RecordBatch } from 'apache-arrow';
import type { TableScan } from '../../scan/table-scan.js';
import { BatchAdapter } from './adapt-batch.js';
import { ArrowIpcSource } from './arrow-ipc-projected-reader.js';
import { arrowBatches } from './columnar-source.js';

/**
 * Arrow IPC (file or stream): batches mapped to the catalog schema by column name. A plain file
 * is read by position, only the columns the scan needs (plus Timestamp, for the run's time
 * range); gzip input, which can only be read front to back, and files with column types whose
 * layout the projection does not know go through apache-arrow's reader and decode every column.
 */
export async function* readArrowIpc(scan: TableScan): AsyncGenerator<RecordBatch> {
  const onBytes = (n: number): void => scan.ctx.bytes(n);
  if (!scan.file.gzip) {
    const source = await ArrowIpcSource.open(scan.file.path);
    try {
      if (source.layouts !== null) {
        const adapter = new BatchAdapter(scan.file.path, source.schema, scan.schema, scan.columns);
        for await (const b of source.batches(adapter.fileColumns, onBytes)) {
          if (adapter.timestampSource >= 0) adapter.observeTimestamps(b.columns[adapter.timestampSource]!, scan.builder);
          if (b.numRows > 0) yield adapter.adaptColumns(b.numRows, (i) => b.columns[i]!);
        }
        return;
      }
    } finally {
      await source.close();
    }
  }
  let adapter: BatchAdapter | undefined;
  for await (const { schema, batch } of arrowBatches(scan.file.path, scan.file.gzip, onBytes)) {
    adapter ??= new BatchAdapter(scan.file.path, schema, scan.schema, scan.columns);
    adapter.observe(batch, scan.builder);
    if (batch.numRows > 0) yield adapter.adapt(batch);
  }
}
