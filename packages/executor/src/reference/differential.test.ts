import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { ScalarValue, TableProvider, TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { valueAt } from '../columns/column.js';
import { TableScanExec } from '../exec/table-scan-exec.js';
import { createPhysicalExpr } from '../physical/create-physical-expr.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import { planPhysical } from '../plan-physical.js';
import type { ScalarExpr } from '@kqlr/planner';
import { memoryTable } from '../memory-table.js';
import { call, col, lit, member, project, runRows, scan, schemaOf, str } from '../testing/plan-builders.js';
import { asRefString, refHasAll, refHasAny, refIn, refStringOp, type RefStringOp } from './reference-evaluator.js';

// Differential tests: every string kernel against the row-at-a-time reference evaluator, on plain,
// dictionary and dynamic (nullable) columns, with random batch sizes. Fixed seed, small numRuns.
const SEED = 20240501;
const RUNS = 30;

const alphabet = ['a', 'b', 'A', 'B', '1', ' ', '/', '.', '-', '_', 'é', 'É', 'İ', 'Σ', '😀'];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 7 }).map((cs) => cs.join(''));
const needle = fc.array(fc.constantFrom(...alphabet), { maxLength: 3 }).map((cs) => cs.join(''));
const cell = fc.option(text, { nil: null, freq: 5 });

const BINARY_OPS: RefStringOp[] = [
  'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains', 'contains_cs',
  'startswith', 'startswith_cs', 'endswith', 'endswith_cs', '==', '=~',
];
const ALL_OPS = [...BINARY_OPS, ...BINARY_OPS.map((o) => (o === '==' ? '!=' : o === '=~' ? '!~' : `!${o}`))] as const;

const schema = schemaOf(['id', 'long'], ['s', 'string'], ['d', 'dynamic']);

function tableOf(cells: (string | null)[], batchSize: number, dictionary: boolean): Promise<Chunk[]> {
  const rows: ScalarValue[][] = cells.map((c, i) => [BigInt(i), c ?? '', c]);
  return chunksOf(new Map([['T', memoryTable('T', schema, rows, { batchSize, dictionaryColumns: dictionary ? ['s'] : [] })]]));
}

const S = col(1, 's', 'string');
const D = col(2, 'd', 'dynamic');

// The kernels are exercised at the physical-expression level over chunks decoded from real Arrow
// batches (plain and dictionary): both `select` (the where path) and `evaluate` (the value path).
async function chunksOf(tables: Map<string, TableProvider>, s: TableSchema = schema): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const c of new TableScanExec('T', s, []).execute({ tables, batchSize: 8192 })) chunks.push(c);
  return chunks;
}

async function physical(pred: ScalarExpr): Promise<PhysicalExpr> {
  const e = createPhysicalExpr(pred, { now: undefined, planSubquery: (p) => planPhysical(p) });
  await e.prepare({ tables: new Map(), batchSize: 8192 });
  return e;
}

async function selectedIds(pred: ScalarExpr, chunks: Chunk[]): Promise<number[]> {
  const e = await physical(pred);
  return chunks.flatMap((c) => [...e.select(c, c.selection)].map((row) => Number(valueAt(c.columns[0]!, row))));
}

async function valuesOf(expr: ScalarExpr, chunks: Chunk[]): Promise<ScalarValue[]> {
  const e = await physical(expr);
  return chunks.flatMap((c) => {
    const v = e.evaluate(c, c.selection);
    return [...c.selection].map((row) => (v.kind === 'scalar' ? v.value : valueAt(v.column, row)));
  });
}

const expectedIds = (results: (boolean | null)[]) => results.flatMap((r, i) => (r === true ? [i] : []));

describe('string kernels agree with the reference evaluator', () => {
  test.prop([fc.array(cell, { maxLength: 12 }), needle, fc.integer({ min: 1, max: 5 })], { seed: SEED, numRuns: 20 })(
    'binary string operators (constant needle)',
    async (cells, n, batchSize) => {
      for (const dictionary of [false, true]) {
        const tables = await tableOf(cells, batchSize, dictionary);
        for (const op of ALL_OPS) {
          const onString = cells.map((c) => refStringOp(op, c ?? '', n));
          expect(await selectedIds(call(op, [S, str(n)]), tables), `${op} on string`).toEqual(expectedIds(onString));
          expect(await valuesOf(call(op, [S, str(n)]), tables), `${op} values`).toEqual(onString);
        }
      }
      const tables = await tableOf(cells, batchSize, false);
      for (const op of ALL_OPS) {
        const onDynamic = cells.map((c) => refStringOp(op, c, n));
        expect(await valuesOf(call(op, [D, str(n)]), tables), `${op} on dynamic`).toEqual(onDynamic);
        expect(await selectedIds(call(op, [D, str(n)]), tables), `${op} where on dynamic`).toEqual(expectedIds(onDynamic));
      }
    },
  );

  test.prop([fc.array(cell, { maxLength: 12 }), fc.array(needle, { maxLength: 4 }), fc.integer({ min: 1, max: 5 })], {
    seed: SEED,
    numRuns: RUNS,
  })('has_any / has_all / in / in~ and negations', async (cells, needles, batchSize) => {
    const list = needles.map((x) => str(x));
    for (const dictionary of [false, true]) {
      const tables = await tableOf(cells, batchSize, dictionary);
      expect(await selectedIds(member('has_any', S, list), tables)).toEqual(expectedIds(cells.map((c) => refHasAny(c ?? '', needles))));
      expect(await selectedIds(member('has_all', S, list), tables)).toEqual(expectedIds(cells.map((c) => refHasAll(c ?? '', needles))));
      for (const op of ['in', '!in', 'in~', '!in~'] as const) {
        expect(await selectedIds(member(op, S, list), tables), op).toEqual(expectedIds(cells.map((c) => refIn(op, c ?? '', needles))));
      }
    }
    const tables = await tableOf(cells, batchSize, false);
    expect(await valuesOf(member('has_any', D, list), tables)).toEqual(cells.map((c) => refHasAny(c, needles)));
    for (const op of ['in', '!in', 'in~', '!in~'] as const) {
      expect(await valuesOf(member(op, D, list), tables), `${op} dynamic`).toEqual(cells.map((c) => refIn(op, c, needles)));
    }
  });

  test.prop([fc.array(fc.tuple(cell, cell), { maxLength: 10 })], { seed: SEED, numRuns: RUNS })(
    'non-constant needles (row-wise path)',
    async (pairs) => {
      const rows: ScalarValue[][] = pairs.map(([h, n], i) => [BigInt(i), h ?? '', n ?? '']);
      const s2 = schemaOf(['id', 'long'], ['h', 'string'], ['n', 'string']);
      const tables = new Map([['T', memoryTable('T', s2, rows, { dictionaryColumns: ['h'] })]]);
      for (const op of ['has', '!hasprefix', 'hassuffix_cs', 'contains', 'endswith', '=~'] as const) {
        const got = await runRows(project(scan('T', s2), [{ name: 'v', expr: call(op, [col(1, 'h', 'string'), col(2, 'n', 'string')]) }]), tables);
        expect(got.map((r) => r[0]), op).toEqual(pairs.map(([h, n]) => refStringOp(op, h ?? '', n ?? '')));
      }
    },
  );
});

describe('reference sanity', () => {
  test.prop([text], { seed: SEED, numRuns: 20 })('asRefString keeps strings', (s) => {
    expect(asRefString(s)).toBe(s);
    expect(lit('string', s).value).toBe(s);
  });
});
