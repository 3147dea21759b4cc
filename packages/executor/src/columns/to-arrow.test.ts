import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, makeData, RecordBatch, Schema, Struct, Utf8, vectorFromArray, Field } from 'apache-arrow';
import { schemaOf } from '../testing/plan-builders.js';
import { recordBatchFromRows } from '../memory-table.js';
import { readRows } from '../read-row.js';
import { chunkFromRecordBatch } from './chunk-from-batch.js';
import { chunkToRecordBatch } from './to-arrow.js';

describe('output strings copied as UTF-8 bytes', () => {
  const s = schemaOf(['d', 'string'], ['p', 'string']);
  it('from dictionary and plain columns, at selected rows only, non-ASCII intact', () => {
    const rows = [['résumé', 'Überweisung'], ['', 'x'], ['😀 a,b', '"q"'], ['résumé', '']];
    const chunk = chunkFromRecordBatch(recordBatchFromRows(s, rows, new Set(['d'])), s, Uint32Array.of(0, 2, 3));
    const out = chunkToRecordBatch(chunk);
    expect(readRows(out, s)).toEqual([rows[0], rows[2], rows[3]]);
  });

  it('a null slot of a dictionary column comes out as "" (strings are never null)', () => {
    const dictionary = vectorFromArray(['a', 'b'], new Utf8());
    const type = new Dictionary(new Utf8(), new Int32());
    const codes = makeData({ type, length: 3, nullCount: 1, nullBitmap: Uint8Array.of(0b101), data: Int32Array.of(1, 0, 0), dictionary });
    const plain = vectorFromArray(['x', 'y', 'z'], new Utf8()).data[0]!;
    const schema = new Schema([new Field('d', type, true), new Field('p', new Utf8(), true)]);
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 3, nullCount: 0, children: [codes, plain] }));
    const out = chunkToRecordBatch(chunkFromRecordBatch(batch, s));
    expect(readRows(out, s)).toEqual([['b', 'x'], ['', 'y'], ['a', 'z']]);
  });

  it('a run of consecutive rows of plain text shares the bytes when it is most of them, with offsets rebased; other selections copy', () => {
    const p = schemaOf(['p', 'string']);
    const rows = [['zero'], ['één'], [''], ['😀x'], ['four'], ['five']];
    // Bytes in a buffer of their exact size (builders may leave slack, which would count against sharing).
    const source = new Uint8Array(Buffer.from(rows.map((r) => r[0]).join(''), 'utf8'));
    const valueOffsets = Int32Array.from([0, ...rows.map((_, i) => Buffer.byteLength(rows.slice(0, i + 1).map((r) => r[0]).join(''), 'utf8'))]);
    const field = new Field('p', new Utf8(), true);
    const column = makeData({ type: new Utf8(), length: rows.length, nullCount: 0, valueOffsets, data: source });
    const batch = new RecordBatch(new Schema([field]), makeData({ type: new Struct([field]), length: rows.length, nullCount: 0, children: [column] }));
    for (const sel of [[0, 1, 2, 3, 4, 5], [1, 2, 3], [3], [0, 2, 3], [4, 5]]) {
      const out = chunkToRecordBatch(chunkFromRecordBatch(batch, p, Uint32Array.from(sel)));
      expect(readRows(out, p)).toEqual(sel.map((r) => rows[r]));
      const data = out.getChildAt(0)!.data[0]!;
      expect(data.valueOffsets[0]).toBe(0);
      // Only the whole column is enough of the source buffer to share it.
      expect(data.values.buffer === source.buffer).toBe(sel.length === rows.length);
    }
  });
});
