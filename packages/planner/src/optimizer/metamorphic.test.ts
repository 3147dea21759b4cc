import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { ScalarValue } from '@kqlr/common';
import { executePlan, memoryTable, readRows } from '@kqlr/executor';
import { planQuery } from '../logical/plan-query.js';
import { bindOk, OTHER, SMALL } from '../../test-support/bind.js';
import { OPTIMIZER_RULES, optimizePlan, type OptimizerRule } from './optimize-plan.js';

// Metamorphic check: every optimizer rule (alone and all together) preserves query results.
// The executor package runs the plans; rows are compared as sorted multisets of rendered rows
// unless the query sorts.

const QUERIES = [
  'Small | where a > 2 and b has "x" | project b, a',
  'Small | extend n = a * 2 | where n > 4 | project-away d | where b != ""',
  'Small | where a > 1 + 1 | sort by a asc | take 3',
  'Small | project-rename z = b | where z contains "x" | count',
  'Small | where true and a >= 0 | where c > datetime(2024-01-01) | project c',
  'union (Small | project b, a), Other | where b has_any ("x", "y") | project b',
  'Small | where b in ((Other | where e | project b)) | project a',
  'Small | extend b = strlen(b) | where b > 1 | project a, b',
  'Small | take 4 | where a > 2',
  'Small | sort by a desc | where a % 2 == 0 | project a',
  'union withsource=S Small, Other | where S == "Other" or b has "x" | project b, S',
  'union (Small | project b, a), (Other | project e, b) | where isnull(a) or a > 0 | where not(e) | project b',
  'Small | extend x = strlen(b) | extend y = x + 1 | project y, z = x * 2',
];

const smallRow = fc.tuple(
  fc.option(fc.bigInt({ min: -5n, max: 5n }), { nil: null }),
  fc.constantFrom('', 'x', 'X y', 'yx', 'a-x'),
  fc.option(fc.constantFrom(1704067200000n * 10_000n, 1735689600000n * 10_000n), { nil: null }),
  fc.constant(null),
);
const otherRow = fc.tuple(fc.constantFrom('x', 'y', 'X y'), fc.option(fc.boolean(), { nil: null }), fc.constantFrom('s', 't'));

const render = (rows: ScalarValue[][]) => rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));

async function run(query: string, rules: readonly OptimizerRule[], small: ScalarValue[][], other: ScalarValue[][]) {
  const plan = optimizePlan(planQuery(bindOk(query)), rules);
  const tables = new Map([
    ['Small', memoryTable('Small', SMALL, small, { batchSize: 3, dictionaryColumns: ['b'] })],
    ['Other', memoryTable('Other', OTHER, other)],
  ]);
  const execution = executePlan(plan, { tables, now: 0n });
  const rows: ScalarValue[][] = [];
  for await (const batch of execution.batches) rows.push(...readRows(batch, execution.schema));
  const text = render(rows);
  return query.includes('sort by') ? text : text.sort();
}

describe('optimizer rules preserve results', () => {
  const variants: [string, OptimizerRule[]][] = [
    ...OPTIMIZER_RULES.map((r): [string, OptimizerRule[]] => [r.name, [r]]),
    ['all', [...OPTIMIZER_RULES]],
  ];
  test.prop([fc.array(smallRow, { minLength: 6, maxLength: 16 }), fc.array(otherRow, { minLength: 1, maxLength: 5 })], { numRuns: 8, seed: 20240501 })(
    'for each query and rule set',
    async (small, other) => {
      for (const query of QUERIES) {
        const expected = await run(query, [], small as ScalarValue[][], other as ScalarValue[][]);
        for (const [, rules] of variants) {
          expect(await run(query, rules, small as ScalarValue[][], other as ScalarValue[][])).toEqual(expected);
        }
      }
    },
  );
});
