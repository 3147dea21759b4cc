import type { KqlType, TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { identitySelection, repOf, valueAt, type Column, type StringColumn } from './column.js';
import { createColumnBuilder } from './column-builder.js';
import { copyBytes } from './copy-bytes.js';

/** Rows picked from several chunks, in output order. */
export interface RowRefs {
  chunks: Chunk[];
  /** Index into `chunks` per output row. */
  chunkOf: Uint32Array;
  /** Row inside that chunk per output row. */
  rowOf: Uint32Array;
}

/**
 * Materialises rows `[start, end)` of `refs` into one dense chunk (used by sort). Columns are
 * copied in their own representation (typed arrays, dictionary codes), never boxed value by value:
 * a sort gathers every result row twice (compaction, then output order), and boxing each cell
 * through ScalarValue dominated the time of selective queries.
 */
export function gatherRows(schema: TableSchema, refs: RowRefs, start: number, end: number): Chunk {
  const length = end - start;
  const columns = schema.columns.map((c, j) => {
    const sources = refs.chunks.map((chunk) => chunk.columns[j]!);
    return gatherTyped(c.type, sources, refs, start, length) ?? gatherBoxed(c.type, sources, refs, start, length);
  });
  return { schema, columns, length, selection: identitySelection(length) };
}

/**
 * A dense copy of a chunk's selected rows when the selection is sparse, so operators that hold
 * chunks (sort) keep only live rows, not whole input batches, alive.
 */
export function compactChunk(chunk: Chunk): Chunk {
  return chunk.selection.length * 2 > chunk.length ? chunk : copyRows(chunk);
}

/** A dense copy of a chunk's selected rows, sharing no column memory with it (dictionaries aside). */
export function copyRows(chunk: Chunk): Chunk {
  const n = chunk.selection.length;
  return gatherRows(chunk.schema, { chunks: [chunk], chunkOf: new Uint32Array(n), rowOf: chunk.selection }, 0, n);
}

function gatherBoxed(type: KqlType, sources: Column[], refs: RowRefs, start: number, length: number): Column {
  const b = createColumnBuilder(type, length);
  for (let k = 0; k < length; k++) b.set(k, valueAt(sources[refs.chunkOf[start + k]!]!, refs.rowOf[start + k]!));
  return b.finish();
}

/** The typed copy, or undefined when some source is not in the type's plain representation. */
function gatherTyped(type: KqlType, sources: Column[], refs: RowRefs, start: number, length: number): Column | undefined {
  const rep = repOf(type);
  if (!sources.every((s) => s.rep === rep)) return undefined;
  const chunkOf = refs.chunkOf;
  const rowOf = refs.rowOf;
  switch (rep) {
    case 'bool': {
      const values = new Uint8Array(length);
      const from = sources.map((s) => (s.rep === 'bool' ? s.values : new Uint8Array(0)));
      for (let k = 0; k < length; k++) values[k] = from[chunkOf[start + k]!]![rowOf[start + k]!]!;
      return { rep: 'bool', length, values };
    }
    case 'long': {
      // Copied as 32-bit word pairs: reading a BigInt64Array element would allocate a BigInt.
      const values = new BigInt64Array(length);
      const words = new Int32Array(values.buffer);
      const from = sources.map((s) => (s.rep === 'long' ? new Int32Array(s.values.buffer, s.values.byteOffset, 2 * s.values.length) : null));
      const nulls = gatherNulls(sources.map((s) => (s.rep === 'long' ? s.nulls : null)), refs, start, length);
      for (let k = 0; k < length; k++) {
        const w = from[chunkOf[start + k]!]!;
        const r = 2 * rowOf[start + k]!;
        words[2 * k] = w[r]!;
        words[2 * k + 1] = w[r + 1]!;
      }
      return { rep: 'long', length, values, nulls };
    }
    case 'number': {
      if (type !== 'real' && type !== 'int' && type !== 'decimal') return undefined;
      const values = new Float64Array(length);
      const from = sources.map((s) => (s.rep === 'number' ? s.values : new Float64Array(0)));
      const nulls = gatherNulls(sources.map((s) => (s.rep === 'number' ? s.nulls : null)), refs, start, length);
      for (let k = 0; k < length; k++) values[k] = from[chunkOf[start + k]!]![rowOf[start + k]!]!;
      return { rep: 'number', length, values, nulls };
    }
    case 'string':
      return gatherStrings(sources as StringColumn[], refs, start, length);
    case 'value':
      return undefined;
  }
}

/** Null flags of the gathered rows, or null when no source has nulls. */
function gatherNulls(nulls: (Uint8Array | null)[], refs: RowRefs, start: number, length: number): Uint8Array | null {
  if (nulls.every((n) => n === null)) return null;
  const out = new Uint8Array(length);
  for (let k = 0; k < length; k++) {
    const n = nulls[refs.chunkOf[start + k]!];
    if (n !== null && n !== undefined) out[k] = n[refs.rowOf[start + k]!]!;
  }
  return out;
}

/**
 * Strings: when every source shares one dictionary the codes are copied and the dictionary kept
 * (so later string tests still run once per distinct value); when every source holds UTF-8 bytes
 * (per-batch dictionaries, plain Arrow text) the bytes are copied into a plain UTF-8 column, so the
 * output copies them again instead of decoding and re-encoding each value; otherwise values are
 * decoded once.
 */
function gatherStrings(sources: StringColumn[], refs: RowRefs, start: number, length: number): StringColumn {
  const first = sources[0]?.dictionary ?? null;
  if (first !== null && sources.every((s) => s.codes !== null && s.dictionary?.identity === first.identity && s.dictionary.size === first.size)) {
    const codes = new Int32Array(length);
    const from = sources.map((s) => s.codes!);
    for (let k = 0; k < length; k++) codes[k] = from[refs.chunkOf[start + k]!]![refs.rowOf[start + k]!]!;
    return { rep: 'string', length, get: (row) => first.value(codes[row]!), dictionary: first, codes };
  }
  const bytes = gatherUtf8(sources, refs, start, length);
  if (bytes !== undefined) return bytes;
  const values = new Array<string>(length);
  for (let k = 0; k < length; k++) values[k] = sources[refs.chunkOf[start + k]!]!.get(refs.rowOf[start + k]!);
  return { rep: 'string', length, get: (row) => values[row] ?? '', dictionary: null, codes: null };
}

/** A source's UTF-8 view: bytes, offsets, and the index of row r in them (-1: ""), when it has one. */
interface Utf8Source {
  bytes: Uint8Array;
  offsets: Int32Array;
  codes: Int32Array | null;
}

function utf8SourceOf(s: StringColumn): Utf8Source | undefined {
  if (s.dictionary !== null && s.codes !== null) {
    const u = s.dictionary.utf8;
    return u === undefined ? undefined : { bytes: u.bytes, offsets: u.offsets, codes: s.codes };
  }
  return s.utf8 === undefined ? undefined : { bytes: s.utf8.bytes, offsets: s.utf8.offsets, codes: null };
}

function gatherUtf8(sources: StringColumn[], refs: RowRefs, start: number, length: number): StringColumn | undefined {
  const views: Utf8Source[] = [];
  for (const s of sources) {
    const v = utf8SourceOf(s);
    if (v === undefined) return undefined;
    views.push(v);
  }
  const at = new Int32Array(length);
  const offsets = new Int32Array(length + 1);
  let total = 0;
  for (let k = 0; k < length; k++) {
    const v = views[refs.chunkOf[start + k]!]!;
    const row = refs.rowOf[start + k]!;
    const i = v.codes === null ? row : v.codes[row]!;
    at[k] = i;
    if (i >= 0) total += v.offsets[i + 1]! - v.offsets[i]!;
    offsets[k + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let k = 0; k < length; k++) {
    const i = at[k]!;
    if (i < 0) continue;
    const v = views[refs.chunkOf[start + k]!]!;
    copyBytes(v.bytes, v.offsets[i]!, v.offsets[i + 1]!, bytes, offsets[k]!);
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    rep: 'string',
    length,
    get: (row) => buf.toString('utf8', offsets[row]!, offsets[row + 1]!),
    dictionary: null,
    codes: null,
    utf8: { bytes, offsets },
  };
}
