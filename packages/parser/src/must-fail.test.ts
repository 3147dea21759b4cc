import { describe, expect, it } from 'vitest';
import { codes } from './test-helpers.js';

// kql-semantics.md §7: the must-fail cases that are decided by the parser. (Name resolution, types
// and duplicate names are the binder's.) Each must produce at least one error diagnostic.

describe('§7 must-fail cases rejected at parse time', () => {
  it.each([
    ['dangling | where', 'T | where'],
    ['dangling pipe', 'T |'],
    ['unbalanced (', 'T | where (a == 1'],
    ['unbalanced )', 'T | where a == 1)'],
    ['unbalanced in-list', 'T | where a in ("x"'],
    ['unterminated string', 'T | where a == "x'],
    ['missing ; after let', 'let x = 1\nT'],
    ['missing ; after set', 'set query_now = datetime(2024-01-01)\nT'],
    ['unknown operator name', 'T | frobnicate x'],
    ['operator in the wrong case', 'T | Extend x = 1'],
    ['leading |', '| where x'],
    ['block comment', 'T /* no */ | count'],
    ['a == b == c', 'T | where a == b == c'],
    ['1 < 2 < 3', 'print 1 < 2 < 3'],
    ['x in ("a") == true', 'T | where x in ("a") == true'],
    ['not x', 'T | where not x'],
    ['!(...)', 'T | where !(x)'],
    ['&&', 'T | where a && b'],
    ['||', 'T | where a || b'],
    ['AND', 'T | where a AND b'],
    ['single = in where', 'T | where a = 1'],
    ['!has_any', 'T | where a !has_any ("x")'],
    ['!matches regex', 'T | where a !matches regex "x"'],
    ['has_any without parentheses', 'let L = dynamic(["a"]); T | where a has_any L'],
    ['in without parentheses', 'T | where a in L'],
    ['empty in list', 'T | where a in ()'],
    ['empty has_any list', 'T | where a has_any ()'],
    ['extend kind = 1', 'T | extend kind = 1'],
    ['extend desc = 1', 'T | extend desc = 1'],
    ['1w', 'T | where Timestamp > ago(1w)'],
    ['1mins', 'T | where Timestamp > ago(1mins)'],
    ['1D', 'T | where Timestamp > ago(1D)'],
    ['1 d', 'T | where Timestamp > ago(1 d)'],
    ['string(null)', 'print string(null)'],
    ['bare null in datatable', 'datatable(a:long)[null]'],
    ['int(...) inside dynamic', 'print dynamic([int(1)])'],
    ['-1d inside dynamic', 'print dynamic([-1d])'],
    ['datatable value count', 'datatable(a:long, b:string)[1, "x", 2]'],
    ['datatable non-literal value', 'datatable(a:long)[1 + 1]'],
    ['datatable function call value', 'datatable(a:datetime)[now()]'],
    ['datatable detached sign', 'datatable(a:long)[- 1]'],
    [';; between statements', 'let x = 1;; print x'],
    ['leading ;', '; print 1'],
    ['unknown escape', 'print "\\q"'],
    ['raw newline in a string', 'print "a\nb"'],
    ['.5', 'print .5'],
    ['1e', 'print 1e'],
    ['0x', 'print 0x'],
    ['matches  regex with two spaces', 'T | where a matches  regex "x"'],
    ['! has', 'T | where a ! has "x"'],
    ['< =', 'T | where a < = 1'],
    ['= ~', 'T | where a = ~ "x"'],
    ['in ~', 'T | where a in ~ ("x")'],
    ['project - away', 'T | project - away a'],
    ['- -1', 'print - -1'],
    ['non-ASCII plain name', 'print é = 1'],
    ['trailing comma in dynamic', 'print dynamic([1, 2,])'],
    ['unquoted dynamic key', 'print dynamic({a: 1})'],
    ['empty dynamic', 'print dynamic()'],
    ['uuid type name', 'datatable(a:uuid)[]'],
  ])('%s', (_, text) => {
    expect(codes(text).length).toBeGreaterThan(0);
  });
});

describe('close relatives that are valid', () => {
  it.each([
    ['(a == b) == c', 'T | where (a == b) == c'],
    ['not (x)', 'T | where not (x)'],
    ['1 - -1', 'print 1 - -1'],
    ['-(-1)', 'print -(-1)'],
    ["['kind'] as a name", "T | extend ['kind'] = 1"],
    ['datatable trailing comma', 'datatable(a:long)[1, 2,]'],
    ['datatable -1d', 'datatable(a:timespan)[-1d]'],
    ['trailing ; after the query', 'T | take 1;'],
    ['blank lines', 'let x = 1;\n\nT'],
    ['has_any with a let name in parentheses', 'let L = dynamic(["a"]); T | where a has_any (L)'],
    ['has_any with a tabular argument', 'T | where a has_any (U | project b)'],
    ['has_any with double parentheses', 'T | where a has_any ((U | project b))'],
    ['mixed has_any list', 'let L = dynamic(["a"]); T | where a has_any (L, "enable")'],
    ['dynamic([]) list', 'T | where a in (dynamic([]))'],
  ])('%s', (_, text) => {
    expect(codes(text)).toEqual([]);
  });
});
