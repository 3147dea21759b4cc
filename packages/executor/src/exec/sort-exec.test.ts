import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '@kqlr/common';
import { col, limit, runRows, schemaOf, sort, values } from '../testing/plan-builders.js';

describe('sort by one long key (compared as doubles, exactly on equal doubles)', () => {
  const s = schemaOf(['t', 'datetime'], ['id', 'long']);
  // 2^62 + 1 and 2^62 are the same double: only the exact compare orders them. Ticks with 7
  // fraction digits one apart (2024 dates are ~6.4e17 ticks, beyond 2^53) are the real case.
  const big = 2n ** 62n;
  const rows: ScalarValue[][] = [
    [big, 0n], [big + 1n, 1n], [638514432000000001n, 2n], [638514432000000000n, 3n], [big, 4n], [-5n, 5n], [638514432000000001n, 6n],
  ];
  const byKey = (desc: boolean) => [...rows].sort((a, b) => {
    const x = a[0] as bigint;
    const y = b[0] as bigint;
    return x === y ? 0 : (x < y) !== desc ? -1 : 1;
  });
  it('descending, ties in input order', async () => {
    const got = await runRows(sort(values(s, rows), [{ expr: col(0, 't', 'datetime'), descending: true, nullsFirst: false }]));
    expect(got).toEqual(byKey(true));
    expect(got.map((r) => r[1])).toEqual([1n, 0n, 4n, 2n, 6n, 3n, 5n]);
  });
  it('ascending', async () => {
    const got = await runRows(sort(values(s, rows), [{ expr: col(0, 't', 'datetime'), descending: false, nullsFirst: true }]));
    expect(got).toEqual(byKey(false));
  });

  it('batches whose key has a null and batches without sort together (nulls last when descending)', async () => {
    // Batch size 2: [2^62, null] takes the boxed path, the others keep their keys as words.
    const mixed: ScalarValue[][] = [[big, 0n], [null, 1n], [5n, 2n], [big + 1n, 3n], [-5n, 4n], [big, 5n]];
    const got = await runRows(sort(values(s, mixed), [{ expr: col(0, 't', 'datetime'), descending: true, nullsFirst: false }]), new Map(), 2);
    expect(got.map((r) => r[1])).toEqual([3n, 0n, 5n, 2n, 4n, 1n]);
  });

  it('top-N (sort then take) over many batches keeps the first N in key order, ties in input order', async () => {
    const many: ScalarValue[][] = Array.from({ length: 3000 }, (_, i) => [BigInt((i * 7919) % 1000) + big, BigInt(i)]);
    const got = await runRows(limit(sort(values(s, many), [{ expr: col(0, 't', 'datetime'), descending: true, nullsFirst: false }]), 5), new Map(), 100);
    const want = many
      .map((r, i) => ({ k: r[0] as bigint, i }))
      .sort((a, b) => (a.k === b.k ? a.i - b.i : a.k > b.k ? -1 : 1))
      .slice(0, 5)
      .map((e) => BigInt(e.i));
    expect(got.map((r) => r[1])).toEqual(want);
  });
});
