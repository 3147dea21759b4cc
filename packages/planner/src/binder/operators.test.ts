import { describe, expect, it } from 'vitest';
import type { Identifier, LiteralExpression, Query } from '@kqlr/parser';
import { bindOk, CATALOG, expectErrors, plan, schemaOf } from '../../test-support/bind.js';
import { bindQuery } from './bind-query.js';

const ABC = 'datatable(a:int, b:int, c:int)[1, 2, 3]';

describe('where (§4)', () => {
  it('keeps the schema; filter is an alias', () => {
    expect(schemaOf('Small | where a > 1')).toBe('a:long, b:string, c:datetime, d:dynamic');
    expect(schemaOf('Small | filter a > 1')).toBe('a:long, b:string, c:datetime, d:dynamic');
  });
  it('needs a bool predicate', () => {
    const [d] = expectErrors('Small | where ⟨a⟩', 'expected-bool');
    expect(d!.message).toBe('the predicate must be a bool, found long');
    expectErrors('DeviceFileEvents | where ⟨strlen(FileName)⟩', 'expected-bool');
  });
});

describe('extend (§4)', () => {
  it('appends new columns in argument order', () => {
    expect(schemaOf(`${ABC} | extend y = 1, z = "s"`)).toBe('a:int, b:int, c:int, y:long, z:string');
  });
  it('replaces an existing column in place, possibly changing its type', () => {
    expect(schemaOf(`${ABC} | extend a = 99`)).toBe('a:long, b:int, c:int');
    expect(schemaOf(`${ABC} | extend b = "x"`)).toBe('a:int, b:string, c:int');
  });
  it('expressions see only the input columns', () => {
    expectErrors('Small | extend x = 1, y = ⟨x⟩ + 1', 'unknown-column');
  });
  it('an expression using a replaced name reads the input column', () => {
    expect(plan('Small | extend a = 1, y = a + 1')).toBe(
      '01)Projection: a=1, b, c, d, y=a + 1\n02)--TableScan: Small',
    );
    const bound = bindOk('Small | extend a = 1, y = a + 1');
    if (bound.body.kind !== 'Projection') throw new Error('shape');
    expect(bound.body.exprs[4]!.expr).toMatchObject({ kind: 'Call', args: [{ kind: 'Column', index: 0 }, { kind: 'Literal' }] });
  });
  it('rejects the same new name twice', () => {
    expectErrors('Small | extend x = 1, ⟨x⟩ = 2', 'duplicate-column');
  });
  it('names an unnamed column reference after the column and a path o.a as o_a', () => {
    expect(schemaOf('Small | extend b, d.k | project b, d_k')).toBe('b:string, d_k:dynamic');
  });
});

describe('project (§4)', () => {
  it('outputs exactly the listed columns in order', () => {
    expect(schemaOf('Small | project c, a')).toBe('c:datetime, a:long');
    expect(schemaOf('Small | project n = strlen(b), a')).toBe('n:long, a:long');
  });
  it('a bare scalar let name becomes a column', () => {
    expect(schemaOf('let x = 5; Small | project x')).toBe('x:long');
  });
  it('rejects a missing column and a duplicate', () => {
    expectErrors('Small | project a, ⟨zz⟩', 'unknown-column');
    expectErrors('Small | project a, ⟨a⟩', 'duplicate-column');
    expectErrors('Small | project x = a, ⟨x⟩ = b', 'duplicate-column');
  });
  it('drops the other columns for later stages', () => {
    expectErrors('Small | project a | where ⟨b⟩ == "x"', 'unknown-column');
  });
  it('expressions of one project see only the input', () => {
    expectErrors('Small | project x = 1, y = ⟨x⟩', 'unknown-column');
  });
});

describe('project-away (§4)', () => {
  it('removes columns and keeps the order of the rest', () => {
    expect(schemaOf('Small | project-away b, d')).toBe('a:long, c:datetime');
  });
  it('supports * wildcards', () => {
    expect(schemaOf('DeviceFileEvents | project-away Initiating*, *SHA*, MD5, File*, Request*, Sensitivity*, Previous*, Is*, *Id, AppGuardContainerId, AdditionalFields, ShareName')).toBe(
      'Timestamp:datetime, DeviceName:string, ActionType:string, FolderPath:string',
    );
  });
  it('rejects an unknown name, a let name, and a pattern matching nothing', () => {
    expectErrors('Small | project-away ⟨zz⟩', 'unknown-column');
    expectErrors('let q = 1; Small | project-away ⟨q⟩', 'unknown-column');
    expectErrors('Small | project-away ⟨Nope*⟩', 'unknown-column');
  });
});

describe('project-rename (§4)', () => {
  it('renames in place', () => {
    expect(schemaOf('Small | project-rename x = b')).toBe('a:long, x:string, c:datetime, d:dynamic');
    expect(plan('Small | project-rename x = b')).toBe('01)Projection: a, x=b, c, d\n02)--TableScan: Small');
  });
  it('rejects a missing old name and a clash with a remaining column', () => {
    expectErrors('Small | project-rename x = ⟨zz⟩', 'unknown-column');
    expectErrors('DeviceFileEvents | project-rename ⟨FileName⟩ = FolderPath', 'duplicate-column');
  });
  it('checks each new name against every input column, so a swap and a self-rename are errors (Kusto.Language KS171)', () => {
    expectErrors('Small | project-rename ⟨a⟩ = b, ⟨b⟩ = a', 'duplicate-column', 'duplicate-column');
    expectErrors('DeviceFileEvents | project-rename ⟨FileName⟩ = FileName', 'duplicate-column');
    expectErrors('Small | project-rename x = a, ⟨x⟩ = b', 'duplicate-column');
  });
  it('a swap works through a temporary name, in two operators', () => {
    expect(schemaOf('Small | project-rename t = a | project-rename a = b | project-rename b = t')).toBe(
      'b:long, a:string, c:datetime, d:dynamic',
    );
    expect(schemaOf('Small | project-rename x = a, y = b')).toBe('x:long, y:string, c:datetime, d:dynamic');
  });
});

describe('sort (§4)', () => {
  it('defaults to desc with nulls last; asc puts nulls first', () => {
    expect(plan('Small | sort by a')).toBe('01)Sort: a desc nulls last\n02)--TableScan: Small');
    expect(plan('Small | order by a asc, b desc')).toBe('01)Sort: a asc nulls first, b desc nulls last\n02)--TableScan: Small');
  });
  it('honours explicit nulls placement', () => {
    expect(plan('Small | sort by a asc nulls last, c desc nulls first')).toBe(
      '01)Sort: a asc nulls last, c desc nulls first\n02)--TableScan: Small',
    );
  });
  it('rejects sorting by dynamic', () => {
    expectErrors('Small | sort by ⟨d⟩', 'sort-key-type');
  });
});

describe('take (§4)', () => {
  it('takes an integer constant; limit is an alias', () => {
    expect(plan('Small | take 5')).toBe('01)Limit: 5\n02)--TableScan: Small');
    expect(plan('Small | limit 0')).toBe('01)Limit: 0\n02)--TableScan: Small');
    expect(plan('let n = 3; Small | take n')).toBe('01)Limit: 3\n02)--TableScan: Small');
    expect(plan('Small | take 1 + 1')).toBe('01)Limit: 2\n02)--TableScan: Small');
  });
  it('rejects a non-integer', () => {
    expectErrors('Small | take ⟨"2"⟩', 'take-not-integer');
    expectErrors('Small | take ⟨1.5⟩', 'take-not-integer');
    expectErrors('Small | take ⟨a⟩', 'take-not-integer');
  });
});

describe('count (§4)', () => {
  it('returns one long column Count', () => {
    expect(schemaOf('Small | count')).toBe('Count:long');
    expect(schemaOf('Small | count | where Count > 1')).toBe('Count:long');
  });
});

describe('print (§4)', () => {
  it('names unnamed expressions print_<position>', () => {
    expect(schemaOf('print 0 + 1 + 2, x = "Wow!"')).toBe('print_0:long, x:string');
    expect(schemaOf('print x = 1, 2')).toBe('x:long, print_1:long');
  });
  it('expressions cannot refer to each other; names must be unique', () => {
    expectErrors('print x = 1, y = ⟨x⟩ + 1', 'unknown-name');
    expectErrors('print x = 1, ⟨x⟩ = 2', 'duplicate-column');
  });
  it('plans constants as one row of Values', () => {
    expect(plan('print x = 1 + 2, y = "a"')).toBe('01)Values: (x:long, y:string) rows=1');
  });
});

describe('datatable (§4)', () => {
  it('types columns and converts values', () => {
    const bound = bindOk('datatable(a:real, b:dynamic, c:int)[1, 2, 3, 4.5, "x", -1]');
    if (bound.body.kind !== 'Values') throw new Error('shape');
    expect(bound.body.rows).toEqual([[1, 2, 3], [4.5, 'x', -1]]);
    expect(bound.schema.columns.map((c) => c.type)).toEqual(['real', 'dynamic', 'int']);
  });
  it('accepts no rows and typed nulls', () => {
    expect(schemaOf('datatable(a:long)[]')).toBe('a:long');
    const bound = bindOk('datatable(a:long, t:datetime)[long(null), datetime(null)]');
    if (bound.body.kind !== 'Values') throw new Error('shape');
    expect(bound.body.rows).toEqual([[null, null]]);
  });
  it('rejects a value count that is not a multiple of the columns (also checked by the parser)', () => {
    const span = { start: 0, end: 10 };
    const lit = (n: bigint): LiteralExpression => ({ kind: 'LiteralExpression', type: 'long', value: n, text: String(n), span });
    const ident = (name: string): Identifier => ({ kind: 'Identifier', name, bracketed: false, span });
    const query: Query = {
      kind: 'Query',
      span,
      statements: [],
      body: {
        kind: 'DataTableExpression',
        span,
        columns: ['a', 'b'].map((n) => ({ kind: 'ColumnDeclaration', name: ident(n), typeName: ident('long'), type: 'long', span })),
        values: [lit(1n), lit(2n), lit(3n)],
      },
    };
    const { result, diagnostics } = bindQuery(query, { catalog: CATALOG, now: 0n, nowSource: 'wallclock' });
    expect(result).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['datatable-value-count']);
  });
  it('rejects duplicate column names and mistyped values', () => {
    expectErrors('datatable(a:long, ⟨a⟩:long)[1, 2]', 'duplicate-column');
    expectErrors('datatable(a:long)[1, ⟨"x"⟩]', 'datatable-value-type');
    expectErrors('datatable(a:datetime, b:string)[⟨1d⟩, ⟨1⟩]', 'datatable-value-type', 'datatable-value-type');
  });
});
