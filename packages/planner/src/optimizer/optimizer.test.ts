import { describe, expect, it } from 'vitest';
import { printLogicalPlan } from '../explain.js';
import type { LogicalPlan } from '../logical/plan.js';
import { foldConstants } from './fold-constants.js';
import { mergeProjections } from './merge-projections.js';
import { optimizePlan } from './optimize-plan.js';
import { orderScanFilters } from './order-scan-filters.js';
import { pruneColumns } from './prune-columns.js';
import { pushDownFilter } from './push-down-filter.js';
import { call, col, filter, lit, project, scan } from '../../test-support/plans.js';

const s = scan();
const aGt1 = call('>', 'bool', col(s, 'a'), lit('long', 1n));
const bHasX = call('has', 'bool', col(s, 'b'), lit('string', 'x'));

describe('fold-constants', () => {
  it('folds literal arithmetic inside predicates', () => {
    const plan = filter(s, call('>', 'bool', col(s, 'a'), call('+', 'long', lit('long', 1n), lit('long', 2n))));
    expect(printLogicalPlan(foldConstants(plan))).toBe('01)Filter: a > 3\n02)--TableScan: T');
  });
  it('simplifies and/or with constants under three-valued logic', () => {
    const p1 = filter(s, call('and', 'bool', aGt1, lit('bool', true)));
    expect(printLogicalPlan(foldConstants(p1))).toBe('01)Filter: a > 1\n02)--TableScan: T');
    const p2 = filter(s, call('or', 'bool', lit('bool', true), aGt1));
    expect(printLogicalPlan(foldConstants(p2))).toBe('01)TableScan: T');
    const p3 = filter(s, call('and', 'bool', aGt1, lit('bool', false)));
    expect(printLogicalPlan(foldConstants(p3))).toBe('01)Filter: false\n02)--TableScan: T');
  });
  it('keeps a null constant side (null and x is not x)', () => {
    const plan = filter(s, call('and', 'bool', lit('bool', null), aGt1));
    expect(printLogicalPlan(foldConstants(plan))).toBe('01)Filter: bool(null) and (a > 1)\n02)--TableScan: T');
  });
});

describe('push-down-filter', () => {
  it('moves a filter on a scan into scan.filters, splitting conjuncts', () => {
    const plan = filter(s, call('and', 'bool', aGt1, bHasX));
    expect(printLogicalPlan(pushDownFilter(plan))).toBe('01)TableScan: T filters=[a > 1, b has "x"]');
  });
  it('merges stacked filters in order', () => {
    const plan = filter(filter(s, aGt1), bHasX);
    expect(printLogicalPlan(pushDownFilter(plan))).toBe('01)TableScan: T filters=[a > 1, b has "x"]');
  });
  it('moves a filter through a projection that passes the column through', () => {
    const p = project(s, [['x', lit('long', 5n)], ['b', col(s, 'b')]]);
    const plan = filter(p, call('has', 'bool', col(p, 'b'), lit('string', 'x')));
    expect(printLogicalPlan(pushDownFilter(plan))).toBe('01)Projection: x=5, b\n02)--TableScan: T filters=[b has "x"]');
    const pushed = pushDownFilter(plan);
    if (pushed.kind !== 'Projection' || pushed.input.kind !== 'TableScan') throw new Error('shape');
    expect(pushed.input.filters[0]).toMatchObject({ args: [{ kind: 'Column', index: 1, name: 'b' }, { kind: 'Literal' }] });
  });
  it('keeps a filter on a computed column above the projection', () => {
    const p = project(s, [['x', call('+', 'long', col(s, 'a'), lit('long', 1n))]]);
    const plan = filter(p, call('>', 'bool', col(p, 'x'), lit('long', 2n)));
    expect(printLogicalPlan(pushDownFilter(plan))).toBe('01)Filter: x > 2\n02)--Projection: x=a + 1\n03)----TableScan: T');
  });
  it('never crosses a limit', () => {
    const limit: LogicalPlan = { kind: 'Limit', input: s, count: 3, schema: s.schema };
    const plan = filter(limit, aGt1);
    expect(printLogicalPlan(pushDownFilter(plan))).toBe('01)Filter: a > 1\n02)--Limit: 3\n03)----TableScan: T');
  });
});

describe('prune-columns', () => {
  it('projects only the columns used above the scan, including filter columns', () => {
    const scanned = pushDownFilter(filter(s, bHasX));
    const plan = project(scanned, [['c', col(s, 'c')]]);
    const pruned = pruneColumns(plan);
    expect(printLogicalPlan(pruned)).toBe('01)Projection: c\n02)--TableScan: T projection=[b, c] filters=[b has "x"]');
    if (pruned.kind !== 'Projection' || pruned.input.kind !== 'TableScan') throw new Error('shape');
    expect(pruned.input.projection).toEqual([1, 2]);
    expect(pruned.exprs[0]!.expr).toMatchObject({ kind: 'Column', index: 1, name: 'c' });
    expect(pruned.input.filters[0]).toMatchObject({ args: [{ kind: 'Column', index: 0, name: 'b' }, { kind: 'Literal' }] });
  });
  it('keeps the root schema intact', () => {
    const plan = filter(s, aGt1);
    const pruned = pruneColumns(plan);
    expect(pruned.schema).toEqual({ columns: s.schema.columns });
  });
  it('keeps one column under count so rows survive', () => {
    const plan: LogicalPlan = { kind: 'Count', input: s, schema: { columns: [{ name: 'Count', type: 'long' }] } };
    expect(printLogicalPlan(pruneColumns(plan))).toBe('01)Count\n02)--TableScan: T projection=[a]');
  });
  it('drops unused extend columns and remaps union inputs', () => {
    const p1 = project(s, [['a', col(s, 'a')], ['z', lit('long', 1n)]]);
    const union: LogicalPlan = {
      kind: 'Union',
      inputs: [p1, s],
      columnMaps: [[0, 1, -1], [0, -1, 1]],
      withSource: null,
      sourceLabels: ['union_arg0', 'T'],
      schema: { columns: [{ name: 'a', type: 'long' }, { name: 'z', type: 'long' }, { name: 'b', type: 'string' }] },
    };
    const plan = project(union, [['b', { kind: 'Column', index: 2, name: 'b', type: 'string' }]]);
    const pruned = pruneColumns(plan);
    if (pruned.kind !== 'Projection' || pruned.input.kind !== 'Union') throw new Error('shape');
    expect(pruned.input.columnMaps).toEqual([[-1], [0]]);
    expect(printLogicalPlan(pruned)).toBe(
      '01)Projection: b\n02)--Union: columns=[b]\n03)----Projection: a\n04)------TableScan: T projection=[a]\n05)----TableScan: T projection=[b]',
    );
  });
});

describe('optimizePlan', () => {
  it('folds, pushes and prunes in order', () => {
    const plan = project(
      filter(s, call('>', 'bool', col(s, 'c'), call('-', 'datetime', lit('datetime', 100n), lit('timespan', 40n)))),
      [['a', col(s, 'a')]],
    );
    expect(printLogicalPlan(optimizePlan(plan))).toBe(
      '01)Projection: a\n02)--TableScan: T projection=[a, c] filters=[c > datetime(1970-01-01T00:00:00.0000060Z)]',
    );
  });
  it('accepts a custom rule list (for metamorphic testing)', () => {
    const plan = filter(s, aGt1);
    expect(optimizePlan(plan, [])).toBe(plan);
  });
});

describe('order-scan-filters', () => {
  it('puts numeric/datetime tests before string equality, term search and regex, stably', () => {
    const regex = call('matches regex', 'bool', col(s, 'b'), lit('string', 'a+'));
    const eq = call('==', 'bool', col(s, 'b'), lit('string', 'q'));
    const cGt = call('>', 'bool', col(s, 'c'), lit('datetime', 0n));
    const plan = filter(s, call('and', 'bool', call('and', 'bool', call('and', 'bool', call('and', 'bool', regex, bHasX), eq), cGt), aGt1));
    expect(printLogicalPlan(orderScanFilters(pushDownFilter(plan)))).toBe(
      '01)TableScan: T filters=[c > datetime(1970-01-01T00:00:00.0000000Z), a > 1, b == "q", b has "x", b matches regex "a+"]',
    );
  });
});

describe('merge-projections', () => {
  it('substitutes inner expressions into the outer projection', () => {
    const inner = project(s, [['a', col(s, 'a')], ['x', call('+', 'long', col(s, 'a'), lit('long', 1n))]]);
    const outer = project(inner, [['x', col(inner, 'x')], ['y', col(inner, 'a')]]);
    expect(printLogicalPlan(mergeProjections(outer))).toBe('01)Projection: x=a + 1, y=a\n02)--TableScan: T');
  });
  it('does not duplicate a computed column used twice', () => {
    const inner = project(s, [['x', call('+', 'long', col(s, 'a'), lit('long', 1n))]]);
    const outer = project(inner, [['y', call('*', 'long', col(inner, 'x'), col(inner, 'x'))]]);
    expect(printLogicalPlan(mergeProjections(outer))).toBe('01)Projection: y=x * x\n02)--Projection: x=a + 1\n03)----TableScan: T');
  });
  it('merges a chain of extends into one', () => {
    const p1 = project(s, [['a', col(s, 'a')], ['b', col(s, 'b')]]);
    const p2 = project(p1, [['a', col(p1, 'a')], ['n', call('strlen', 'long', col(p1, 'b'))]]);
    const p3 = project(p2, [['n', col(p2, 'n')]]);
    expect(printLogicalPlan(mergeProjections(p3))).toBe('01)Projection: n=strlen(b)\n02)--TableScan: T');
  });
});

describe('push-down-filter into union legs', () => {
  it('then folds the label comparisons when optimized', () => {
    const other = scan({ name: 'U', columns: [{ name: 'b', type: 'string' }] });
    const union: LogicalPlan = {
      kind: 'Union', inputs: [s, other], columnMaps: [[1], [0]], withSource: 'src', sourceLabels: ['T', 'U'],
      schema: { columns: [{ name: 'src', type: 'string' }, { name: 'b', type: 'string' }] },
    };
    const plan = filter(union, call('==', 'bool', { kind: 'Column', index: 0, name: 'src', type: 'string' }, lit('string', 'U')));
    expect(printLogicalPlan(optimizePlan(plan))).toBe(
      '01)Union: withsource=src labels=[T, U] columns=[src, b]\n02)--TableScan: T projection=[b] filters=[false]\n03)--TableScan: U projection=[b]',
    );
  });
  it('rewrites columns per leg: mapped, withsource label, or the missing-column constant', () => {
    const other = scan({ name: 'U', columns: [{ name: 'b', type: 'string' }] });
    const union: LogicalPlan = {
      kind: 'Union',
      inputs: [s, other],
      columnMaps: [[0, 1], [-1, 0]],
      withSource: 'src',
      sourceLabels: ['T', 'U'],
      schema: { columns: [{ name: 'src', type: 'string' }, { name: 'a', type: 'long' }, { name: 'b', type: 'string' }] },
    };
    const src = { kind: 'Column', index: 0, name: 'src', type: 'string' } as const;
    const a = { kind: 'Column', index: 1, name: 'a', type: 'long' } as const;
    const b = { kind: 'Column', index: 2, name: 'b', type: 'string' } as const;
    const plan = filter(union, call('and', 'bool', call('and', 'bool', call('==', 'bool', src, lit('string', 'T')), call('>', 'bool', a, lit('long', 1n))), call('has', 'bool', b, lit('string', 'x'))));
    expect(printLogicalPlan(pushDownFilter(plan))).toBe(
      [
        '01)Union: withsource=src labels=[T, U] columns=[src, a, b]',
        '02)--TableScan: T filters=["T" == "T", a > 1, b has "x"]',
        '03)--TableScan: U filters=["U" == "T", long(null) > 1, b has "x"]',
      ].join('\n'),
    );
  });
});
