import type { RecordBatch } from 'apache-arrow';
import { tableSchemaOf, type TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { identitySelection } from './column.js';
import { columnFromArrow } from './from-arrow.js';

/**
 * Wraps a RecordBatch as a Chunk (no copy of fixed-width data) so physical expressions can be
 * evaluated on it directly, optionally under a selection. Types come from `schema` when given
 * (the catalog's), else from the fields' `kql.type` metadata.
 */
export function chunkFromRecordBatch(batch: RecordBatch, schema?: TableSchema, selection?: Uint32Array): Chunk {
  const s = schema ?? tableSchemaOf(batch.schema);
  const columns = s.columns.map((c, j) => columnFromArrow(batch.getChildAt(j)!, c.type));
  return { schema: s, columns, length: batch.numRows, selection: selection ?? identitySelection(batch.numRows) };
}
