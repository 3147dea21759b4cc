import { MAX_DATETIME_TICKS_EXCLUSIVE, MIN_DATETIME_TICKS, type KqlType, type ScalarValue } from '@kqlr/common';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

/**
 * Binary arithmetic (kql-semantics.md §5.1, https://learn.microsoft.com/kusto/query/numerical-operators).
 * The result type comes from the binder: integer operands give `long` (computed in bigint, wrapped
 * to 64 bits; `/` truncates toward zero; `%` is never negative, as the docs' `-14 % 12 == 10`),
 * any real operand gives `real`. Datetime/timespan values are bigint ticks, so `datetime - datetime`,
 * `datetime ± timespan` and `timespan ± timespan` are exact to 100 ns; `timespan * real` rounds to
 * the nearest tick; `timespan / timespan` is real. Any null operand gives null; integer division
 * or modulo by zero gives null.
 */
export function arithmetic(op: ArithmeticOp, a: ScalarValue, b: ScalarValue, resultType: KqlType): ScalarValue {
  if (a === null || b === null) return null;
  if (resultType === 'real' || resultType === 'decimal') return realOp(op, num(a), num(b));
  if (resultType === 'int') return intOp(op, num(a), num(b));
  const x = typeof a === 'bigint' ? a : null;
  const y = typeof b === 'bigint' ? b : null;
  if ((x === null && !isIntegral(a)) || (y === null && !isIntegral(b))) {
    // timespan scaled by a real: compute in doubles, round to whole ticks.
    const r = realOp(op, num(a), num(b));
    return Number.isFinite(r) ? BigInt(Math.round(r)) : null;
  }
  return longOp(op, x ?? BigInt(num(a)), y ?? BigInt(num(b)));
}

function isIntegral(v: ScalarValue): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'boolean';
}

function num(v: ScalarValue): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v === true ? 1 : 0;
}

function realOp(op: ArithmeticOp, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%': {
      const r = x % y;
      return r < 0 ? r + Math.abs(y) : r;
    }
  }
}

function intOp(op: ArithmeticOp, x: number, y: number): number | null {
  const r = longOp(op, BigInt(Math.trunc(x)), BigInt(Math.trunc(y)));
  return r === null ? null : Number(BigInt.asIntN(32, r));
}

function longOp(op: ArithmeticOp, x: bigint, y: bigint): bigint | null {
  switch (op) {
    case '+':
      return BigInt.asIntN(64, x + y);
    case '-':
      return BigInt.asIntN(64, x - y);
    case '*':
      return BigInt.asIntN(64, x * y);
    case '/':
      return y === 0n ? null : BigInt.asIntN(64, x / y);
    case '%': {
      if (y === 0n) return null;
      const r = x % y;
      return r < 0n ? r + (y < 0n ? -y : y) : r;
    }
  }
}

/**
 * Unary minus keeps the operand's type (`-int(1)` is an int); null stays null. A datetime
 * (`-now()`, accepted by Kusto.Language) negates Kusto's own ticks, counted from 0001-01-01, so
 * every instant but 0001-01-01 itself lands before the datetime range and gives null.
 */
export function negate(a: ScalarValue, type: KqlType | null = null): ScalarValue {
  if (type === 'datetime') return negateDatetime(a);
  if (typeof a === 'bigint') return BigInt.asIntN(64, -a);
  if (typeof a === 'number') return -a;
  return null;
}

function negateDatetime(a: ScalarValue): ScalarValue {
  if (typeof a !== 'bigint') return null;
  const negated = MIN_DATETIME_TICKS - (a - MIN_DATETIME_TICKS);
  return negated >= MIN_DATETIME_TICKS && negated < MAX_DATETIME_TICKS_EXCLUSIVE ? negated : null;
}
