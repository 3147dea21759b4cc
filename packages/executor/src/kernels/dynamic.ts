import type { DynamicValue, ScalarValue } from '@kqlr/common';

/**
 * Dynamic access `o.key`, `o["key"]`, `a[i]` (kql-semantics.md §6): a negative index counts from
 * the end; a missing key, an out-of-range index, a null target or a target of the wrong shape
 * gives null, never an error. The result is dynamic.
 */
export function dynamicGet(target: ScalarValue, key: ScalarValue): DynamicValue {
  if (target === null || key === null || typeof target !== 'object') return null;
  if (Array.isArray(target)) {
    if (typeof key !== 'number' && typeof key !== 'bigint') return null;
    let i = Number(key);
    if (!Number.isInteger(i)) return null;
    if (i < 0) i += target.length;
    return target[i] ?? null;
  }
  if (typeof key !== 'string') return null;
  return Object.prototype.hasOwnProperty.call(target, key) ? (target as Record<string, DynamicValue>)[key] ?? null : null;
}

/** `isempty`: true for null and "" (a dynamic "" too); `isnotempty` is its negation. */
export function isEmptyValue(v: ScalarValue): boolean {
  return v === null || v === '';
}
