import { fc, test as fcTest } from '@fast-check/vitest';
import { LineMap } from '@kqlr/common';
import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from './ast.js';
import { parseQuery } from './parse-query.js';
import { codes, diagnostics, located } from './test-helpers.js';

describe('multi-character operators are single tokens (§1)', () => {
  it.each([
    ['T | where s ! has "a"', 'unexpected-character'],
    ['T | where a < = 1', 'syntax-error'],
    ['T | where s = ~ "a"', 'syntax-error'],
    ['T | where s in ~ ("a")', 'unexpected-character'],
    ['T | where x between (1 . . 2)', 'syntax-error'],
    ['T | project - away a', 'syntax-error'],
    ['T | where s matches  regex "a"', 'syntax-error'],
    ['T | where s matches\nregex "a"', 'syntax-error'],
    ['T | where s matches "a"', 'syntax-error'],
  ])('%j', (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it.each([
    ['T | where s !has_any ("a")', "There is no '!has_any'"],
    ['T | where s !has_all ("a")', "There is no '!has_all'"],
    ['T | where s !matches regex "a"', "There is no '!matches'"],
  ])('%j has a specific hint', (text, hint) => {
    const [d] = diagnostics(text);
    expect(d?.code).toBe('invalid-negation');
    expect(d?.hint).toContain(hint);
  });

  it('the negated forms are tokens', () => {
    expect(codes('T | where s !has "a" and s !contains_cs "b" and x !in (1) and s !in~ ("c") and x !between (1 .. 2)')).toEqual([]);
  });
});

describe('diagnostic positions (line:column via LineMap)', () => {
  it.each([
    ['T | where a == b == c', ['chained-comparison@1:18']],
    ['T\n| where a = 1', ['syntax-error@2:11']],
    ['T\n| where x > 1w', ['invalid-timespan-unit@2:13']],
    ['let x = 1\nT', ['syntax-error@2:1']],
    ['T | extend kind = 1', ['keyword-as-name@1:12']],
    ['print "a\\qb"', ['invalid-escape@1:9']],
    ['T\r\n| where s has "x\r\n', ['unterminated-string@2:15']],
    ['T /* c */\n| count', ['block-comment@1:3']],
    ['T\n| where a &&\n b', ['unexpected-character@2:11', 'syntax-error@3:2']],
    // the dropped character also leaves '==' without a right operand
    ['print "é" == é', ['syntax-error@1:13', 'unexpected-character@1:14']],
    ['let x = 1;;\nprint x', ['unexpected-semicolon@1:11']],
  ])('%j', (text, expected) => {
    expect(located(text)).toEqual(expected);
  });

  it('an error at the end of the query points just after the last token', () => {
    const text = 'T\n| where   ';
    const [d] = diagnostics(text);
    expect(d?.code).toBe('syntax-error');
    expect(new LineMap(text).locate(d!.span.start)).toEqual({ line: 2, column: 8 });
  });

  it('spans cover the offending token', () => {
    const text = 'T | where x !has_any ("a")';
    const [d] = diagnostics(text);
    expect(text.slice(d!.span.start, d!.span.end)).toBe('!has_any');
  });
});

describe('several errors are reported where recovery allows', () => {
  it('lexical and literal errors across the query', () => {
    expect(codes('print 1w, "\\q", 2D, x')).toEqual(['invalid-timespan-unit', 'invalid-escape', 'invalid-timespan-unit']);
  });

  it('a chain of comparisons is reported once per repeated operator, and parsing goes on', () => {
    expect(located('T | where a == b == c != d | where x < y < z | where s has "a" has "b" | take 1w')).toEqual([
      'chained-comparison@1:18',
      'chained-comparison@1:23',
      'chained-comparison@1:42',
      'chained-comparison@1:64',
      'invalid-timespan-unit@1:79',
    ]);
  });

  it('an unterminated string does not also report the brackets it swallowed', () => {
    expect(codes('T | where f("abc) > 1')).toEqual(['unterminated-string']);
    expect(codes('T | where x in ("a", "b)\n| take 1')).toEqual(['unterminated-string']);
  });

  it('errors in separate statements', () => {
    expect(codes('let a = 1mins; let b = 0x; print a').sort()).toEqual(['invalid-number', 'invalid-timespan-unit']);
  });

  it('diagnostics come sorted by position', () => {
    const ds = diagnostics('print 2D, 1w, "\\q"');
    const starts = ds.map((d) => d.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(ds.length).toBe(3);
  });
});

describe('messages and hints', () => {
  it.each([
    ['T | where a = 1', "'=='"],
    ['T | where a AND b', "'and'"],
    ['T | where not a', 'not(x)'],
    ['T | where a || b', "'or'"],
    ['| where a', 'starts with a table name'],
    ['T | where a && b', "'and'"],
    ['print 1mins', 'Did you mean 1min'],
    ['print 2w', '14d'],
    ['union datatable(a:long)[1]', 'parentheses'],
  ])('%j', (text, hintPart) => {
    const hints = diagnostics(text).map((d) => `${d.message} ${d.hint ?? ''}`);
    expect(hints.join('\n')).toContain(hintPart);
  });

  it('every diagnostic is an error with a message and a span inside the text', () => {
    const text = 'let x = 1;; T | where a == b == c | extend kind = 1 | where s !has_any ("a") | take 1w';
    const ds = diagnostics(text);
    expect(ds.length).toBeGreaterThan(1);
    for (const d of ds) {
      expect(d.severity).toBe('error');
      expect(d.message.length).toBeGreaterThan(5);
      expect(d.span.start).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeLessThanOrEqual(text.length);
      expect(d.span.start).toBeLessThanOrEqual(d.span.end);
    }
  });
});

/** Every node span lies inside the text, and children inside their parents. */
function checkSpans(node: unknown, textLength: number, parent: { start: number; end: number } | null): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) checkSpans(n, textLength, parent);
    return;
  }
  const n = node as Partial<SyntaxNode> & Record<string, unknown>;
  let here = parent;
  if (typeof n.kind === 'string' && n.span) {
    expect(n.span.start).toBeGreaterThanOrEqual(0);
    expect(n.span.end).toBeLessThanOrEqual(textLength);
    expect(n.span.start).toBeLessThanOrEqual(n.span.end);
    if (parent && n.kind !== 'Query') {
      expect(n.span.start).toBeGreaterThanOrEqual(parent.start);
      expect(n.span.end).toBeLessThanOrEqual(parent.end);
    }
    here = n.span;
  }
  for (const [key, value] of Object.entries(n)) if (key !== 'span' && key !== 'operatorSpan') checkSpans(value, textLength, here);
}

describe('robustness', () => {
  const fragments = [
    'T', '|', 'where', 'extend', 'project', 'x', '=', '==', '(', ')', '[', ']', ',', ';', 'let', '1', '1d', '"s"',
    'has', 'in', '!in', 'between', '..', 'datatable', 'dynamic', 'union', 'kind', 'sort', 'by', 'desc', 'print',
    '-', '+', '*', '.', '{', '}', ':', '@"v"', "'", '"', 'datetime(2020-01-01)', 'typeof', 'not', 'count', 'and',
    'or', '//c\n', '/*', '1w', 'é', '!has_any', 'matches regex', 'take', 'set', '\n', ' ',
  ];

  fcTest.prop([fc.array(fc.constantFrom(...fragments), { maxLength: 25 })], { numRuns: 300, seed: 42 })(
    'never throws, and spans stay inside the text (token soup)',
    (parts) => {
      const text = parts.join(' ');
      const { result } = parseQuery(text);
      expect(result.kind).toBe('Query');
      checkSpans(result, text.length, null);
    },
  );

  fcTest.prop([fc.string({ maxLength: 60 })], { numRuns: 300, seed: 7 })('never throws on arbitrary text', (text) => {
    const r = parseQuery(text);
    expect(r.result.kind).toBe('Query');
    expect(r.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
  });

  it('spans of a valid query nest', () => {
    const text = 'let L = dynamic(["a"]); T | where x has_any (L) and y between (1 .. 2) | extend z = o.k[0] | sort by z desc';
    const { result, diagnostics: ds } = parseQuery(text);
    expect(ds).toEqual([]);
    checkSpans(result, text.length, null);
  });
});
