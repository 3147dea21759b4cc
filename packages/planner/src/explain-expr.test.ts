import { describe, expect, it } from 'vitest';
import { parseIsoDatetime, TICKS_PER_DAY } from '@kqlr/common';
import { printLiteral, printName, printScalarExpr } from './explain-expr.js';
import type { ScalarExpr } from './logical/plan.js';

const col: ScalarExpr = { kind: 'Column', index: 0, name: 'a', type: 'long' };
const one: ScalarExpr = { kind: 'Literal', type: 'long', value: 1n };

describe('printLiteral', () => {
  it.each([
    ['string', 'a"b', '"a\\"b"'],
    ['long', 5n, '5'],
    ['int', 5, 'int(5)'],
    ['real', 2, '2.0'],
    ['real', 1.5, '1.5'],
    ['real', Number.NaN, 'real(nan)'],
    ['real', Number.NEGATIVE_INFINITY, 'real(-inf)'],
    ['bool', true, 'true'],
    ['timespan', TICKS_PER_DAY, 'timespan(1.00:00:00)'],
    ['dynamic', ['a', 1], 'dynamic(["a",1])'],
    ['long', null, 'long(null)'],
    ['datetime', null, 'datetime(null)'],
  ] as const)('%s %s', (type, value, text) => {
    expect(printLiteral(type, value as never)).toBe(text);
  });
  it('prints datetimes with 7 fraction digits', () => {
    expect(printLiteral('datetime', parseIsoDatetime('2024-05-01T01:02:03.1234567Z'))).toBe('datetime(2024-05-01T01:02:03.1234567Z)');
  });
});

describe('printScalarExpr', () => {
  it('brackets names that are not plain identifiers', () => {
    expect(printName('my col')).toBe("['my col']");
    expect(printName('ok_1')).toBe('ok_1');
  });
  it('parenthesises nested operators so the tree shape is visible', () => {
    const sum: ScalarExpr = { kind: 'Call', fn: '+', args: [col, one], type: 'long' };
    const product: ScalarExpr = { kind: 'Call', fn: '*', args: [sum, one], type: 'long' };
    expect(printScalarExpr(product)).toBe('(a + 1) * 1');
    expect(printScalarExpr({ kind: 'Call', fn: 'negate', args: [sum], type: 'long' })).toBe('-(a + 1)');
  });
  it('prints functions, between, dynamic access and membership', () => {
    const s: ScalarExpr = { kind: 'Column', index: 1, name: 'b', type: 'string' };
    const d: ScalarExpr = { kind: 'Column', index: 2, name: 'd', type: 'dynamic' };
    expect(printScalarExpr({ kind: 'Call', fn: 'strlen', args: [s], type: 'long' })).toBe('strlen(b)');
    expect(printScalarExpr({ kind: 'Call', fn: '!between', args: [col, one, one], type: 'bool' })).toBe('a !between (1 .. 1)');
    expect(printScalarExpr({ kind: 'Call', fn: 'dynamic_get', args: [d, { kind: 'Literal', type: 'string', value: 'k' }], type: 'dynamic' })).toBe('d.k');
    expect(printScalarExpr({ kind: 'Call', fn: 'dynamic_get', args: [d, { kind: 'Literal', type: 'long', value: -1n }], type: 'dynamic' })).toBe('d[-1]');
    expect(printScalarExpr({
      kind: 'Membership', op: 'has_any', left: s, values: [{ kind: 'Literal', type: 'string', value: 'x' }], subquery: null, type: 'bool',
    })).toBe('b has_any ("x")');
  });
});
