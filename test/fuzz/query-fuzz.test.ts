import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { runQuery, type QueryResult } from '@kqlr/engine';
import { parseQuery } from '@kqlr/parser';
import { fcParams, fuzzBudget, noteCurrentCase, propTimeout, reportCases, timedTwiceIfSlow } from './fuzz-budget.js';
import { mutate, mutationArb } from './query-mutations.js';
import { seedQueries } from './seed-queries.js';
import { smallDefenderTables } from './small-tables.js';

/**
 * Mutated queries through parse -> bind -> plan -> run. Acceptable outcomes: rows, or error
 * diagnostics. Never an exception, never a slow case, and the same rows whatever the batching of
 * the input (one-row batches with plain strings vs whole-table batches with dictionary strings).
 */
const seeds = seedQueries();
const NOW = 638_500_000_000_000_000n - 621_355_968_000_000_000n;
const oneRow = smallDefenderTables(1, false);
const whole = smallDefenderTables(1000, true);
/** Per-case bound: generous for the shared 2-core machine, far below a hang. */
const CASE_MS = 10_000;

function canonical(r: QueryResult): string {
  if (!r.ok) return 'error:' + r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(',');
  return JSON.stringify([r.schema.columns, r.rows], (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Number.isNaN(v) ? 'NaN' : v));
}

async function checkQuery(q: string): Promise<void> {
  let a: QueryResult | undefined;
  let b: QueryResult | undefined;
  const elapsed = await timedTwiceIfSlow(CASE_MS, async () => {
    a = await runQuery(q, { now: NOW, tables: oneRow, batchSize: 1 });
    b = await runQuery(q, { now: NOW, tables: whole });
  });
  expect(elapsed).toBeLessThan(CASE_MS);
  if (a === undefined || b === undefined) throw new Error('unreachable: both queries ran');
  if (!a.ok) expect(a.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  expect(a.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
  expect(canonical(a)).toBe(canonical(b));
}

describe('query fuzz', () => {
  const budget = fuzzBudget(300);
  let cases = 0;

  test('the seed corpus is loaded', () => {
    expect(seeds.length).toBeGreaterThan(100);
  });

  test.prop([fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 })], fcParams(budget))(
    'mutated seed queries',
    async (i, mutations) => {
      cases++;
      const q = mutate(seeds[i]!, mutations);
      noteCurrentCase(q);
      await checkQuery(q);
    },
    propTimeout(budget),
  );

  const textBudget = fuzzBudget(150);
  test.prop([fc.string({ unit: 'binary', maxLength: 60 })], fcParams(textBudget))(
    'random text never crashes the parser',
    (text) => {
      cases++;
      noteCurrentCase(text);
      const r = parseQuery(text);
      expect(r.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
    },
    propTimeout(textBudget),
  );

  test('cases tried', () => {
    reportCases('query', cases);
    expect(cases).toBeGreaterThan(0);
  });
});
