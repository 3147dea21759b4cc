import { describe, expect, it } from 'vitest';
import type { KqlType, ScalarValue } from '@kqlr/common';
import { TICKS_PER_DAY, TICKS_PER_HOUR } from '@kqlr/common';
import { evaluateConstant, type FoldableExpr } from './constant-eval.js';
import type { BuiltinId } from './logical/plan.js';

const lit = (type: KqlType, value: ScalarValue): FoldableExpr => ({ kind: 'Literal', type, value });
const call = (fn: BuiltinId, type: KqlType, ...args: FoldableExpr[]): FoldableExpr => ({ kind: 'Call', fn, args, type });

describe('evaluateConstant', () => {
  it('does integer arithmetic as long with truncating division', () => {
    expect(evaluateConstant(call('+', 'long', lit('int', 1), lit('int', 2)))).toBe(3n);
    expect(evaluateConstant(call('/', 'long', lit('long', 1n), lit('long', 2n)))).toBe(0n);
    expect(evaluateConstant(call('/', 'long', lit('long', -7n), lit('long', 2n)))).toBe(-3n);
  });
  it('declines division by zero, overflow and modulo of negatives', () => {
    expect(evaluateConstant(call('/', 'long', lit('long', 1n), lit('long', 0n)))).toBeUndefined();
    expect(evaluateConstant(call('*', 'long', lit('long', 2n ** 62n), lit('long', 4n)))).toBeUndefined();
    expect(evaluateConstant(call('%', 'long', lit('long', -14n), lit('long', 12n)))).toBeUndefined();
  });
  it('computes datetime and timespan arithmetic in ticks', () => {
    expect(evaluateConstant(call('-', 'datetime', lit('datetime', 10n * TICKS_PER_DAY), lit('timespan', TICKS_PER_DAY)))).toBe(9n * TICKS_PER_DAY);
    expect(evaluateConstant(call('/', 'real', lit('timespan', TICKS_PER_DAY), lit('timespan', 5n * TICKS_PER_HOUR)))).toBe(4.8);
    expect(evaluateConstant(call('*', 'timespan', lit('long', 86400n), lit('timespan', 10_000_000n)))).toBe(TICKS_PER_DAY);
  });
  it('propagates null through arithmetic and ordering', () => {
    expect(evaluateConstant(call('+', 'long', lit('long', null), lit('long', 1n)))).toBeNull();
    expect(evaluateConstant(call('<', 'bool', lit('long', null), lit('long', 1n)))).toBeNull();
  });
  it('== with one null is false, with both null is null (§5.2)', () => {
    expect(evaluateConstant(call('==', 'bool', lit('long', null), lit('long', 1n)))).toBe(false);
    expect(evaluateConstant(call('!=', 'bool', lit('long', null), lit('long', 1n)))).toBe(true);
    expect(evaluateConstant(call('==', 'bool', lit('long', null), lit('long', null)))).toBeNull();
  });
  it('follows three-valued and/or/not', () => {
    expect(evaluateConstant(call('and', 'bool', lit('bool', null), lit('bool', false)))).toBe(false);
    expect(evaluateConstant(call('and', 'bool', lit('bool', null), lit('bool', true)))).toBeNull();
    expect(evaluateConstant(call('or', 'bool', lit('bool', null), lit('bool', true)))).toBe(true);
    expect(evaluateConstant(call('or', 'bool', lit('bool', null), lit('bool', false)))).toBeNull();
    expect(evaluateConstant(call('not', 'bool', lit('bool', null)))).toBeNull();
  });
  it('compares mixed numbers and leaves strings to the executor', () => {
    expect(evaluateConstant(call('<', 'bool', lit('int', 1), lit('real', 1.5)))).toBe(true);
    expect(evaluateConstant(call('==', 'bool', lit('string', 'a'), lit('string', 'a')))).toBe(true);
    expect(evaluateConstant(call('==', 'bool', lit('string', 'a'), lit('string', 'A')))).toBe(false);
    expect(evaluateConstant(call('!=', 'bool', lit('string', 'a'), lit('string', 'A')))).toBe(true);
    expect(evaluateConstant(call('=~', 'bool', lit('string', 'a'), lit('string', 'A')))).toBeUndefined();
    expect(evaluateConstant(call('tolower', 'string', lit('string', 'A')))).toBeUndefined();
  });
  it('negates but not past the long range', () => {
    expect(evaluateConstant(call('negate', 'long', lit('long', 5n)))).toBe(-5n);
    expect(evaluateConstant(call('negate', 'long', lit('long', -(2n ** 63n))))).toBeUndefined();
    expect(evaluateConstant({ kind: 'Column' })).toBeUndefined();
  });
});
