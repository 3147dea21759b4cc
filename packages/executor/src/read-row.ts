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

export function readRows(batch: RecordBatch, schema?: TableSchema): ScalarValue[][] {
  const columns = batchColumns(batch, schema);
  const rows: ScalarValue[][] = [];
  for (let r = 0; r < batch.numRows; r++) rows.push(columns.map((c) => valueAt(c, r)));
  return rows;
}

function batchColumns(batch: RecordBatch, schema?: TableSchema): Column[] {
  return batch.schema.fields.map((f, j) => {
    const type: KqlType = schema?.columns[j]?.type ?? kqlTypeOfField(f);
    return columnFromArrow(batch.getChildAt(j)!, type);
  });
}
