import { DataType, type Data, type Vector } from 'apache-arrow';
import type { DynamicValue, KqlType, ScalarValue } from '@kqlr/common';
import { BOOL_NULL, repOf, type Column, type StringColumn, type StringDictionary } from './column.js';

/**
 * Wraps one Arrow column (of a RecordBatch, so a single Data chunk) as an executor Column,
 * without copying fixed-width values. Null bitmaps are expanded to one byte per row once, so
 * kernels test `nulls[i]` instead of bit arithmetic in their inner loops.
 */
export function columnFromArrow(vector: Vector, type: KqlType): Column {
  const data = vector.data[0];
  const length = vector.length;
  if (data === undefined || length === 0) return emptyColumn(type, length);
  switch (repOf(type)) {
    case 'bool': {
      const values = new Uint8Array(length);
      const bits = data.values as Uint8Array;
      for (let i = 0; i < length; i++) {
        if (data.nullCount > 0 && !isValid(data, i)) values[i] = BOOL_NULL;
        else {
          const bit = data.offset + i;
          values[i] = (bits[bit >> 3]! >> (bit & 7)) & 1;
        }
      }
      return { rep: 'bool', length, values };
    }
    case 'number': {
      const raw = data.values as unknown;
      let values: Float64Array | Int32Array;
      if (raw instanceof Float64Array || raw instanceof Int32Array) values = raw;
      else if (raw instanceof BigInt64Array) values = Float64Array.from(raw, (v) => Number(v));
      else values = Float64Array.from(raw as ArrayLike<number>);
      return { rep: 'number', length, values, nulls: nullsOf(data, length) };
    }
    case 'long': {
      const raw = data.values as unknown;
      const values =
        raw instanceof BigInt64Array ? raw : BigInt64Array.from(raw as ArrayLike<number>, (v) => BigInt(Math.trunc(v)));
      return { rep: 'long', length, values, nulls: nullsOf(data, length) };
    }
    case 'string':
      return stringColumnFromArrow(vector, data, length);
    case 'value': {
      const cache = new Map<number, ScalarValue>();
      const isDynamic = type === 'dynamic';
      return {
        rep: 'value',
        length,
        get: (row) => {
          let v = cache.get(row);
          if (v === undefined) {
            const raw: unknown = vector.get(row);
            v = raw === null || raw === undefined ? null : isDynamic ? parseDynamicText(String(raw)) : String(raw);
            cache.set(row, v);
          }
          return v;
        },
      };
    }
  }
}

/**
 * Row validity read from the null bitmap directly: Data.getValid re-checks the type (union or not)
 * on every call, which made expanding a 64 Ki-row column's nulls cost milliseconds.
 */
function isValid(data: Data, row: number): boolean {
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0) return data.getValid(row);
  const bit = data.offset + row;
  return ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

function nullsOf(data: Data, length: number): Uint8Array | null {
  if (data.nullCount <= 0) return null;
  const nulls = new Uint8Array(length);
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0) {
    for (let i = 0; i < length; i++) if (!data.getValid(i)) nulls[i] = 1;
    return nulls;
  }
  forEachNullRow(bitmap, data.offset, length, (row) => {
    nulls[row] = 1;
  });
  return nulls;
}

/**
 * Calls `visit` with each row whose validity bit is clear. Telemetry columns with nulls are still
 * mostly valid, so whole bytes of set bits (8 valid rows) are skipped with one compare: a test per
 * row cost about a third of a millisecond per 64 Ki-row column, paid for every column of every
 * batch scanned, including columns only the output reads.
 */
function forEachNullRow(bitmap: Uint8Array, offset: number, length: number, visit: (row: number) => void): void {
  let row = 0;
  // Up to the first byte boundary of the bitmap, bit by bit.
  for (; row < length && ((offset + row) & 7) !== 0; row++) {
    const bit = offset + row;
    if (((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 0) visit(row);
  }
  for (; row + 8 <= length; row += 8) {
    const bits = bitmap[(offset + row) >> 3]!;
    if (bits === 0xff) continue;
    for (let b = 0; b < 8; b++) if (((bits >> b) & 1) === 0) visit(row + b);
  }
  for (; row < length; row++) {
    const bit = offset + row;
    if (((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 0) visit(row);
  }
}

/**
 * A stable identity for a dictionary's *contents prefix*. Readers may reuse and grow one dictionary
 * across batches (readers/arrow/growing-dictionary.ts): each batch gets a new Vector over the same
 * value buffers, with more entries, and entries below the old size never change (Arrow data is
 * immutable once handed out). Keying memos by those buffers lets predicate results and decoded
 * strings carry over between such batches; a reallocated or unrelated dictionary gets a new identity.
 */
const identities = new WeakMap<ArrayBufferLike, WeakMap<ArrayBufferLike, Map<string, object>>>();

function dictionaryIdentity(dict: Vector): object {
  const data = dict.data.length === 1 ? dict.data[0] : undefined;
  const offsets = data?.valueOffsets as Int32Array | undefined;
  const bytes = data?.values as Uint8Array | undefined;
  if (data === undefined || offsets === undefined || bytes === undefined || !(offsets instanceof Int32Array)) return dict;
  let byOffsets = identities.get(bytes.buffer);
  if (byOffsets === undefined) identities.set(bytes.buffer, (byOffsets = new WeakMap()));
  let byPosition = byOffsets.get(offsets.buffer);
  if (byPosition === undefined) byOffsets.set(offsets.buffer, (byPosition = new Map()));
  const key = `${offsets.byteOffset}:${bytes.byteOffset}:${data.offset}`;
  let identity = byPosition.get(key);
  if (identity === undefined) byPosition.set(key, (identity = {}));
  return identity;
}

/** Decoded strings per dictionary identity, shared by every batch that carries it. */
/**
 * Decoded strings per dictionary identity, shared by every batch that carries it. A Map, not an
 * array indexed by code: codes are decoded sparsely (only entries of surviving rows), and writing a
 * far index into an empty JS array turns it into a slow dictionary-mode array.
 */
const decodedDictionaries = new WeakMap<object, Map<number, string>>();

function dictionaryOf(dict: Vector): StringDictionary {
  const identity = dictionaryIdentity(dict);
  let decoded = decodedDictionaries.get(identity);
  if (decoded === undefined) {
    decoded = new Map();
    decodedDictionaries.set(identity, decoded);
  }
  const cache = decoded;
  const data = dict.data.length === 1 ? dict.data[0]! : undefined;
  const offsets = data?.valueOffsets as unknown;
  const bytes = data?.values as unknown;
  const utf8 =
    data !== undefined && DataType.isUtf8(data.type) && data.nullCount <= 0 && offsets instanceof Int32Array && bytes instanceof Uint8Array
      ? { bytes, offsets }
      : undefined;
  // Buffer decoding of the entry's bytes is about twice as fast as Vector.get (a TextDecoder call).
  const buf = utf8 === undefined ? undefined : Buffer.from(utf8.bytes.buffer, utf8.bytes.byteOffset, utf8.bytes.byteLength);
  const decode =
    utf8 !== undefined && buf !== undefined
      ? (code: number) => buf.toString('utf8', utf8.offsets[code]!, utf8.offsets[code + 1]!)
      : (code: number) => {
          const raw: unknown = dict.get(code);
          return raw === null || raw === undefined ? '' : String(raw);
        };
  return {
    size: dict.length,
    identity,
    utf8,
    value: (code) => {
      if (code < 0) return '';
      let s = cache.get(code);
      if (s === undefined) {
        s = decode(code);
        cache.set(code, s);
      }
      return s;
    },
  };
}

function stringColumnFromArrow(vector: Vector, data: Data, length: number): StringColumn {
  if (DataType.isDictionary(data.type) && data.dictionary !== undefined) {
    const dictionary = dictionaryOf(data.dictionary);
    let codes = (data.values as Int32Array).subarray(0, length);
    if (data.nullCount > 0) {
      const copy = new Int32Array(length);
      copy.set(codes);
      const bitmap = data.nullBitmap;
      if (bitmap === undefined || bitmap.length === 0) {
        for (let i = 0; i < length; i++) if (!data.getValid(i)) copy[i] = -1;
      } else {
        forEachNullRow(bitmap, data.offset, length, (row) => {
          copy[row] = -1;
        });
      }
      codes = copy;
    }
    const c = codes;
    return { rep: 'string', length, get: (row) => dictionary.value(c[row]!), dictionary, codes: c };
  }
  // Plain UTF-8: decode on use, without a cache. A selective filter reads a few rows of a 64 Ki-row
  // batch, mostly once each (a string test, then output); a row-length cache array per column per
  // batch cost more in allocation and GC than decoding, and a Map cache about as much as decoding.
  const offsets = data.valueOffsets as unknown;
  const bytes = data.values as unknown;
  if (DataType.isUtf8(data.type) && offsets instanceof Int32Array && bytes instanceof Uint8Array) {
    // Node's Buffer decoding is about twice as fast as Vector.get for short strings. Offsets of a
    // sliced Data already start at the slice, so row i spans offsets[i]..offsets[i+1].
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const valid = data.nullCount > 0 ? (row: number) => isValid(data, row) : () => true;
    return {
      rep: 'string',
      length,
      get: (row) => (valid(row) ? buf.toString('utf8', offsets[row]!, offsets[row + 1]!) : ''),
      dictionary: null,
      codes: null,
      utf8: data.nullCount > 0 ? undefined : { bytes, offsets },
    };
  }
  return {
    rep: 'string',
    length,
    get: (row) => {
      const raw: unknown = vector.get(row);
      return raw === null || raw === undefined ? '' : String(raw);
    },
    dictionary: null,
    codes: null,
  };
}

function emptyColumn(type: KqlType, length: number): Column {
  switch (repOf(type)) {
    case 'bool':
      return { rep: 'bool', length, values: new Uint8Array(length).fill(BOOL_NULL) };
    case 'number':
      return { rep: 'number', length, values: new Float64Array(length), nulls: new Uint8Array(length).fill(1) };
    case 'long':
      return { rep: 'long', length, values: new BigInt64Array(length), nulls: new Uint8Array(length).fill(1) };
    case 'string':
      return { rep: 'string', length, get: () => '', dictionary: null, codes: null };
    case 'value':
      return { rep: 'value', length, get: () => null };
  }
}

/** Dynamic cells are stored as compact JSON text; unparsable text is kept as a dynamic string. */
export function parseDynamicText(text: string): DynamicValue {
  try {
    return JSON.parse(text) as DynamicValue;
  } catch {
    return text;
  }
}

export { emptyColumn as nullColumn };
