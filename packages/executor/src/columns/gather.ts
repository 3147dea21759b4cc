import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { identitySelection, valueAt } from './column.js';
import { createColumnBuilder } from './column-builder.js';

/** Rows picked from several chunks, in output order. */
export interface RowRefs {
  chunks: Chunk[];
  /** Index into `chunks` per output row. */
  chunkOf: Uint32Array;
  /** Row inside that chunk per output row. */
  rowOf: Uint32Array;
}

/** Materialises rows `[start, end)` of `refs` into one dense chunk (used by sort). */
export function gatherRows(schema: TableSchema, refs: RowRefs, start: number, end: number): Chunk {
  const length = end - start;
  const columns = schema.columns.map((c, j) => {
    const b = createColumnBuilder(c.type, length);
    for (let k = 0; k < length; k++) {
      const chunk = refs.chunks[refs.chunkOf[start + k]!]!;
      b.set(k, valueAt(chunk.columns[j]!, refs.rowOf[start + k]!));
    }
    return b.finish();
  });
  return { schema, columns, length, selection: identitySelection(length) };
}

/**
 * A dense copy of a chunk's selected rows when the selection is sparse, so operators that hold
 * chunks (sort) keep only live rows, not whole input batches, alive.
 */
export function compactChunk(chunk: Chunk): Chunk {
  if (chunk.selection.length * 2 > chunk.length) return chunk;
  const n = chunk.selection.length;
  const refs: RowRefs = { chunks: [chunk], chunkOf: new Uint32Array(n), rowOf: chunk.selection };
  return gatherRows(chunk.schema, refs, 0, n);
}
