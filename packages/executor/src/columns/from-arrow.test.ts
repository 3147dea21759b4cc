import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, makeData, makeVector, Utf8 } from 'apache-arrow';
import { columnFromArrow } from './from-arrow.js';
import { StringTestMemo } from '../kernels/string-predicate.js';
import { identitySelection, valueAt } from './column.js';

const encoder = new TextEncoder();

/** A dictionary that grows in place over shared buffers, as readers' GrowingDictionary does. */
function growingDictionary(entries: string[]) {
  const bytes = new Uint8Array(1024);
  const offsets = new Int32Array(64);
  let count = 0;
  const add = (s: string) => {
    const start = offsets[count]!;
    const written = encoder.encodeInto(s, bytes.subarray(start)).written;
    offsets[++count] = start + written;
  };
  entries.forEach(add);
  const vector = () =>
    makeVector(makeData({ type: new Utf8(), length: count, nullCount: 0, valueOffsets: offsets.subarray(0, count + 1), data: bytes.subarray(0, offsets[count]!) }));
  return { add, vector };
}

function batchColumn(dictionary: ReturnType<ReturnType<typeof growingDictionary>['vector']>, codes: number[]) {
  const data = makeData({ type: new Dictionary(new Utf8(), new Int32()), length: codes.length, nullCount: 0, data: Int32Array.from(codes), dictionary });
  return columnFromArrow(makeVector(data), 'string');
}

describe('dictionary columns from Arrow', () => {
  it('decodes codes and keeps strings non-null', () => {
    const d = growingDictionary(['a', 'b']);
    const col = batchColumn(d.vector(), [1, 0, 1]);
    expect(col.rep === 'string' && [0, 1, 2].map((r) => col.get(r))).toEqual(['b', 'a', 'b']);
  });

  it('carries predicate memos across batches of a grown dictionary', () => {
    const d = growingDictionary(['/etc/systemd/system/', '/tmp']);
    const calls: string[] = [];
    const memo = new StringTestMemo((s) => (calls.push(s), s.includes('systemd')));
    const first = batchColumn(d.vector(), [0, 1, 0]);
    d.add('/lib/systemd/system/');
    const second = batchColumn(d.vector(), [2, 1, 0, 2]);
    if (first.rep !== 'string' || second.rep !== 'string') throw new Error('expected string columns');
    expect(first.dictionary!.identity).toBe(second.dictionary!.identity);
    expect([...memo.select(first, identitySelection(3), true)]).toEqual([0, 2]);
    expect([...memo.select(second, identitySelection(4), true)]).toEqual([0, 2, 3]);
    expect(calls).toEqual(['/etc/systemd/system/', '/tmp', '/lib/systemd/system/']);
  });

  it('gives unrelated dictionaries different identities', () => {
    const a = batchColumn(growingDictionary(['x']).vector(), [0]);
    const b = batchColumn(growingDictionary(['y']).vector(), [0]);
    if (a.rep !== 'string' || b.rep !== 'string') throw new Error('expected string columns');
    expect(a.dictionary!.identity).not.toBe(b.dictionary!.identity);
    expect(b.get(0)).toBe('y');
  });
});

describe('plain Utf8 columns from Arrow', () => {
  it('decodes sliced data, non-ASCII text and null slots ("" since strings are never null)', async () => {
    const { vectorFromArray } = await import('apache-arrow');
    const v = vectorFromArray(['zero', 'één', null, '😀x', 'last'], new Utf8());
    const col = columnFromArrow(v, 'string');
    expect(col.rep === 'string' && [0, 1, 2, 3, 4].map((r) => col.get(r))).toEqual(['zero', 'één', '', '😀x', 'last']);
    const sliced = columnFromArrow(v.slice(1, 4), 'string');
    expect(sliced.rep === 'string' && [0, 1, 2].map((r) => sliced.get(r))).toEqual(['één', '', '😀x']);
  });
});

describe('null slots from Arrow validity bitmaps', () => {
  // Nulls at bitmap byte edges, in runs longer than a byte, and rows past the last whole byte;
  // slices start mid-byte, so the bitmap's bit offset is not a multiple of 8.
  const values = Array.from({ length: 45 }, (_, i) => ([0, 7, 8, 9, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 31, 40, 44].includes(i) ? null : `v${i % 5}`));
  const slices: [number, number][] = [[0, 45], [3, 45], [5, 12], [9, 41], [13, 14], [16, 16]];

  it('reads a dictionary column\'s null slots as "" (code -1), whole and sliced', async () => {
    const { vectorFromArray } = await import('apache-arrow');
    const v = vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
    for (const [start, end] of slices) {
      const col = columnFromArrow(v.slice(start, end), 'string');
      if (col.rep !== 'string') throw new Error('expected a string column');
      const rows = Array.from({ length: end - start }, (_, r) => r);
      expect(rows.map((r) => col.get(r))).toEqual(values.slice(start, end).map((x) => x ?? ''));
      if (end > start) expect(rows.filter((r) => col.codes![r] === -1)).toEqual(rows.filter((r) => values[start + r] === null));
    }
  });

  it('flags a long column\'s null rows, whole and sliced', async () => {
    const { vectorFromArray, Int64 } = await import('apache-arrow');
    const longs = values.map((x, i) => (x === null ? null : BigInt(i) * 1_000_000_007n));
    const v = vectorFromArray(longs, new Int64());
    for (const [start, end] of slices) {
      const col = columnFromArrow(v.slice(start, end), 'long');
      const rows = Array.from({ length: end - start }, (_, r) => r);
      expect(rows.map((r) => valueAt(col, r))).toEqual(longs.slice(start, end));
    }
  });
});
