import { DataType, makeData, makeVector, Utf8, vectorFromArray, type Data, type Dictionary } from 'apache-arrow';
import { NO_VALUE, numberByFirstUse } from '@kqlr/common/core';

type IndexArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * Gives each written batch a dictionary of just the strings its rows use. Why: the readers'
 * string columns share one dictionary per column that grows batch after batch
 * (arrow/growing-dictionary.ts), and an IPC writer given those writes the whole dictionary again
 * before every batch (a replacement, as the stream format allows). A file then grew with the
 * square of its rows (1 M DeviceFileEvents rows: 1.68 GB, against 376 MB as plain strings), and a
 * reader of it decoded every one of those dictionaries. With a dictionary per batch, a file's size
 * grows with its rows and a reader holds one batch's dictionary at a time.
 *
 * Codes are renumbered in order of first use in the batch; nulls stay null (their code is 0).
 */
export class BatchDictionaryEncoder {
  /** Per source code, its code in the batch's dictionary + 1 (0: not used yet); reset after each batch. */
  private slots = new Int32Array(0);

  /** `column` (dictionary-encoded strings) with a dictionary of the values its rows use. */
  localize(column: Data<Dictionary>): Data<Dictionary> {
    const dictionary = column.dictionary;
    const chunk = dictionary?.data.length === 1 ? dictionary.data[0]! : undefined;
    const codes = column.values as IndexArray;
    if (chunk === undefined || !DataType.isUtf8(chunk.type) || codes.length < column.length) return this.localizeByValue(column);
    const offsets = chunk.valueOffsets as Int32Array;
    const bytes = chunk.values as Uint8Array;
    if (this.slots.length < chunk.length) this.slots = new Int32Array(Math.max(chunk.length, 2 * this.slots.length));
    const slots = this.slots;
    const valid = validity(column);
    const local = new (codes.constructor as new (n: number) => IndexArray)(column.length);
    // Source codes in order of first use.
    const used: number[] = [];
    let size = 0;
    for (let i = 0; i < column.length; i++) {
      if (valid !== null && valid(i) === false) continue;
      const code = codes[i]!;
      if (code < 0 || code >= chunk.length) throw new Error(`dictionary code ${code} outside its dictionary of ${chunk.length}`);
      let slot = slots[code]!;
      if (slot === 0) {
        used.push(code);
        slot = slots[code] = used.length;
        size += offsets[code + 1]! - offsets[code]!;
      }
      local[i] = slot - 1;
    }
    const outOffsets = new Int32Array(used.length + 1);
    const out = new Uint8Array(size);
    let at = 0;
    for (let k = 0; k < used.length; k++) {
      const code = used[k]!;
      slots[code] = 0;
      const s = offsets[code]!;
      const e = offsets[code + 1]!;
      out.set(bytes.subarray(s, e), at);
      at += e - s;
      outOffsets[k + 1] = at;
    }
    return this.withDictionary(column, local, makeData({ type: new Utf8(), length: used.length, nullCount: 0, valueOffsets: outOffsets, data: out }));
  }

  /** `column` (Utf8) as dictionary type `type`, its dictionary the values its rows use. */
  encode(column: Data<Utf8>, type: Dictionary): Data<Dictionary> {
    const values = makeVector(column);
    // Catalog strings have no null: a null is "" (as the readers make them).
    const { codes, order } = numberByFirstUse(column.length, (i) => (values.get(i) as string | null) ?? '');
    const dictionary = vectorFromArray(order, new Utf8()).data[0]!;
    return makeData({ type, length: column.length, nullCount: 0, data: codes, dictionary: makeVector(dictionary) });
  }

  /**
   * `column` (dictionary-encoded strings) as plain Utf8, its nulls kept as nulls (`keepNulls`) or
   * made "" (catalog strings have no null); undefined when its dictionary is not one Utf8 chunk.
   */
  decode(column: Data<Dictionary>, keepNulls: boolean): Data<Utf8> | undefined {
    const chunk = column.dictionary?.data.length === 1 ? column.dictionary.data[0]! : undefined;
    const codes = column.values as IndexArray;
    if (chunk === undefined || !DataType.isUtf8(chunk.type) || codes.length < column.length) return undefined;
    const offsets = chunk.valueOffsets as Int32Array;
    const bytes = chunk.values as Uint8Array;
    const valid = validity(column);
    const outOffsets = new Int32Array(column.length + 1);
    let size = 0;
    for (let i = 0; i < column.length; i++) {
      if (valid === null || valid(i)) {
        const code = codes[i]!;
        if (code < 0 || code >= chunk.length) throw new Error(`dictionary code ${code} outside its dictionary of ${chunk.length}`);
        size += offsets[code + 1]! - offsets[code]!;
      }
      outOffsets[i + 1] = size;
    }
    const out = new Uint8Array(size);
    for (let i = 0; i < column.length; i++) {
      if (outOffsets[i + 1] === outOffsets[i]) continue;
      const code = codes[i]!;
      out.set(bytes.subarray(offsets[code]!, offsets[code + 1]!), outOffsets[i]!);
    }
    const nulls = keepNulls && column.nullCount > 0;
    return makeData({ type: new Utf8(), length: column.length, nullCount: nulls ? column.nullCount : 0, nullBitmap: nulls ? bitmapFrom(column) : undefined, valueOffsets: outOffsets, data: out });
  }

  /** The general path (a dictionary in several chunks, or of another value type): values looked up one by one. */
  private localizeByValue(column: Data<Dictionary>): Data<Dictionary> {
    const vector = makeVector(column);
    const valid = validity(column);
    const { codes, order } = numberByFirstUse<unknown>(column.length, (i) => (valid !== null && !valid(i) ? NO_VALUE : vector.get(i)));
    const type = column.type.dictionary as DataType;
    return this.withDictionary(column, codes, vectorFromArray(order as never[], type).data[0]! as Data);
  }

  private withDictionary(column: Data<Dictionary>, codes: IndexArray, dictionary: Data): Data<Dictionary> {
    return makeData({
      type: column.type, length: column.length, nullCount: column.nullCount, nullBitmap: column.nullCount > 0 ? bitmapFrom(column) : null,
      data: codes, dictionary: makeVector(dictionary),
    } as never) as unknown as Data<Dictionary>;
  }
}

/** Whether row i is valid, or null when every row is. */
function validity(column: Data): ((i: number) => boolean) | null {
  const bitmap = column.nullBitmap;
  if (column.nullCount === 0 || bitmap === undefined || bitmap === null || bitmap.length === 0) return null;
  const offset = column.offset;
  return (i) => ((bitmap[(offset + i) >> 3]! >> ((offset + i) & 7)) & 1) === 1;
}

/** The column's validity as a bitmap starting at its first row. */
function bitmapFrom(column: Data): Uint8Array {
  const valid = validity(column);
  const out = new Uint8Array((column.length + 7) >> 3);
  for (let i = 0; i < column.length; i++) if (valid === null || valid(i)) out[i >> 3] = out[i >> 3]! | (1 << (i & 7));
  return out;
}
