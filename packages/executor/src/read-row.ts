import { isAscii } from 'node:buffer';
import type { RecordBatch } from 'apache-arrow';
import type { KqlType, ScalarValue, TableSchema } from '@kqlr/common';
import { kqlTypeOfField } from '@kqlr/common';
import { columnFromArrow } from './columns/from-arrow.js';
import { valueAt, type Column } from './columns/column.js';

/**
 * Reads result rows out of Arrow batches as ScalarValues (common/types.ts representation): bigint
 * for long/datetime/timespan, number for int/real, "" never null for strings, parsed JSON for
 * dynamic. Column types come from `schema` when given, else from the fields' `kql.type` metadata.
 */
export function readRow(batch: RecordBatch, row: number, schema?: TableSchema): ScalarValue[] {
  return batchColumns(batch, schema).map((c) => valueAt(c, row));
}

/** Column by column (each a tight loop), then rows assembled from the decoded columns. */
export function readRows(batch: RecordBatch, schema?: TableSchema): ScalarValue[][] {
  const n = batch.numRows;
  const columns = readColumns(batch, schema);
  const rows: ScalarValue[][] = new Array<ScalarValue[]>(n);
  for (let r = 0; r < n; r++) {
    const row = new Array<ScalarValue>(columns.length);
    for (let j = 0; j < columns.length; j++) row[j] = columns[j]![r]!;
    rows[r] = row;
  }
  return rows;
}

/**
 * The batch's values column by column (`[column][row]`), as readRows reads them: for a consumer
 * that looks at a few columns of every row, or at most columns of a few rows, without a row
 * array per row. Columns `wanted` does not name come back empty (not decoded).
 */
export function readColumns(batch: RecordBatch, schema?: TableSchema, wanted?: (name: string) => boolean): ScalarValue[][] {
  const n = batch.numRows;
  const fields = batch.schema.fields;
  return batchColumns(batch, schema).map((c, j) => (wanted === undefined || wanted(fields[j]!.name) ? columnValues(c, n) : []));
}

function batchColumns(batch: RecordBatch, schema?: TableSchema): Column[] {
  return batch.schema.fields.map((f, j) => {
    const type: KqlType = schema?.columns[j]?.type ?? kqlTypeOfField(f);
    return columnFromArrow(batch.getChildAt(j)!, type);
  });
}

function columnValues(column: Column, n: number): ScalarValue[] {
  if (column.rep === 'string' && column.utf8 !== undefined) return plainStrings(column.utf8.bytes, column.utf8.offsets, n);
  const out = new Array<ScalarValue>(n);
  for (let r = 0; r < n; r++) out[r] = valueAt(column, r);
  return out;
}

/**
 * A plain UTF-8 column's strings. When the column's bytes are all ASCII (the common case in
 * telemetry), they are decoded with one native call and each value is a slice of that string:
 * decoding value by value costs a native call per cell, which dominated reading a result.
 */
function plainStrings(bytes: Uint8Array, offsets: Int32Array, n: number): string[] {
  const out = new Array<string>(n);
  const start = offsets[0]!;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (n > 0 && isAscii(bytes.subarray(start, offsets[n]!))) {
    const all = buf.toString('latin1', start, offsets[n]!);
    for (let r = 0; r < n; r++) out[r] = all.slice(offsets[r]! - start, offsets[r + 1]! - start);
    return out;
  }
  for (let r = 0; r < n; r++) out[r] = buf.toString('utf8', offsets[r]!, offsets[r + 1]!);
  return out;
}
