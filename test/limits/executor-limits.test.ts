import { describe, expect, it } from 'vitest';
import { memoryTable, runQuery } from '@kqlr/engine';
import { createCatalog } from '@kqlr/planner';
import type { TableSchema } from '@kqlr/common';
import { TermIndex } from '../../packages/executor/src/kernels/term-index.js';

const schema: TableSchema = { name: 'T', columns: [{ name: 's', type: 'string' }] };
const catalog = createCatalog([schema]);
const rows = Array.from({ length: 20_000 }, (_, i) => [`process term${i * 7} ran x${i}.exe with more words here`]);
const tables = new Map([['T', memoryTable('T', schema, rows, { batchSize: 4096 })]]);

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('executor limits', () => {
  it('has_any over 100,000 needles costs one pass over each row (term index), not one scan per needle', () => {
    const terms = Array.from({ length: 100_000 }, (_, i) => `term${i}`);
    const dotted = Array.from({ length: 100_000 }, (_, i) => `x${i + 1_000_000}.exe`).concat(['x5.exe']);
    const haystacks = rows.map((r) => r[0]!);
    for (const needles of [terms, dotted]) {
      const index = new TermIndex(needles);
      const small = new TermIndex(needles.slice(0, 10));
      const big = timed(() => haystacks.filter((h) => index.any(h)).length);
      const base = timed(() => haystacks.filter((h) => small.any(h)).length);
      // 10,000 times more needles may not cost more than a small factor per row (a loop would be ~10^4).
      expect(big.ms).toBeLessThan(Math.max(500, base.ms * 20));
    }
    const termIndex = new TermIndex(terms);
    const dottedIndex = new TermIndex(dotted);
    expect(haystacks.filter((h) => termIndex.any(h)).length).toBe(Math.ceil(100_000 / 7));
    expect(haystacks.filter((h) => dottedIndex.any(h))).toEqual([haystacks[5]]);
  });

  it('runs a 10,000-term has_any query end to end within a few seconds', async () => {
    const list = Array.from({ length: 10_000 }, (_, i) => `"term${i}"`).join(',');
    const t = performance.now();
    const r = await runQuery(`T | where s has_any(${list}) | count`, { now: 0n, catalog, tables });
    expect(performance.now() - t).toBeLessThan(15_000);
    expect(r.ok && r.rows).toEqual([[BigInt(Math.ceil(10_000 / 7))]]);
  });

  it('evaluates catastrophic-backtracking patterns in linear time (RE2 semantics)', async () => {
    const long = 'a'.repeat(100_000) + '!';
    const probe = memoryTable('T', schema, [[long], ['aaaa'], ['b']]);
    for (const pattern of ['(a+)+$', '(a|aa)+$', '(a*)*b', '^(a|a?)+$']) {
      const t = performance.now();
      const r = await runQuery(`T | where s matches regex @"${pattern}" | count`, { now: 0n, catalog, tables: new Map([['T', probe]]) });
      expect(performance.now() - t).toBeLessThan(3_000);
      expect(r.ok).toBe(true);
    }
    const r = await runQuery('T | where s matches regex @"(a+)+$" | project s', { now: 0n, catalog, tables: new Map([['T', probe]]) });
    expect(r.ok && r.rows).toEqual([['aaaa']]);
  });

  it('rejects a pattern RE2 cannot run (backreference) with a diagnostic, not an exception', async () => {
    const r = await runQuery('print x = "aa" matches regex @"(a)\\1"', { now: 0n });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});
