import { describe, expect, it } from 'vitest';
import { ast, codes, parse } from './test-helpers.js';

describe('statements (§1 Statements)', () => {
  it('let scalar, dynamic and tabular', () => {
    expect(ast('let n = 5; let L = dynamic(["a"]); let V = T | where x > n; V')).toBe(
      '(query (let n 5) (let L dynamic(["a"])) (let V (pipe T (where (> x n)))) V)',
    );
  });

  it('let with a bracketed name', () => {
    expect(ast("let ['my var'] = 1; print ['my var']")).toBe('(query (let ["my var"] 1) (print ["my var"]))');
  });

  it('set query_now', () => {
    expect(ast('set query_now = datetime(2024-05-01); print now()')).toBe(
      '(query (set query_now datetime(2024-05-01T00:00:00.0000000Z)) (print (call now)))',
    );
  });

  it('set without a value, and set between lets (order kept)', () => {
    expect(ast('let a = 1; set notruncation; let b = 2; print a')).toBe(
      '(query (let a 1) (set notruncation) (let b 2) (print a))',
    );
  });

  it('set with an expression value is syntactically fine (the binder rejects non-constants)', () => {
    expect(ast('set query_now = ago(1d); print 1')).toBe('(query (set query_now (call ago timespan(1.00:00:00))) (print 1))');
  });

  it('a trailing ; after the query is accepted', () => {
    expect(ast('T;')).toBe('(query T)');
    expect(ast('let x = 1; print x;')).toBe('(query (let x 1) (print x))');
  });

  it('blank lines and comments between statements are accepted', () => {
    expect(ast('let x = 1;\n\n// note\nlet y = 2;\n\nprint x, y')).toBe('(query (let x 1) (let y 2) (print x y))');
  });

  it.each([
    ['let x = 1 print x', 'syntax-error'],
    ['set query_now = datetime(2024-01-01) print 1', 'syntax-error'],
    ['let x = 1;; print x', 'unexpected-semicolon'],
    ['; print 1', 'unexpected-semicolon'],
    ['T;;', 'syntax-error'],
    ['let = 1; T', 'syntax-error'],
    ['let where = 1; T', 'keyword-as-name'],
    ['let x = 1;', 'missing-query-body'],
    ['', 'missing-query-body'],
    ['// only a comment', 'missing-query-body'],
  ])('%j is an error', (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it('statements keep their spans', () => {
    const text = 'let x = 1;\nT';
    const q = parse(text);
    expect(text.slice(q.statements[0]!.span.start, q.statements[0]!.span.end)).toBe('let x = 1');
    expect(q.span).toEqual({ start: 0, end: text.length });
  });
});

describe('whitespace and comments (§1)', () => {
  it.each([
    ['tab, CR, LF, CRLF', 'T\t|\r\nwhere\rx\n>\r\n1'],
    ['form feed', 'T\f| where x > 1'],
    ['NBSP', 'T\u00a0|\u00a0where x > 1'],
    ['Unicode spaces', 'T\u2003| where\u2009x > 1'],
    ['leading BOM', '\ufeffT | where x > 1'],
    ['zero-width space and U+180E (Kusto.Language skips them between tokens)', 'T\u200b|\u180ewhere x > 1'],
    ['comments', 'T // source\n| where x > 1 // filter\n'],
    ['comment at the end without newline', 'T | where x > 1 // done'],
  ])('%s', (_, text) => {
    expect(ast(text)).toBe('(query (pipe T (where (> x 1))))');
  });

  it('// inside a string is not a comment', () => {
    expect(ast('print "http://x"')).toBe('(query (print "http://x"))');
  });

  it('/* */ is an error', () => {
    expect(codes('T /* c */ | count')).toEqual(['block-comment']);
    expect(codes('T | count /* unclosed')).toEqual(['block-comment']);
  });

  it.each([
    ['vertical tab', '\u000b'],
    ['next line U+0085', '\u0085'],
    ['line separator U+2028', '\u2028'],
    ['paragraph separator U+2029', '\u2029'],
    ['zero-width non-joiner U+200C', '\u200c'],
    ['word joiner U+2060', '\u2060'],
  ])('%s is not whitespace (Kusto.Language rejects it)', (_, ch) => {
    expect(codes(`T${ch}| where x > 1`)).toContain('unexpected-character');
    expect(codes(`print${ch}x = 1`)).toContain('unexpected-character');
  });

  it('a comment also ends at U+2028 or U+2029, which it takes as its line end (Kusto.Language)', () => {
    expect(ast('T // c\u2028| where x > 1')).toBe('(query (pipe T (where (> x 1))))');
    expect(ast('T // c\u2029| where x > 1')).toBe('(query (pipe T (where (> x 1))))');
    expect(codes('T // c\u2028\u2028| where x > 1')).toContain('unexpected-character');
    expect(codes('print x = 1 // c\u2028omment')).not.toEqual([]);
    // U+0085 does not end a comment.
    expect(ast('T | where x > 1 // c\u0085omment')).toBe('(query (pipe T (where (> x 1))))');
  });

  it('a typed literal cannot span a line break, U+2028 included', () => {
    expect(codes('print x = datetime(2020-01-01\u2028)')).not.toEqual([]);
    expect(codes('print x = guid(\u202900000000-0000-0000-0000-000000000000)')).not.toEqual([]);
  });

  it('# is not a comment', () => {
    expect(codes('T # c')).toContain('unexpected-character');
  });
});
