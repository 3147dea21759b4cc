import { describe, expect, it } from 'vitest';
import { ast, codes, expr } from './test-helpers.js';

// kql-semantics.md §1 "Identifiers" and "Keywords as bare names".

const SOFT = [
  'count', 'filter', 'extend', 'sort', 'order', 'take', 'limit', 'nulls', 'inner', 'outer', 'let', 'not', 'null',
  'matches', 'regex', 'type', 'typeof', 'bool', 'guid', 'ago', 'now', 'strlen',
];

const HARD = [
  'where', 'project', 'project-away', 'project-rename', 'by', 'asc', 'desc', 'first', 'last', 'union', 'kind',
  'withsource', 'datatable', 'print', 'set', 'and', 'or', 'between', 'in', 'has', 'has_any', 'has_all', 'contains',
  'startswith', 'endswith', 'hasprefix', 'hassuffix', 'has_cs', 'true', 'false', 'dynamic', 'datetime', 'date',
  'timespan', 'time', 'long', 'int', 'real', 'double', 'string', 'decimal', 'boolean', 'to', 'of', 'as',
];

describe('soft keywords work as bare names', () => {
  it.each(SOFT)('extend %s = 1 | where %s > 0', (word) => {
    expect(ast(`T | extend ${word} = 1 | where ${word} > 0`)).toBe(`(query (pipe T (extend (= ${word} 1)) (where (> ${word} 0))))`);
  });

  it.each(SOFT)('let %s = 1', (word) => {
    expect(ast(`let ${word} = 1; print ${word}`)).toBe(`(query (let ${word} 1) (print ${word}))`);
  });

  it('extend count = 1 | where count > 0 | count', () => {
    expect(ast('T | extend count = 1 | where count > 0 | count')).toBe(
      '(query (pipe T (extend (= count 1)) (where (> count 0)) (count)))',
    );
  });

  it('soft keywords as datatable columns', () => {
    expect(ast('datatable(count:long, type:string, bool:bool)[]')).toBe('(query (datatable (count:long type:string bool:bool) []))');
  });

  it('not is a function', () => {
    expect(expr('not(a)')).toBe('(call not a)');
    expect(expr('not (a == b)')).toBe('(call not (== a b))');
  });
});

describe('hard keywords must be bracketed', () => {
  it.each(HARD)('extend %s = 1 is an error', (word) => {
    expect(codes(`T | extend ${word} = 1`).length).toBeGreaterThan(0);
  });

  it.each(['where', 'kind', 'desc', 'by', 'string', 'has'])('extend %s = 1 says how to bracket it', (word) => {
    expect(codes(`T | extend ${word} = 1`)).toEqual(['keyword-as-name']);
  });

  it.each(HARD)("['%s'] is a name", (word) => {
    expect(ast(`T | extend ['${word}'] = 1 | project ["${word}"]`)).toBe(
      `(query (pipe T (extend (= ["${word}"] 1)) (project ["${word}"])))`,
    );
  });
});

describe('identifiers', () => {
  it('are case-sensitive: Where, SET and AND are not keywords', () => {
    expect(codes('T | Where a')).toContain('syntax-error');
    expect(codes('SET query_now = datetime(2020-01-01); T')).toContain('syntax-error');
    expect(expr('Where')).toBe('Where');
    expect(expr('AND')).toBe('AND');
  });

  it.each(['_x', '$x', 'x1', 'a_b_C'])('%s is a plain name', (name) => {
    expect(expr(name)).toBe(name);
  });

  it('names do not split at keyword prefixes', () => {
    expect(expr('order_id + wherever + index + hashes + timestamps + truest + inner_x')).toBe(
      '(+ (+ (+ (+ (+ (+ order_id wherever) index) hashes) timestamps) truest) inner_x)',
    );
  });

  it('a name cannot start with a digit or contain non-ASCII letters', () => {
    expect(codes('print é = 1')).toContain('unexpected-character');
    expect(codes('print 1x = 1').length).toBeGreaterThan(0);
  });

  it('bracketed names may hold any character and escapes', () => {
    expect(expr("['a b-c.é']")).toBe('["a b-c.é"]');
    expect(expr('["say \\"x\\""]')).toBe('["say \\"x\\""]');
  });
});

describe('postfix: calls, paths, elements, typeof', () => {
  it.each([
    ['f()', '(call f)'],
    ['strcat("a", b, 1)', '(call strcat "a" b 1)'],
    ['o.key', '(. o key)'],
    ['o.key.sub', '(. (. o key) sub)'],
    ["o['key']", '([] o "key")'],
    ['o["a b"]', '([] o "a b")'],
    ['a[0]', '([] a 0)'],
    ['a[-1]', '([] a (- 1))'],
    ['a[i + 1]', '([] a (+ i 1))'],
    ['split(s, "_")[0]', '([] (call split s "_") 0)'],
    ["o.['x y']", '(. o ["x y"])'],
    ['extract("a(b)", 1, s, typeof(long))', '(call extract "a(b)" 1 s (typeof long))'],
    ['typeof(bool)', '(typeof bool)'],
    ['typeof(double)', '(typeof real)'],
    ['typeof(guid)', '(typeof guid)'],
    ['typeof', 'typeof'],
  ])('%s', (text, printed) => {
    expect(expr(text)).toBe(printed);
  });

  it('typeof of an unknown type', () => {
    expect(codes('print typeof(uuid)')).toEqual(['unknown-type-name']);
  });

  it('a hard keyword after . must be bracketed', () => {
    expect(codes('print o.where')).toEqual(['keyword-as-name']);
    expect(codes('print o.has')).toContain('keyword-as-name');
    expect(expr("o.['where']")).toBe('(. o ["where"])');
    expect(expr('o.count')).toBe('(. o count)');
  });

  it('. . is not a path', () => {
    expect(codes('print o. .k').length).toBeGreaterThan(0);
  });
});
