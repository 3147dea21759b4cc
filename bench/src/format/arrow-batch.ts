import { RecordBatch, Struct, makeBuilder, makeData, type Builder, type DataType, type Schema } from 'apache-arrow';
import { arrowSchemaFor } from '@kqlr/common';
import { BENCH_SCHEMA } from '../columns.js';
import type { FileEventRow } from '../row.js';

/** Arrow schema of the bench table per common/arrow.ts (Int64 ticks tagged kql.type=datetime). */
export const BENCH_ARROW_SCHEMA: Schema = arrowSchemaFor(BENCH_SCHEMA);

type Cell = string | bigint | null;

/** Column values of a row in schema order. Kusto strings have no null: missing text becomes "". */
function cells(row: FileEventRow): Cell[] {
  return [
    row.timestamp, row.deviceId, row.deviceName, row.actionType, row.fileName, row.folderPath, row.sha1 ?? '',
    row.fileSize === null ? null : BigInt(row.fileSize), row.accountDomain, row.accountName, row.processFileName,
    row.processFolderPath, BigInt(row.processId), row.processCommandLine ?? '', BigInt(row.reportId),
  ];
}

/** Accumulates rows into RecordBatches of the bench schema. */
export class ArrowBatchBuilder {
  private builders: Builder[] = [];
  private count = 0;

  constructor(readonly schema: Schema = BENCH_ARROW_SCHEMA) {
    this.reset();
  }

  private reset(): void {
    this.builders = this.schema.fields.map((f) => makeBuilder({ type: f.type as DataType, nullValues: [null] }));
    this.count = 0;
  }

  get length(): number {
    return this.count;
  }

  append(row: FileEventRow): void {
    const values = cells(row);
    for (let i = 0; i < values.length; i++) this.builders[i]!.append(values[i]);
    this.count += 1;
  }

  /** The rows appended since the last flush as one batch (null when there are none). */
  flush(): RecordBatch | null {
    if (this.count === 0) return null;
    const children = this.builders.map((b) => b.finish().flush());
    const data = makeData({ type: new Struct(this.schema.fields), length: this.count, nullCount: 0, children });
    const batch = new RecordBatch(this.schema, data);
    this.reset();
    return batch;
  }
}
