import { describe, expect, it } from 'vitest';
import { bindOk, expectErrors, plan, schemaOf } from '../../test-support/bind.js';

// Small: a:long, b:string, c:datetime, d:dynamic. Other: b:string, e:bool, a:string.

describe('union (§4)', () => {
  it('outer: distinct (name, type) pairs in order of first appearance', () => {
    expect(schemaOf('union (Small | project b, c), (Other | project e, b)')).toBe('b:string, c:datetime, e:bool');
  });
  it('maps each leg column, -1 where a leg lacks it', () => {
    const bound = bindOk('union (Small | project b, c), (Other | project e, b)');
    if (bound.body.kind !== 'Union') throw new Error('shape');
    expect(bound.body.columnMaps).toEqual([[0, 1, -1], [1, -1, 0]]);
  });
  it('the same name with different types becomes name_type columns', () => {
    expect(schemaOf('union Small, Other')).toBe('a_long:long, b:string, c:datetime, d:dynamic, e:bool, a_string:string');
    expectErrors('union Small, Other | project ⟨a⟩', 'unknown-column');
  });
  it('withsource comes first as a string column, labelled by table name', () => {
    const bound = bindOk('union withsource=Src Small, Other');
    expect(bound.schema.columns[0]).toEqual({ name: 'Src', type: 'string' });
    if (bound.body.kind !== 'Union') throw new Error('shape');
    expect(bound.body.sourceLabels).toEqual(['Small', 'Other']);
    expect(bound.body.columnMaps[0]).toHaveLength(bound.schema.columns.length - 1);
  });
  it('labels non-table legs union_argN by position, the piped input being arg 0', () => {
    const bound = bindOk('let t = Small | take 1; Small | where a > 0 | union withsource=S t, Other, (Small | take 2)');
    if (bound.body.kind !== 'Union') throw new Error('shape');
    expect(bound.body.sourceLabels).toEqual(['union_arg0', 'union_arg1', 'Other', 'union_arg3']);
    const piped = bindOk('Small | union withsource=S Other');
    if (piped.body.kind !== 'Union') throw new Error('shape');
    expect(piped.body.sourceLabels).toEqual(['Small', 'Other']);
  });
  it('kind=inner keeps only the columns of every leg', () => {
    expect(schemaOf('union kind=inner Small, Other')).toBe('b:string');
    expectErrors('union kind=inner Small, Other | project ⟨e⟩', 'unknown-column');
  });
  it('the piped input is the first leg', () => {
    expect(schemaOf('Other | project e | union (Small | project a)')).toBe('e:bool, a:long');
  });
  it('tabular lets and a single leg work', () => {
    expect(schemaOf('let t = Small | project a; union t')).toBe('a:long');
  });
  it('operators after the last leg apply to the whole union', () => {
    expect(plan('union (Small | project b), (Other | project b) | where b == "x"')).toBe(
      [
        '01)Filter: b == "x"',
        '02)--Union: columns=[b]',
        '03)----Projection: b',
        '04)------TableScan: Small',
        '05)----Projection: b',
        '06)------TableScan: Other',
      ].join('\n'),
    );
  });
  it('rejects a withsource name that clashes with a column', () => {
    expectErrors('union withsource=⟨b⟩ Small', 'duplicate-column');
  });
  it('reports an unknown leg once', () => {
    expectErrors('union Small, ⟨Nope⟩ | where a > 1', 'unknown-table');
  });
});
