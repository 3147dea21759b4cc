import type { ScalarValue } from '@kqlr/common';
import type { CompareOp } from './datetime.js';

/**
 * Boxed comparison for the general case (kql-semantics.md §5.1/§5.2). Numbers of any width compare
 * numerically (bigint vs bigint exactly, so datetime ticks keep the 7th digit); strings by UTF-16
 * code units (ordinal); bools false < true; dynamic values by their JSON text. Returns NaN for
 * incomparable pairs (NaN operands, different kinds), which satisfies only `!=`.
 *
 * Null rules: `==` with one null operand is false, `!=` true; with both null, null. Ordering
 * operators with any null operand give null.
 */
export function compareValues(a: Exclude<ScalarValue, null>, b: Exclude<ScalarValue, null>): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    if (typeof a === 'number' && typeof b === 'bigint' && Number.isInteger(a)) return cmpBig(BigInt(a), b);
    if (typeof a === 'bigint' && typeof b === 'number' && Number.isInteger(b)) return cmpBig(a, BigInt(b));
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'object' && typeof b === 'object') {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x === y ? 0 : NaN;
  }
  return NaN;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareBoxed(op: CompareOp, a: ScalarValue, b: ScalarValue): boolean | null {
  if (a === null || b === null) {
    if (a === null && b === null) return null;
    if (op === '==') return false;
    if (op === '!=') return true;
    return null;
  }
  const c = compareValues(a, b);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}
