import { makeData, Utf8, type Data } from 'apache-arrow';

/** One plain Utf8 column of a record batch as read into memory (views into a scratch buffer). */
export interface Utf8ColumnBytes {
  length: number;
  /** Null when the column has no nulls (or no validity buffer). */
  validity: Uint8Array | null;
  /** `length + 1` entries. */
  offsets: Int32Array;
  data: Uint8Array;
}

/**
 * A copy of `rows` (ascending) of a string column whose catalog type is `string`: a full-length
 * Utf8 column without nulls, as the reader's other string columns are. A null is "" (Kusto strings
 * have no null), and so is every row not in `rows` (common/deferred-columns.ts: only the kept rows
 * are copied, so the column's buffers can be reused for the next batch). The offsets go to
 * `offsetsInto` when given (at least `length + 1` entries: reused memory of a transient batch).
 * Returns an error message instead when an offset lies outside the data (a corrupt file).
 */
export function copyUtf8Rows(column: Utf8ColumnBytes, rows: Uint32Array, offsetsInto?: Int32Array): Data | string {
  const n = column.length;
  const { validity, offsets, data } = column;
  // Every entry is written below (the first included): reused memory needs no clearing.
  const outOffsets = offsetsInto === undefined ? new Int32Array(n + 1) : offsetsInto.subarray(0, n + 1);
  outOffsets[0] = 0;
  let total = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (r >= n) throw new Error(`internal: row ${r} of a ${n}-row batch`);
    if (validity !== null && ((validity[r >> 3]! >> (r & 7)) & 1) === 0) continue;
    const s = offsets[r]!;
    const e = offsets[r + 1]!;
    if (s < 0 || s > e || e > data.length) return 'a string offset lies outside its data';
    total += e - s;
  }
  const bytes = new Uint8Array(total);
  let position = 0;
  let filled = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    outOffsets.fill(position, filled + 1, r + 1);
    if (validity === null || ((validity[r >> 3]! >> (r & 7)) & 1) === 1) {
      const s = offsets[r]!;
      const e = offsets[r + 1]!;
      // Most values are short: a byte loop beats `set` (a subarray and a native call) below ~64 B.
      if (e - s <= 64) for (let i = s; i < e; i++) bytes[position++] = data[i]!;
      else {
        bytes.set(data.subarray(s, e), position);
        position += e - s;
      }
    }
    outOffsets[r + 1] = position;
    filled = r + 1;
  }
  outOffsets.fill(position, filled + 1, n + 1);
  return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: outOffsets, data: bytes });
}
