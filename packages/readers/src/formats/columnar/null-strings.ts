import { DataType, makeData, makeVector, Utf8, type Data } from 'apache-arrow';
import { BatchBuilder } from '../../arrow/batch-builder.js';

/**
 * A string column from another tool (pandas, DuckDB, Spark write NULL) as Kusto has it: never
 * null, "" where the file has a null. Plain Utf8 is rewritten with typed-array copies: when every
 * null slot already spans no bytes (what Arrow writers do) only the validity bitmap is dropped;
 * otherwise offsets are rebuilt with null slots empty (the Arrow format leaves a null slot's bytes
 * undefined, so they are never kept). Other layouts (dictionaries, large strings) are rebuilt
 * value by value, the slow general way.
 */
export function nonNullStrings(data: Data): Data {
  if (!DataType.isUtf8(data.type) || !(data.valueOffsets instanceof Int32Array)) return rebuilt(data);
  const n = data.length;
  // apache-arrow slices a variable-width column's offsets with it (`data.offset` is for the bitmap).
  const offsets = data.valueOffsets.subarray(0, n + 1);
  const bytes = data.values as Uint8Array;
  let nullsAreEmpty = true;
  for (let i = 0; i < n && nullsAreEmpty; i++) if (!data.getValid(i) && offsets[i] !== offsets[i + 1]) nullsAreEmpty = false;
  if (nullsAreEmpty) return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: offsets, data: bytes });
  const out = new Int32Array(n + 1);
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (data.getValid(i)) size += offsets[i + 1]! - offsets[i]!;
    out[i + 1] = size;
  }
  const packed = new Uint8Array(size);
  for (let i = 0; i < n; i++) if (out[i + 1]! > out[i]!) packed.set(bytes.subarray(offsets[i]!, offsets[i + 1]!), out[i]!);
  return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: out, data: packed });
}

function rebuilt(data: Data): Data {
  const b = new BatchBuilder({ columns: [{ name: 'v', type: 'string' }] }, undefined, new Map());
  const vec = makeVector(data);
  for (let i = 0; i < data.length; i++) {
    const v = vec.get(i) as string | null;
    b.setText(0, v ?? '');
    b.commitRow();
  }
  return b.flush().data.children[0]!;
}
