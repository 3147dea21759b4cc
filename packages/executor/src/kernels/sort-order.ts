import type { ScalarValue } from '@kqlr/common';
import { compareValues } from './compare.js';

/**
 * Row order for `sort by` (kql-semantics.md §4): per key ascending or descending (default desc,
 * chosen by the planner), with nulls first or last (defaults: asc -> first, desc -> last). NaN
 * sits with the nulls: ascending with nulls first is `null, NaN, -inf, ..., +inf`; descending with
 * nulls last is its mirror. Strings compare by UTF-16 code units (ordinal: "B" < "a"). Several keys
 * compare lexicographically; ties keep input order (the caller's sort is stable).
 */
export interface SortKeySpec {
  descending: boolean;
  nullsFirst: boolean;
}

/** 0 = null, 1 = NaN, 2 = an ordinary value. */
function nullClass(v: ScalarValue): number {
  if (v === null) return 0;
  if (typeof v === 'number' && Number.isNaN(v)) return 1;
  return 2;
}

export function compareSortValues(a: ScalarValue, b: ScalarValue, key: SortKeySpec): number {
  const ca = nullClass(a);
  const cb = nullClass(b);
  if (ca === 2 && cb === 2) {
    const c = compareValues(a as Exclude<ScalarValue, null>, b as Exclude<ScalarValue, null>);
    const r = Number.isNaN(c) ? 0 : c;
    return key.descending ? -r : r;
  }
  if (ca === cb) return 0;
  if (ca === 2) return key.nullsFirst ? 1 : -1;
  if (cb === 2) return key.nullsFirst ? -1 : 1;
  // Both in the null class: null before NaN ascending, NaN before null descending.
  const r = ca - cb;
  return key.descending ? -r : r;
}
