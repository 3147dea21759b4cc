import { Bool, Float64, Int32, Int64, makeData, RecordBatch, Schema, Struct, Utf8, type Data } from 'apache-arrow';
import { kqlField, type KqlType, type TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { BOOL_NULL, TRUE, type Column, type StringColumn } from './column.js';
import { toKqlString } from '../kernels/to-string.js';
import { copyBytes } from './copy-bytes.js';

/**
 * Output materialisation: gathers a chunk's selected rows into a dense Arrow RecordBatch typed per
 * common/arrow.ts (datetime/timespan Int64 ticks tagged `kql.type`, strings Utf8 and never null,
 * guid/dynamic Utf8 with dynamic as compact JSON, null for dynamic null).
 */
export function chunkToRecordBatch(chunk: Chunk): RecordBatch {
  const schema = outputArrowSchema(chunk.schema);
  const sel = chunk.selection;
  const children = chunk.schema.columns.map((c, j) => gatherToArrow(chunk.columns[j]!, c.type, sel));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: sel.length, nullCount: 0, children }));
}

export function outputArrowSchema(schema: TableSchema): Schema {
  return new Schema(schema.columns.map((c) => kqlField(c)));
}

function validityOf(isNull: (k: number) => boolean, n: number): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  for (let k = 0; k < n; k++) {
    if (isNull(k)) nullCount++;
    else bitmap[k >> 3]! |= 1 << (k & 7);
  }
  return { bitmap, nullCount };
}

function gatherToArrow(col: Column, type: KqlType, sel: Uint32Array): Data {
  const n = sel.length;
  switch (col.rep) {
    case 'bool': {
      const values = new Uint8Array(Math.ceil(n / 8));
      for (let k = 0; k < n; k++) if (col.values[sel[k]!] === TRUE) values[k >> 3]! |= 1 << (k & 7);
      const { bitmap, nullCount } = validityOf((k) => col.values[sel[k]!] === BOOL_NULL, n);
      return makeData({ type: new Bool(), length: n, nullCount, nullBitmap: bitmap, data: values });
    }
    case 'number': {
      const nulls = col.nulls;
      const { bitmap, nullCount } = validityOf((k) => nulls !== null && nulls[sel[k]!] === 1, n);
      if (type === 'int') {
        const values = new Int32Array(n);
        for (let k = 0; k < n; k++) values[k] = col.values[sel[k]!]! | 0;
        return makeData({ type: new Int32(), length: n, nullCount, nullBitmap: bitmap, data: values });
      }
      const values = new Float64Array(n);
      for (let k = 0; k < n; k++) values[k] = col.values[sel[k]!]!;
      return makeData({ type: new Float64(), length: n, nullCount, nullBitmap: bitmap, data: values });
    }
    case 'long': {
      const nulls = col.nulls;
      const { bitmap, nullCount } = validityOf((k) => nulls !== null && nulls[sel[k]!] === 1, n);
      const values = new BigInt64Array(n);
      for (let k = 0; k < n; k++) values[k] = col.values[sel[k]!]!;
      return makeData({ type: new Int64(), length: n, nullCount, nullBitmap: bitmap, data: values });
    }
    case 'string': {
      const bytes = utf8BytesOf(col, sel);
      if (bytes !== undefined) return bytes;
      const strings = new Array<string>(n);
      for (let k = 0; k < n; k++) strings[k] = col.get(sel[k]!);
      return utf8Data(strings, null);
    }
    case 'value': {
      const strings = new Array<string>(n);
      const isNull = new Uint8Array(n);
      for (let k = 0; k < n; k++) {
        const v = col.get(sel[k]!);
        if (v === null) isNull[k] = 1;
        else strings[k] = type === 'dynamic' ? JSON.stringify(v, jsonReplacer) : toKqlString(v, type);
      }
      return utf8Data(strings, isNull);
    }
  }
}

/**
 * Utf8 data copied byte for byte from a column that already holds UTF-8 (a dictionary's entries or
 * a plain Arrow column): decoding each value to a JS string only to encode it again was most of
 * the output time. Undefined for computed strings (no bytes to copy).
 */
function utf8BytesOf(col: StringColumn, sel: Uint32Array): Data | undefined {
  const n = sel.length;
  let source: { bytes: Uint8Array; offsets: Int32Array };
  let index: (row: number) => number;
  if (col.dictionary !== null && col.codes !== null) {
    if (col.dictionary.utf8 === undefined) return undefined;
    source = col.dictionary.utf8;
    const codes = col.codes;
    index = (row) => codes[row]!;
  } else if (col.utf8 !== undefined) {
    const run = contiguousUtf8(col.utf8, sel);
    if (run !== undefined) return run;
    source = col.utf8;
    index = (row) => row;
  } else return undefined;
  const { bytes, offsets } = source;
  const valueOffsets = new Int32Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = index(sel[k]!);
    if (i >= 0) total += offsets[i + 1]! - offsets[i]!;
    valueOffsets[k + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let k = 0; k < n; k++) {
    const i = index(sel[k]!);
    if (i < 0) continue; // a null slot of a dictionary column: "" (strings are never null)
    copyBytes(bytes, offsets[i]!, offsets[i + 1]!, data, valueOffsets[k]!);
  }
  return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets, data });
}

/**
 * A run of consecutive rows of plain UTF-8 (the dense chunks a sort gathers, or a whole batch
 * passed through) is one block of bytes: it is shared instead of copied value by value (Arrow data
 * is immutable once built; only the offsets are rebased) when it is at least half of the buffer
 * behind it, else copied in one call, so a small output batch never keeps a large input alive.
 * Selections are ascending and distinct, so first and last row alone tell whether the rows are
 * consecutive.
 */
function contiguousUtf8(utf8: { bytes: Uint8Array; offsets: Int32Array }, sel: Uint32Array): Data | undefined {
  const n = sel.length;
  if (n === 0 || sel[n - 1]! - sel[0]! !== n - 1) return undefined;
  const { bytes, offsets } = utf8;
  const first = sel[0]!;
  const base = offsets[first]!;
  const valueOffsets = new Int32Array(n + 1);
  for (let k = 1; k <= n; k++) valueOffsets[k] = offsets[first + k]! - base;
  const end = offsets[first + n]!;
  const data = 2 * (end - base) >= bytes.buffer.byteLength ? bytes.subarray(base, end) : bytes.slice(base, end);
  return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets, data });
}

/** Dynamic values hold JSON-like data; a stray bigint is written as a JSON number. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

const encoder = new TextEncoder();

/**
 * Utf8 data for strings. ASCII strings (the common case in telemetry) are copied code unit by
 * code unit; others go through `encodeInto`. One buffer sized for the worst case (3 bytes per
 * UTF-16 unit) avoids one allocation per string, which dominated output time.
 */
function utf8Data(strings: string[], isNull: Uint8Array | null): Data {
  const n = strings.length;
  let units = 0;
  for (let k = 0; k < n; k++) units += (strings[k] ?? '').length;
  let buffer = new Uint8Array(units * 3);
  const offsets = new Int32Array(n + 1);
  let pos = 0;
  for (let k = 0; k < n; k++) {
    const s = strings[k] ?? '';
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      buffer[pos + i] = c;
    }
    if (ascii) pos += s.length;
    else pos += encoder.encodeInto(s, buffer.subarray(pos)).written;
    offsets[k + 1] = pos;
  }
  buffer = buffer.subarray(0, pos);
  const { bitmap, nullCount } = validityOf((k) => isNull !== null && isNull[k] === 1, n);
  return makeData({ type: new Utf8(), length: n, nullCount, nullBitmap: bitmap, valueOffsets: offsets, data: buffer });
}
