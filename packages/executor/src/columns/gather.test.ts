import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '@kqlr/common';
import { recordBatchFromRows } from '../memory-table.js';
import { schemaOf } from '../testing/plan-builders.js';
import { chunkFromRecordBatch } from './chunk-from-batch.js';
import { valueAt } from './column.js';
import { compactChunk, gatherRows } from './gather.js';

const s = schemaOf(['t', 'datetime'], ['n', 'long'], ['r', 'real'], ['b', 'bool'], ['d', 'string'], ['p', 'string'], ['g', 'guid']);
const rowsA: ScalarValue[][] = [
  [1n, null, 1.5, true, 'x', 'é', 'g1'],
  [-(2n ** 62n), 5n, null, null, '', 'plain', null],
  [3n, -7n, NaN, false, 'y', '', 'g3'],
];
const rowsB: ScalarValue[][] = [[9n, 2n ** 53n + 1n, -0.5, false, 'x', 'z', 'g9']];

describe('gatherRows copies rows in their own representation', () => {
  it('keeps every value, null and negative long exactly across chunks in any order', () => {
    const a = chunkFromRecordBatch(recordBatchFromRows(s, rowsA, new Set(['d'])), s);
    const b = chunkFromRecordBatch(recordBatchFromRows(s, rowsB, new Set(['d'])), s);
    const refs = { chunks: [a, b], chunkOf: Uint32Array.of(1, 0, 0, 0), rowOf: Uint32Array.of(0, 2, 1, 0) };
    const out = gatherRows(s, refs, 0, 4);
    const got = Array.from({ length: 4 }, (_, r) => out.columns.map((c) => valueAt(c, r)));
    expect(got).toEqual([rowsB[0], rowsA[2], rowsA[1], rowsA[0]]);
    // Different dictionaries per chunk: strings are decoded, not mixed up by code.
    expect(out.columns[4]!.rep === 'string' && out.columns[4]!.dictionary).toBe(null);
  });

  it('keeps a shared dictionary (codes copied) when compacting one chunk', () => {
    const rows: ScalarValue[][] = Array.from({ length: 10 }, (_, i) => [BigInt(i), BigInt(i), i, i % 2 === 0, `v${i % 3}`, `p${i}`, null]);
    const chunk = chunkFromRecordBatch(recordBatchFromRows(s, rows, new Set(['d'])), s, Uint32Array.of(1, 4, 8));
    const compact = compactChunk(chunk);
    expect(compact.length).toBe(3);
    const d = compact.columns[4]!;
    expect(d.rep === 'string' && d.dictionary !== null).toBe(true);
    const got = [0, 1, 2].map((r) => compact.columns.map((c) => valueAt(c, r)));
    expect(got).toEqual([rows[1], rows[4], rows[8]]);
  });
});
