import type { RecordBatch } from 'apache-arrow';
import type { TableScan } from '../../scan/table-scan.js';
import { BatchAdapter } from './adapt-batch.js';
import { parquetBatches } from './parquet-source.js';

/** Parquet via parquet-wasm: only the projected columns are decoded. */
export async function* readParquetFile(scan: TableScan): AsyncGenerator<RecordBatch> {
  let adapter: BatchAdapter | undefined;
  for await (const batch of parquetBatches(scan.file.path, scan.columns, scan.batchSize)) {
    adapter ??= new BatchAdapter(scan.file.path, batch.schema, scan.schema, scan.columns);
    adapter.observe(batch, scan.builder);
    if (batch.numRows > 0) yield adapter.adapt(batch);
  }
  // Parquet is read through a Blob: progress is reported per file.
  scan.ctx.bytes(scan.file.size);
}
