import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '@kqlr/common';
import type { ScalarExpr } from '@kqlr/planner';
import { call, col, evalScalar, filter, lit, member, runRows, schemaOf, str, values } from '../testing/plan-builders.js';

const nullLong = lit('long', null);
const one = lit('long', 1n);
const nullBool = lit('bool', null);
const T = lit('bool', true);
const F = lit('bool', false);
const nullDyn = lit('dynamic', null);

// kql-semantics.md §5.2 table, row by row.
const cases: [string, ScalarExpr, ScalarValue][] = [
  ['null + 1', call('+', [nullLong, one], 'long'), null],
  ['null < 1', call('<', [nullLong, one]), null],
  ['null >= null', call('>=', [nullLong, nullLong]), null],
  ['null == 1', call('==', [nullLong, one]), false],
  ['null == null', call('==', [nullLong, nullLong]), null],
  ['null != 1', call('!=', [nullLong, one]), true],
  ['null != null', call('!=', [nullLong, nullLong]), null],
  ['dynamic(null) =~ "a"', call('=~', [nullDyn, str('a')]), false],
  ['dynamic(null) !~ "a"', call('!~', [nullDyn, str('a')]), true],
  ['dynamic(null) has "a"', call('has', [nullDyn, str('a')]), false],
  ['dynamic(null) !has "a"', call('!has', [nullDyn, str('a')]), true],
  ['dynamic(null) contains "a"', call('contains', [nullDyn, str('a')]), false],
  ['dynamic(null) !startswith "a"', call('!startswith', [nullDyn, str('a')]), true],
  ['dynamic(null) matches regex "a"', call('matches regex', [nullDyn, str('a')]), false],
  ['dynamic(null) has dynamic(null)', call('has', [nullDyn, nullDyn]), null],
  ['long(null) in (1)', member('in', nullLong, [one]), false],
  ['long(null) !in (1)', member('!in', nullLong, [one]), true],
  ['dynamic(null) in~ ("a")', member('in~', nullDyn, [str('a')]), false],
  ['dynamic(null) !in~ ("a")', member('!in~', nullDyn, [str('a')]), true],
  ['null and false', call('and', [nullBool, F]), false],
  ['null and true', call('and', [nullBool, T]), null],
  ['null and null', call('and', [nullBool, nullBool]), null],
  ['null or true', call('or', [nullBool, T]), true],
  ['null or false', call('or', [nullBool, F]), null],
  ['null or null', call('or', [nullBool, nullBool]), null],
  ['not(null)', call('not', [nullBool]), null],
  ['not(true)', call('not', [T]), false],
  ['isnull(long(null))', call('isnull', [nullLong]), true],
  ['isnull("")', call('isnull', [str('')]), false],
  ['isnotnull("")', call('isnotnull', [str('')]), true],
  ['isempty("")', call('isempty', [str('')]), true],
  ['isempty(long(null))', call('isempty', [nullLong]), true],
  ['isnotempty("a")', call('isnotempty', [str('a')]), true],
];

describe('null semantics (§5.2) on constants', () => {
  it.each(cases)('%s', async (_name, expr, expected) => {
    expect(await evalScalar(expr)).toBe(expected);
  });
});

describe('null semantics on columns', () => {
  const schema = schemaOf(['a', 'bool'], ['b', 'bool'], ['n', 'long']);
  const all: (boolean | null)[] = [true, false, null];
  const rows: ScalarValue[][] = [];
  for (const a of all) for (const b of all) rows.push([a, b, a === null ? null : 5n]);
  const a = col(0, 'a', 'bool');
  const b = col(1, 'b', 'bool');
  const refAnd = (x: boolean | null, y: boolean | null) => (x === false || y === false ? false : x === null || y === null ? null : true);
  const refOr = (x: boolean | null, y: boolean | null) => (x === true || y === true ? true : x === null || y === null ? null : false);

  it('and/or as values follow the three-valued table', async () => {
    const plan = { kind: 'Projection' as const, input: values(schema, rows), exprs: [
      { name: 'and', expr: call('and', [a, b]) }, { name: 'or', expr: call('or', [a, b]) },
    ], schema: schemaOf(['and', 'bool'], ['or', 'bool']) };
    const got = await runRows(plan);
    expect(got).toEqual(rows.map(([x, y]) => [refAnd(x as boolean | null, y as boolean | null), refOr(x as boolean | null, y as boolean | null)]));
  });

  it('where keeps only true rows (null dropped)', async () => {
    for (const fn of ['and', 'or'] as const) {
      const got = await runRows(filter(values(schema, rows), call(fn, [a, b])));
      const ref = fn === 'and' ? refAnd : refOr;
      expect(got).toEqual(rows.filter(([x, y]) => ref(x as boolean | null, y as boolean | null) === true));
    }
    const notNull = await runRows(filter(values(schema, rows), call('not', [a])));
    expect(notNull).toEqual(rows.filter(([x]) => x === false));
  });

  it('column == / != constant with null rows', async () => {
    const n = col(2, 'n', 'long');
    const eq = await runRows(filter(values(schema, rows), call('==', [n, lit('long', 5n)])));
    expect(eq.length).toBe(6);
    const ne = await runRows(filter(values(schema, rows), call('!=', [n, lit('long', 4n)])));
    expect(ne.length).toBe(9); // null != 4 is true
    const lt = await runRows(filter(values(schema, rows), call('<', [n, lit('long', 9n)])));
    expect(lt.length).toBe(6); // null < 9 is null
  });
});

