import type { RecordBatch } from 'apache-arrow';
import type { TableScan } from '../../scan/table-scan.js';
import { BatchAdapter } from './adapt-batch.js';
import { arrowBatches } from './columnar-source.js';

/** Arrow IPC (file or stream): batches mapped to the catalog schema by column name. */
export async function* readArrowIpc(scan: TableScan): AsyncGenerator<RecordBatch> {
  let adapter: BatchAdapter | undefined;
  for await (const { schema, batch } of arrowBatches(scan.file.path, scan.file.gzip, (n) => scan.ctx.bytes(n))) {
    adapter ??= new BatchAdapter(scan.file.path, schema, scan.schema, scan.columns);
    adapter.observe(batch, scan.builder);
    if (batch.numRows > 0) yield adapter.adapt(batch);
  }
}
