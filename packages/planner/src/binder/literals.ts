import { formatDatetime, formatTimespan, type DynamicValue, type KqlType, type ScalarValue } from '@kqlr/common/core';

/**
 * Literal values in the common/types.ts representation, and the conversions a `datatable`
 * column applies to them (`datatable(a:real)[1]` holds 1.0). Numbers convert between numeric
 * types; anything converts into a dynamic column; everything else must match exactly.
 */

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const NUMERIC: ReadonlySet<KqlType> = new Set(['int', 'long', 'real', 'decimal']);

/** Returns the converted value, or `undefined` when the literal does not fit the column type. */
export function convertLiteral(value: ScalarValue, from: KqlType, to: KqlType): ScalarValue | undefined {
  if (from === to) return value;
  if (to === 'dynamic') return toDynamic(value, from);
  if (!NUMERIC.has(from) || !NUMERIC.has(to)) return undefined;
  if (value === null) return null;
  const n = typeof value === 'bigint' ? value : typeof value === 'number' ? value : undefined;
  if (n === undefined) return undefined;
  switch (to) {
    case 'long':
      return typeof n === 'bigint' ? n : Number.isInteger(n) ? BigInt(n) : undefined;
    case 'int': {
      const v = Number(n);
      return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? v : undefined;
    }
    default:
      return Number(n);
  }
}

/** A scalar as the JSON-like value a dynamic holds (datetimes/timespans in their text forms). */
export function toDynamic(value: ScalarValue, type: KqlType): DynamicValue {
  if (value === null) return null;
  if (typeof value === 'bigint') {
    if (type === 'datetime') return formatDatetime(value);
    if (type === 'timespan') return formatTimespan(value);
    return Number(value);
  }
  return value as DynamicValue;
}

/** The type and canonical value of a dynamic array element used as a list element (`in`, `has_any`). */
export function dynamicElementLiteral(element: DynamicValue): { type: KqlType; value: ScalarValue } {
  if (typeof element === 'string') return { type: 'string', value: element };
  if (typeof element === 'boolean') return { type: 'bool', value: element };
  if (typeof element === 'number') {
    return Number.isSafeInteger(element) ? { type: 'long', value: BigInt(element) } : { type: 'real', value: element };
  }
  return { type: 'dynamic', value: element };
}
