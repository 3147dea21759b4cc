import { describe, expect, it } from 'vitest';
import { diagnostics } from './test-helpers.js';

// The wording users see for common mistakes (PRQL-style error-message tests). Each case pins the
// message and the hint of the first diagnostic; a change here should be a deliberate one.

function first(text: string): string {
  const [d] = diagnostics(text);
  return d ? `${d.code}: ${d.message}${d.hint ? ` | ${d.hint}` : ''}` : 'no diagnostic';
}

describe('error messages', () => {
  it.each([
    ['T | frobnicate x', "syntax-error: Expected a query operator (where, extend, project, sort, take, count, union, ...) but found 'frobnicate'."],
    ['T | where', 'syntax-error: Expected an expression but found the end of the query. | The query ends too early: complete the last operator or expression.'],
    ['let x = 1\nT', "syntax-error: Expected ';' but found 'T'. | End each let and set statement with ';'."],
    ['T | where a in L', "syntax-error: Expected '(' but found 'L'. | The list after in must be in parentheses, also for a single let name: in (L)."],
    ['print 1 d', "syntax-error: Unexpected 'd'. | Write the unit right after the number, without a space: 1d."],
    ['datatable(a:long)[null]', "syntax-error: Expected ']' but found 'null'. | A bare null is not a value: write a typed null such as long(null) or datetime(null)."],
    ['T | where x has_any ()', "syntax-error: Expected an expression but found ')'."],
    ['T | sort a', "syntax-error: Expected 'by' but found 'a'."],
    ['T | where a = 1', "syntax-error: Unexpected '='. | Use '==' to compare; a single '=' only names a result column (extend x = ...)."],
    ['T | extend kind = 1', "keyword-as-name: 'kind' is a keyword and cannot be used as a bare name. | Write ['kind'] to use it as a name."],
    ['print 1w', "invalid-timespan-unit: '1w' is not a valid timespan: unknown unit 'w'. | Weeks are not a timespan unit: write the number of days (7d)."],
    ['print 1H', "invalid-timespan-unit: '1H' is not a valid timespan: unknown unit 'H'. | Did you mean 1h? Units are lower case: d, h, m, s, ms, microsecond, tick, ..."],
    ['print string(null)', 'unknown-typed-literal: There is no string(...) literal. | Strings have no null: use "" (the empty string).'],
    ['T | where s !has_any ("a")', "invalid-negation: '!has_any' is not an operator. | There is no '!has_any': write not(x has_any ...)."],
    ['print dynamic([1,])', 'dynamic-trailing-comma: A dynamic literal cannot end with a comma. | Remove the last comma: dynamic([1, 2]).'],
    ['datatable(a:long, b:long)[1, 2, 3]', 'datatable-value-count: The datatable has 3 values, not a multiple of its 2 columns. | Give one value per column for every row.'],
  ])('%j', (text, expected) => {
    expect(first(text)).toBe(expected);
  });
});
