import { describe, expect, it } from 'vitest';
import { bindOk, plan } from '../../test-support/bind.js';
import { planQuery } from './plan-query.js';

// FIXED_NOW is 2024-05-01T00:00:00Z.
describe('planQuery', () => {
  it('folds ago() and now() against the query now', () => {
    expect(plan('Small | where c > ago(1d) and c < now()')).toBe(
      '01)Filter: (c > datetime(2024-04-30T00:00:00.0000000Z)) and (c < datetime(2024-05-01T00:00:00.0000000Z))\n02)--TableScan: Small',
    );
  });
  it('folds now(offset) and negative ago()', () => {
    expect(plan('Small | where c < now(1h) and c < ago(-2d)')).toBe(
      '01)Filter: (c < datetime(2024-05-01T01:00:00.0000000Z)) and (c < datetime(2024-05-03T00:00:00.0000000Z))\n02)--TableScan: Small',
    );
  });
  it('rewrites ago() of a non-constant timespan as now - ts', () => {
    expect(plan('datatable(t:timespan)[1h] | extend x = ago(t)')).toBe(
      '01)Projection: t, x=datetime(2024-05-01T00:00:00.0000000Z) - t\n02)--Values: (t:timespan) rows=1',
    );
  });
  it('uses the set query_now instant', () => {
    expect(plan('set query_now = datetime(2020-01-01); Small | where c > ago(1d)')).toBe(
      '01)Filter: c > datetime(2019-12-31T00:00:00.0000000Z)\n02)--TableScan: Small',
    );
  });
  it('inlines tabular lets at each use', () => {
    expect(plan('let t = Small | where a > 1; union t, t')).toBe(
      [
        '01)Union: columns=[a, b, c, d]',
        '02)--Filter: a > 1',
        '03)----TableScan: Small',
        '04)--Filter: a > 1',
        '05)----TableScan: Small',
      ].join('\n'),
    );
  });
  it('plans a non-constant print as a projection over one empty row', () => {
    const p = planQuery(bindOk('print n = strlen("abc")'));
    expect(p.kind).toBe('Projection');
    if (p.kind !== 'Projection') return;
    expect(p.input).toEqual({ kind: 'Values', rows: [[]], schema: { columns: [] } });
  });
  it('plans a datatable as Values with converted rows', () => {
    const p = planQuery(bindOk('datatable(a:long, b:string)[1, "x", 2, "y"]'));
    expect(p).toEqual({
      kind: 'Values',
      rows: [[1n, 'x'], [2n, 'y']],
      schema: { columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }] },
    });
  });
  it('references columns by index into the input schema', () => {
    const p = planQuery(bindOk('Small | project b, a | where a > 1'));
    if (p.kind !== 'Filter') throw new Error('shape');
    expect(p.predicate).toEqual({
      kind: 'Call', fn: '>', type: 'bool',
      args: [{ kind: 'Column', index: 1, name: 'a', type: 'long' }, { kind: 'Literal', type: 'long', value: 1n }],
    });
  });
  it('gives the Count node a Count:long schema and the scan the table schema', () => {
    const p = planQuery(bindOk('Small | count'));
    expect(p.schema).toEqual({ columns: [{ name: 'Count', type: 'long' }] });
    if (p.kind !== 'Count' || p.input.kind !== 'TableScan') throw new Error('shape');
    expect(p.input.projection).toBeNull();
    expect(p.input.schema.columns).toHaveLength(4);
  });
});
