import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, makeData, makeVector, Utf8 } from 'apache-arrow';
import { columnFromArrow } from './from-arrow.js';
import { StringTestMemo } from '../kernels/string-predicate.js';
import { identitySelection } from './column.js';

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
