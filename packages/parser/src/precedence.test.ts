import { describe, expect, it } from 'vitest';
import { codes, expr } from './test-helpers.js';

// kql-semantics.md §5.1, loosest first:
// 1 or | 2 and | 3 == != in !in in~ !in~ has_any has_all between !between (no chaining)
// 4 < <= > >= (no chaining) | 5 + - | 6 * / % | 7 string operators (no chaining)
// 8 unary - + (not repeated) | 9 calls, .name, [index], parentheses

describe('precedence: each level binds tighter than the one before', () => {
  it.each([
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['a and b == c', '(and a (== b c))'],
    ['a == b and c != d', '(and (== a b) (!= c d))'],
    ['a == b < c', '(== a (< b c))'],
    ['1 < 2 == true', '(== (< 1 2) true)'],
    ['a < b + c', '(< a (+ b c))'],
    ['a + b < c', '(< (+ a b) c)'],
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b % c', '(- a (% b c))'],
    ['2 * 3 has "a"', '(* 2 (has 3 "a"))'],
    ['FileName has "a" + "b"', '(+ (has FileName "a") "b")'],
    ['s =~ "a" == true', '(== (=~ s "a") true)'],
    ['-a * b', '(* (- a) b)'],
    ['-f(x).y', '(- (. (call f x) y))'],
    ['a.b[0].c', '(. ([] (. a b) 0) c)'],
    ['(a or b) and c', '(and (paren (or a b)) c)'],
    ['FileSize + 1 > 2 * 512 or x', '(or (> (+ FileSize 1) (* 2 512)) x)'],
    ['strlen(s) + 1 between (2 .. 5)', '(between (+ (call strlen s) 1) 2 5)'],
    ['x in ("a", "b") and y', '(and (in x ["a" "b"]) y)'],
    ['s has "a" in (true)', '(in (has s "a") [true])'],
    ['a has_any ("x") or b has_all ("y")', '(or (has_any a ["x"]) (has_all b ["y"]))'],
  ])('%s', (text, printed) => {
    expect(expr(text)).toBe(printed);
  });
});

describe('precedence: left associativity of chaining levels', () => {
  it.each([
    ['a or b or c', '(or (or a b) c)'],
    ['a and b and c', '(and (and a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a + b - c', '(- (+ a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['a * b % c', '(% (* a b) c)'],
  ])('%s', (text, printed) => {
    expect(expr(text)).toBe(printed);
  });
});

describe('precedence: unary signs', () => {
  it.each([
    ['-1', '(- 1)'],
    ['+1', '(+ 1)'],
    ['-(-1)', '(- (paren (- 1)))'],
    ['1 - -1', '(- 1 (- 1))'],
    ['1 + -1', '(+ 1 (- 1))'],
    ['- 1d', '(- timespan(1.00:00:00))'],
  ])('%s', (text, printed) => {
    expect(expr(text)).toBe(printed);
  });

  it.each(['- -1', '+ +1', '- +1', '--1'])('a repeated sign is an error: %s', (text) => {
    expect(codes(`print ${text}`)).toContain('repeated-unary-operator');
  });
});

describe('precedence: levels 3, 4 and 7 do not chain', () => {
  it.each([
    'a == b == c',
    'a != b == c',
    'x != "a" == true',
    'x in ("a") == true',
    'x between (1 .. 2) == true',
    'x in ("a") in (true)',
    'x == 1 in (true)',
    '1 < 2 < 3',
    'a <= b >= c',
    's has "a" has "b"',
    's contains "a" startswith "b"',
    's =~ "a" !~ "b"',
    's matches regex "a" has "b"',
  ])('%s is a syntax error', (text) => {
    expect(codes(`T | where ${text}`)).toEqual(['chained-comparison']);
  });

  it.each([
    ['(a == b) == c', '(== (paren (== a b)) c)'],
    ['(1 < 2) < 3', '(< (paren (< 1 2)) 3)'],
    ['(s has "a") has "b"', '(has (paren (has s "a")) "b")'],
  ])('parenthesised: %s', (text, printed) => {
    expect(expr(text)).toBe(printed);
  });
});

describe('precedence: the operators of each level', () => {
  it.each(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '=~', '!~'])('a %s b', (op) => {
    expect(expr(`a ${op} b`)).toBe(`(${op} a b)`);
  });

  const words = ['has', 'contains', 'startswith', 'endswith', 'hasprefix', 'hassuffix'];
  it.each(words.flatMap((w) => [w, `!${w}`, `${w}_cs`, `!${w}_cs`]))('s %s "x"', (op) => {
    expect(expr(`s ${op} "x"`)).toBe(`(${op} s "x")`);
  });

  it('matches regex', () => {
    expect(expr('s matches regex @"\\d+"')).toBe('(matches-regex s "\\\\d+")');
  });

  it.each(['in', '!in', 'in~', '!in~', 'has_any', 'has_all'])('x %s (list)', (op) => {
    expect(expr(`x ${op} ("a", L)`)).toBe(`(${op} x ["a" L])`);
  });

  it('between and !between', () => {
    expect(expr('x between (1 .. 10)')).toBe('(between x 1 10)');
    expect(expr('x !between (1..10)')).toBe('(!between x 1 10)');
    expect(expr('Timestamp between (datetime(2024-01-01) .. 1d)')).toBe(
      '(between Timestamp datetime(2024-01-01T00:00:00.0000000Z) timespan(1.00:00:00))',
    );
  });
});
