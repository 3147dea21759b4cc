import { describe, expect, it } from 'vitest';
import type { DataTableExpression } from './ast.js';
import { ast, codes, parse } from './test-helpers.js';

const body = (text: string) => ast(text).replace(/^\(query (.*)\)$/s, '$1');

describe('table references', () => {
  it.each([
    ['T', 'T'],
    ["['My Table']", '["My Table"]'],
    ['["where"]', '["where"]'],
    ['(T)', '(paren T)'],
    ['(T | take 1)', '(paren (pipe T (take 1)))'],
  ])('%s', (text, printed) => {
    expect(body(text)).toBe(printed);
  });
});

describe('where / filter', () => {
  it('where', () => expect(body('T | where a > 1')).toBe('(pipe T (where (> a 1)))'));
  it('filter', () => expect(body('T | filter a > 1')).toBe('(pipe T (filter (> a 1)))'));
  it('several stages', () =>
    expect(body('T | where a | where b | filter c')).toBe('(pipe T (where a) (where b) (filter c))'));
  it.each(['T | where', 'T | where a = 1', 'T | Where a', 'T | WHERE a', 'T | where not a', 'T | where a && b', 'T | where a || b', 'T | where a AND b', 'T | where !(a)'])(
    '%j is an error',
    (text) => {
      expect(codes(text).length).toBeGreaterThan(0);
    },
  );
});

describe('extend / project', () => {
  it('extend with and without names', () =>
    expect(body('T | extend x = a + 1, b, c = f(a)')).toBe('(pipe T (extend (= x (+ a 1)) b (= c (call f a))))'));
  it('project with renames and expressions', () =>
    expect(body('T | project a, y = b * 2, o.k')).toBe('(pipe T (project a (= y (* b 2)) (. o k)))'));
  it('bracketed output names', () =>
    expect(body("T | project ['my col'] = a, ['where']")).toBe('(pipe T (project (= ["my col"] a) ["where"]))'));
  it('extend needs at least one expression', () => expect(codes('T | extend')).toContain('syntax-error'));
  it('extend kind = 1 needs brackets', () => expect(codes('T | extend kind = 1')).toEqual(['keyword-as-name']));
  it('extend desc = 1 needs brackets', () => expect(codes('T | extend desc = 1')).toEqual(['keyword-as-name']));
});

describe('project-away / project-rename', () => {
  it('names and wildcards', () =>
    expect(body('T | project-away a, session*, *Id, ["x y"], a*b')).toBe('(pipe T (project-away a session* *Id ["x y"] a*b))'));
  it('pattern flag', () => {
    const q = parse('T | project-away a, b*');
    const pipe = q.body;
    if (pipe?.kind !== 'PipeExpression' || pipe.operators[0]?.kind !== 'ProjectAwayOperator') throw new Error('shape');
    expect(pipe.operators[0].columns.map((c) => [c.name.name, c.pattern])).toEqual([
      ['a', false],
      ['b*', true],
    ]);
  });
  it('a space inside a pattern is an error', () => expect(codes('T | project-away a *')).toEqual(['invalid-column-pattern']));
  it('a bracketed name cannot be part of a pattern', () =>
    expect(codes("T | project-away ['a b']*")).toEqual(['invalid-column-pattern']));
  it('project - away is not project-away', () => expect(codes('T | project - away a').length).toBeGreaterThan(0));
  it('project-rename', () =>
    expect(body('T | project-rename New = Old, ["b c"] = d')).toBe('(pipe T (project-rename (= New Old) (= ["b c"] d)))'));
  it('project-rename needs New = Old', () => expect(codes('T | project-rename a')).toContain('syntax-error'));
});

describe('sort / order', () => {
  it.each([
    ['T | sort by a', '(pipe T (sort-by (key a)))'],
    ['T | order by a asc', '(pipe T (order-by (key a asc)))'],
    ['T | sort by a desc nulls first', '(pipe T (sort-by (key a desc nulls-first)))'],
    ['T | sort by a nulls last, b asc, strlen(c)', '(pipe T (sort-by (key a nulls-last) (key b asc) (key (call strlen c))))'],
  ])('%s', (text, printed) => {
    expect(body(text)).toBe(printed);
  });
  it.each(['T | sort a', 'T | sort by', 'T | sort by a nulls', 'T | sort by a ASC', 'T | order a'])('%j is an error', (text) => {
    expect(codes(text).length).toBeGreaterThan(0);
  });
});

describe('take / limit / count', () => {
  it('take', () => expect(body('T | take 10')).toBe('(pipe T (take 10))'));
  it('limit', () => expect(body('T | limit 5')).toBe('(pipe T (limit 5))'));
  it('take with an expression is syntactically fine (typed later)', () =>
    expect(body('T | take "2"')).toBe('(pipe T (take "2"))'));
  it('count', () => expect(body('T | count')).toBe('(pipe T (count))'));
  it('count after other operators', () => expect(body('T | where a | count | take 1')).toBe('(pipe T (where a) (count) (take 1))'));
  it('take needs a count', () => expect(codes('T | take')).toContain('syntax-error'));
});

describe('union', () => {
  it.each([
    ['union A, B', '(union kind=outer A B)'],
    ['union T', '(union kind=outer T)'],
    ['union kind=inner withsource=S A, (B | where x), ["C D"]', '(union kind=inner withsource=S A (paren (pipe B (where x))) ["C D"])'],
    ['union withsource=S kind=outer A', '(union kind=outer withsource=S A)'],
    ['union A, B | where x', '(pipe (union kind=outer A B) (where x))'],
    ['T | union (U | take 1)', '(pipe T (union kind=outer (paren (pipe U (take 1)))))'],
    ['T | union kind=inner U, V', '(pipe T (union kind=inner U V))'],
    ['union (datatable(a:long)[1]), T', '(union kind=outer (paren (datatable (a:long) [1])) T)'],
  ])('%s', (text, printed) => {
    expect(body(text)).toBe(printed);
  });
  it.each([
    ['union kind=left A', 'invalid-union-kind'],
    ['union kind=inner kind=outer A', 'duplicate-union-option'],
    ['union', 'syntax-error'],
    ['union datatable(a:long)[1]', 'syntax-error'],
    ['union A, print 1', 'syntax-error'],
    ['union A,', 'syntax-error'],
  ])('%j is an error', (text, code) => {
    expect(codes(text)).toContain(code);
  });
});

describe('print', () => {
  it('named and unnamed', () => expect(body('print 0+1+2, x="Wow!"')).toBe('(print (+ (+ 0 1) 2) (= x "Wow!"))'));
  it('pipe after print', () => expect(body('print x = 1 | extend y = x')).toBe('(pipe (print (= x 1)) (extend (= y x)))'));
  it('print needs an expression', () => expect(codes('print')).toContain('syntax-error'));
});

describe('datatable (§4)', () => {
  it('schema and row-major values', () =>
    expect(body('datatable(a:long, b:string, c:bool)[1, "x", true, -2, @"y", false]')).toBe(
      '(datatable (a:long b:string c:bool) [1 "x" true -2 "y" false])',
    ));
  it('trailing comma and empty table', () => {
    expect(body('datatable(a:long)[1, 2,]')).toBe('(datatable (a:long) [1 2])');
    expect(body('datatable(a:long)[]')).toBe('(datatable (a:long) [])');
  });
  it('type aliases resolve', () => {
    const q = parse('datatable(a:boolean, b:double, c:date, d:time, e:guid, f:int64, g:uniqueid, h:decimal, i:dynamic, j:int, k:real)[]');
    const dt = q.body as DataTableExpression;
    expect(dt.columns.map((c) => c.type)).toEqual([
      'bool', 'real', 'datetime', 'timespan', 'guid', 'long', 'guid', 'decimal', 'dynamic', 'int', 'real',
    ]);
  });
  it('every literal form', () =>
    expect(
      body('datatable(a:dynamic)[dynamic([1]), datetime(2020-01-01), 1d, -1d, +3, 1.5, int(null), guid(null), "a" "b"]'),
    ).toBe(
      '(datatable (a:dynamic) [dynamic([1]) datetime(2020-01-01T00:00:00.0000000Z) timespan(1.00:00:00) timespan(-1.00:00:00) 3 real(1.5) int(null) guid(null) "ab"])',
    ));
  it('one bracketed string value', () => expect(body('datatable(s:string)["x"]')).toBe('(datatable (s:string) ["x"])'));
  it('bracketed column names', () => expect(body("datatable(['my col']:string)[]")).toBe('(datatable (["my col"]:string) [])'));
  it.each([
    ['datatable(a:long)[- 1]', 'detached-sign'],
    ['datatable(a:long)[null]', 'syntax-error'],
    ['datatable(a:long)[x]', 'syntax-error'],
    ['datatable(a:long)[now()]', 'syntax-error'],
    ['datatable(a:long)[(1)]', 'syntax-error'],
    ['datatable(a:long)[1+1]', 'syntax-error'],
    ['datatable(a:datetime)[datetime()]', 'datatable-invalid-value'],
    ['datatable(a:string)[-"x"]', 'invalid-sign'],
    ['datatable(a:long, b:long)[1, 2, 3]', 'datatable-value-count'],
    ['datatable(a:long)[1,,2]', 'empty-list-element'],
    ['datatable(a:uuid)[]', 'unknown-type-name'],
    ['datatable(a:int32)[]', 'unknown-type-name'],
    ['datatable(a:float)[]', 'unknown-type-name'],
    ['datatable()[]', 'syntax-error'],
    ['datatable(a)[]', 'syntax-error'],
    ['T | datatable(a:long)[1]', 'syntax-error'],
  ])('%s is an error', (text, code) => {
    expect(codes(text)).toContain(code);
  });
});
