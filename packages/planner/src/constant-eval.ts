import {
  MAX_DATETIME_TICKS_EXCLUSIVE, MIN_DATETIME_TICKS, type KqlType, type ScalarValue,
} from '@kqlr/common/core';
import type { BuiltinId } from './logical/plan.js';

/**
 * Exact evaluation of constant expressions (literals combined by arithmetic, comparison and
 * logic), shared by the binder (`take 1 + 1`) and the fold-constants rule. It returns `undefined`
 * whenever the result would depend on a runtime rule it does not model (overflow, division by
 * zero, modulo of negatives, string collation, case folding), leaving the call to the executor.
 * Null behaviour follows kql-semantics.md §5.2.
 */
export type FoldableExpr =
  | { kind: 'Literal'; type: KqlType; value: ScalarValue }
  | { kind: 'Call'; fn: BuiltinId; args: readonly FoldableExpr[]; type: KqlType | 'error' }
  | { kind: 'Column' | 'Membership' | 'Error' };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Typed = { type: KqlType; value: ScalarValue };

export function evaluateConstant(expr: FoldableExpr): ScalarValue | undefined {
  const typed = evaluate(expr);
  return typed === undefined ? undefined : typed.value;
}

function evaluate(expr: FoldableExpr): Typed | undefined {
  if (expr.kind === 'Literal') return { type: expr.type, value: expr.value };
  if (expr.kind !== 'Call' || expr.type === 'error') return undefined;
  const args: Typed[] = [];
  for (const arg of expr.args) {
    const v = evaluate(arg);
    if (v === undefined) return undefined;
    args.push(v);
  }
  const value = apply(expr.fn, args, expr.type);
  return value === undefined ? undefined : { type: expr.type, value };
}

function apply(fn: BuiltinId, args: Typed[], type: KqlType): ScalarValue | undefined {
  switch (fn) {
    case 'negate':
      return negate(args[0]!);
    case 'and':
    case 'or':
      return logical(fn, args[0]!.value, args[1]!.value);
    case 'not':
      return args[0]!.value === null ? null : !(args[0]!.value as boolean);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(fn, args[0]!, args[1]!, type);
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(fn, args[0]!, args[1]!);
    default:
      return undefined;
  }
}

function negate(a: Typed): ScalarValue | undefined {
  if (a.value === null) return null;
  // `-now()`: the executor owns the datetime rule (ticks counted from 0001-01-01, range-checked).
  if (a.type === 'datetime') return undefined;
  if (typeof a.value === 'bigint') return a.value === INT64_MIN ? undefined : -a.value;
  if (typeof a.value === 'number') return -a.value;
  return undefined;
}

/** `and`/`or` with null: `false and null` is false, `true or null` is true, otherwise null (§5.2). */
function logical(fn: 'and' | 'or', a: ScalarValue, b: ScalarValue): ScalarValue | undefined {
  if (fn === 'and') {
    if (a === false || b === false) return false;
    if (a === null || b === null) return null;
    return true;
  }
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

function asBigint(v: ScalarValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

function inInt64(v: bigint): bigint | undefined {
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

function arithmetic(fn: '+' | '-' | '*' | '/' | '%', a: Typed, b: Typed, type: KqlType): ScalarValue | undefined {
  if (a.value === null || b.value === null) return null;
  if (type === 'real') {
    const x = Number(a.value);
    const y = Number(b.value);
    if (a.type === 'timespan' || b.type === 'timespan') {
      // timespan / timespan
      return fn === '/' && y !== 0 ? x / y : undefined;
    }
    if ((fn === '/' || fn === '%') && y === 0) return undefined;
    if (fn === '%') return undefined;
    return fn === '+' ? x + y : fn === '-' ? x - y : fn === '*' ? x * y : x / y;
  }
  if (type === 'long' || type === 'timespan' || type === 'datetime') {
    const x = asBigint(a.value);
    const y = asBigint(b.value);
    if (x === undefined || y === undefined) return undefined;
    // timespan / number and number * timespan only fold for integer numbers.
    if ((a.type === 'real' || b.type === 'real' || a.type === 'decimal' || b.type === 'decimal')) return undefined;
    let r: bigint;
    switch (fn) {
      case '+': r = x + y; break;
      case '-': r = x - y; break;
      case '*': r = x * y; break;
      case '/':
        if (y === 0n) return undefined;
        r = x / y; // truncates toward zero, as Kusto's integer division does
        break;
      case '%':
        if (y <= 0n || x < 0n) return undefined;
        r = x % y;
        break;
    }
    if (type === 'datetime') return r < MIN_DATETIME_TICKS || r >= MAX_DATETIME_TICKS_EXCLUSIVE ? undefined : r;
    return inInt64(r);
  }
  return undefined;
}

/**
 * Comparisons of numbers, datetimes, timespans and bools, and `==`/`!=` of two strings (ordinal
 * and case-sensitive; strings are never null). Other string comparisons are left to the executor.
 */
function compare(fn: '==' | '!=' | '<' | '<=' | '>' | '>=', a: Typed, b: Typed): ScalarValue | undefined {
  if (a.type === 'string' && b.type === 'string' && typeof a.value === 'string' && typeof b.value === 'string') {
    if (fn === '==') return a.value === b.value;
    if (fn === '!=') return a.value !== b.value;
    return undefined;
  }
  const comparable = (t: Typed) => typeof t.value === 'bigint' || typeof t.value === 'number' || typeof t.value === 'boolean' || t.value === null;
  if (!comparable(a) || !comparable(b)) return undefined;
  if (a.type === 'dynamic' || b.type === 'dynamic' || a.type === 'string' || b.type === 'string') return undefined;
  if (a.value === null || b.value === null) {
    if (a.value === null && b.value === null) return null;
    if (fn === '==') return false;
    if (fn === '!=') return true;
    return null;
  }
  if (typeof a.value === 'boolean' || typeof b.value === 'boolean') {
    if (typeof a.value !== 'boolean' || typeof b.value !== 'boolean') return undefined;
    if (fn === '==') return a.value === b.value;
    if (fn === '!=') return a.value !== b.value;
    return undefined;
  }
  if ((typeof a.value !== 'bigint' && typeof a.value !== 'number') || (typeof b.value !== 'bigint' && typeof b.value !== 'number')) {
    return undefined;
  }
  const c = compareNumbers(a.value, b.value);
  if (c === undefined) return undefined;
  switch (fn) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

function compareNumbers(x: number | bigint, y: number | bigint): number | undefined {
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  const a = Number(x);
  const b = Number(y);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  // Mixed long/real: exact only while the long is a safe integer.
  if ((typeof x === 'bigint' && !Number.isSafeInteger(a)) || (typeof y === 'bigint' && !Number.isSafeInteger(b))) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}
