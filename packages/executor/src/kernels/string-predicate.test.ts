import { describe, expect, it } from 'vitest';
import type { StringColumn, StringDictionary } from '../columns/column.js';
import { StringTestMemo } from './string-predicate.js';
import { utf8AffixTest } from './utf8-bytes.js';

function dictColumn(dict: StringDictionary, codes: number[]): StringColumn {
  const c = Int32Array.from(codes);
  return { rep: 'string', length: codes.length, get: (r) => dict.value(c[r]!), dictionary: dict, codes: c };
}

describe('dictionary-memoised string predicates', () => {
  it('tests each distinct value at most once, and only values of selected rows', () => {
    const entries = ['a.service', 'b.conf', 'c.service', 'never-used'];
    const dict: StringDictionary = { size: entries.length, identity: {}, value: (c) => (c < 0 ? '' : entries[c]!) };
    const seen: string[] = [];
    const memo = new StringTestMemo((s) => (seen.push(s), s.endsWith('.service')));
    const col = dictColumn(dict, [0, 1, 0, 2, 1, 0, 3]);
    const first = memo.select(col, Uint32Array.of(0, 1, 2, 3, 4, 5), true);
    expect([...first]).toEqual([0, 2, 3, 5]);
    expect(seen).toEqual(['a.service', 'b.conf', 'c.service']);
    // A second batch sharing the dictionary reuses the memo; the negated form reads it too.
    const second = memo.select(dictColumn(dict, [2, 1, 0]), Uint32Array.of(0, 1, 2), false);
    expect([...second]).toEqual([1]);
    expect(seen).toHaveLength(3);
  });

  it('keeps its memo when a reader grows the same dictionary', () => {
    const entries = ['x', 'yes'];
    const dict = { size: 2, identity: {} as object, value: (c: number) => entries[c]! };
    const memo = new StringTestMemo((s) => s === 'yes' || s === 'late-yes');
    expect([...memo.select(dictColumn(dict, [0, 1]), Uint32Array.of(0, 1), true)]).toEqual([1]);
    entries.push('late-yes');
    dict.size = 3;
    expect([...memo.select(dictColumn(dict, [2, 0, 1]), Uint32Array.of(0, 1, 2), true)]).toEqual([0, 2]);
  });

  it('reads Arrow null slots (code -1) as ""', () => {
    const dict: StringDictionary = { size: 1, identity: {}, value: (c) => (c < 0 ? '' : 'a') };
    const memo = new StringTestMemo((s) => s === '');
    expect([...memo.select(dictColumn(dict, [-1, 0]), Uint32Array.of(0, 1), true)]).toEqual([0]);
  });

  it('evaluate gives a non-null bool at selected rows only', () => {
    const memo = new StringTestMemo((s) => s.length > 1);
    const values = ['ab', 'a', 'abc'];
    const col: StringColumn = { rep: 'string', length: 3, get: (r) => values[r]!, dictionary: null, codes: null };
    expect([...memo.evaluate(col, Uint32Array.of(0, 1), true).values]).toEqual([1, 0, 2]);
  });

  it('decides dictionary entries on their UTF-8 bytes, decoding only what the bytes leave open', () => {
    // `endswith ".service"` is case-insensitive; a non-ASCII byte in the tail could fold to ASCII,
    // so that entry is decoded and tested as a string (the string kernel decides: `ſ` is not `s`).
    const entries = ['a.service', 'B.SERVICE', 'c.conf', 'd.ſervice'];
    const bytes = Buffer.from(entries.join(''), 'utf8');
    const offsets = Int32Array.from([0, ...entries.map((_, i) => Buffer.byteLength(entries.slice(0, i + 1).join(''), 'utf8'))]);
    const decoded: number[] = [];
    const dict: StringDictionary = {
      size: entries.length, identity: {}, utf8: { bytes, offsets }, value: (c) => (decoded.push(c), entries[c]!),
    };
    const memo = new StringTestMemo((s) => s.toLowerCase().endsWith('.service'), utf8AffixTest('.service', 'endswith', false));
    expect([...memo.select(dictColumn(dict, [0, 1, 2, 3]), Uint32Array.of(0, 1, 2, 3), true)]).toEqual([0, 1]);
    expect(decoded).toEqual([3]);
  });

  it('decides a small dictionary whole, once, then reads only the memo (null slots as "")', () => {
    const entries = ['FileCreated', 'FileDeleted', 'FileModified'];
    const dict: StringDictionary = { size: entries.length, identity: {}, value: (c) => entries[c]! };
    const seen: string[] = [];
    const memo = new StringTestMemo((s) => (seen.push(s), s === 'FileCreated' || s === 'FileModified' || s === ''));
    const codes = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? -1 : i % 2));
    const all = Uint32Array.from(codes.keys());
    const expected = codes.flatMap((c, i) => (c === 0 || c === -1 ? [i] : []));
    expect([...memo.select(dictColumn(dict, codes), all, true)]).toEqual(expected);
    expect([...memo.select(dictColumn(dict, codes), all, true)]).toEqual(expected);
    expect(seen.sort()).toEqual(['', 'FileCreated', 'FileDeleted', 'FileModified']);
  });

  /** A dictionary of `entries` with UTF-8 bytes, recording which entries the string test decodes. */
  function utf8Dictionary(entries: string[], decoded: number[]): StringDictionary {
    const bytes = Buffer.from(entries.join(''), 'utf8');
    const offsets = Int32Array.from([0, ...entries.map((_, i) => Buffer.byteLength(entries.slice(0, i + 1).join(''), 'utf8'))]);
    return { size: entries.length, identity: {}, utf8: { bytes, offsets }, value: (c) => (decoded.push(c), entries[c]!) };
  }

  it('decides every entry up front when the batch is dense, only the selected rows\' entries when it is sparse', () => {
    // Ten entries, the last never used by a row; the byte kernel decides ASCII tails, a tail with
    // `ſ` is left to the string test (decoded), which makes deciding the unused entry visible.
    const entries = ['0.service', '1.conf', '2.SERVICE', '3.ſervice', '4.txt', '5.service', '6.x', '7.service', '8.y', '9.ſervice'];
    const codes = Array.from({ length: 40 }, (_, i) => i % 9);
    const want = codes.flatMap((c, i) => (/\.service$/i.test(entries[c]!) ? [i] : []));
    const byteTest = utf8AffixTest('.service', 'endswith', false);
    const test = (s: string) => s.toLowerCase().endsWith('.service');

    // Dense: 40 rows will be tested against 10 entries, so all are decided (the unused one too);
    // only the non-ASCII tail is decoded.
    const decodedDense: number[] = [];
    const dense = utf8Dictionary(entries, decodedDense);
    const tested: string[] = [];
    const eager = new StringTestMemo((s) => (tested.push(s), test(s)), byteTest);
    expect([...eager.select(dictColumn(dense, codes), Uint32Array.from(codes.keys()), true)]).toEqual(want);
    expect(decodedDense).toEqual([3, 9]);
    // A later batch sharing the dictionary reads the memo: no test at all.
    expect([...eager.select(dictColumn(dense, [0, 9, 4, 3]), Uint32Array.of(0, 1, 2, 3), true)]).toEqual([0]);
    expect(tested).toEqual(['3.ſervice', '9.ſervice']);

    // Sparse: two selected rows out of 40 are expected to test ~2 rows of the batch: only their
    // entries are decided (row 3 -> entry 3, decoded; row 39 -> entry 3 again).
    const decodedSparse: number[] = [];
    const sparse = utf8Dictionary(entries, decodedSparse);
    const lazy = new StringTestMemo(test, byteTest);
    expect([...lazy.select(dictColumn(sparse, codes), Uint32Array.of(3, 39), false)]).toEqual([3, 39]);
    expect(decodedSparse).toEqual([3]);
  });

  it('keeps memos of different dictionaries apart', () => {
    // Same codes, different dictionaries (per-batch dictionaries): a memo keyed by code alone would reuse decisions.
    const memo = new StringTestMemo((s) => s === 'yes');
    const first: StringDictionary = { size: 2, identity: {}, value: (c) => ['yes', 'no'][c]! };
    const second: StringDictionary = { size: 2, identity: {}, value: (c) => ['no', 'yes'][c]! };
    const all = Uint32Array.of(0, 1, 2, 3);
    expect([...memo.select(dictColumn(first, [0, 1, 0, 1]), all, true)]).toEqual([0, 2]);
    expect([...memo.select(dictColumn(second, [0, 1, 0, 1]), all, true)]).toEqual([1, 3]);
    expect([...memo.select(dictColumn(first, [1, 1, 0, 0]), all, true)]).toEqual([2, 3]);
  });

  it('returns nothing for an empty selection and decides nothing', () => {
    const tested: string[] = [];
    const memo = new StringTestMemo((s) => (tested.push(s), true));
    const dict: StringDictionary = { size: 1, identity: {}, value: () => 'a' };
    expect([...memo.select(dictColumn(dict, []), new Uint32Array(0), true)]).toEqual([]);
    expect(tested).toEqual([]);
  });

  it('decides a dense batch\'s null slots (code -1) as "" whichever path runs', () => {
    const entries = ['a', 'b'];
    const codes = Array.from({ length: 32 }, (_, i) => (i % 4 === 0 ? -1 : i % 2));
    const all = Uint32Array.from(codes.keys());
    for (const byteKernel of [undefined, utf8AffixTest('b', 'endswith', true)]) {
      const dict = utf8Dictionary(entries, []);
      const memo = new StringTestMemo((s) => s === '' || s === 'b', byteKernel);
      expect([...memo.select(dictColumn(dict, codes), all, true)]).toEqual(codes.flatMap((c, i) => (c !== 0 ? [i] : [])));
    }
  });

  it('keeps the same rows from a run of consecutive rows mid-batch as from the scattered rows of it', () => {
    const entries = ['a.service', 'b', 'c.service'];
    const dict: StringDictionary = { size: 3, identity: {}, value: (c) => (c < 0 ? '' : entries[c]!) };
    const codes = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? -1 : i % 3));
    const memo = new StringTestMemo((s) => s.endsWith('.service'));
    const col = dictColumn(dict, codes);
    const want = (rows: number[]) => rows.filter((r) => codes[r] === 0 || codes[r] === 2);
    const run = Array.from({ length: 11 }, (_, k) => 12 + k);
    expect([...memo.select(col, Uint32Array.from(run), true)]).toEqual(want(run));
    const scattered = run.filter((r) => r % 2 === 0);
    expect([...memo.select(col, Uint32Array.from(scattered), true)]).toEqual(want(scattered));
    expect([...memo.select(col, Uint32Array.from(run), false)]).toEqual(run.filter((r) => !want(run).includes(r)));
  });
});
