import { BOOL_NULL, FALSE, TRUE } from '../columns/column.js';

/**
 * Three-valued logic on bool codes (0 false, 1 true, 2 null), kql-semantics.md §5.2:
 * `and` is false if either side is false, else null if either is null; `or` is true if either is
 * true, else null if either is null; `not(null)` is null.
 */
export function and3(a: number, b: number): number {
  if (a === FALSE || b === FALSE) return FALSE;
  if (a === BOOL_NULL || b === BOOL_NULL) return BOOL_NULL;
  return TRUE;
}

export function or3(a: number, b: number): number {
  if (a === TRUE || b === TRUE) return TRUE;
  if (a === BOOL_NULL || b === BOOL_NULL) return BOOL_NULL;
  return FALSE;
}

export function not3(a: number): number {
  return a === BOOL_NULL ? BOOL_NULL : a === TRUE ? FALSE : TRUE;
}

export function boolCode(v: unknown): number {
  return v === true ? TRUE : v === false ? FALSE : BOOL_NULL;
}

export function codeToBool(c: number): boolean | null {
  return c === BOOL_NULL ? null : c === TRUE;
}

/** Rows in `all` that are not in `some` (both ascending). */
export function difference(all: Uint32Array, some: Uint32Array): Uint32Array {
  const out = new Uint32Array(all.length - some.length);
  let n = 0;
  let j = 0;
  for (let k = 0; k < all.length; k++) {
    const row = all[k]!;
    while (j < some.length && some[j]! < row) j++;
    if (j < some.length && some[j] === row) continue;
    out[n++] = row;
  }
  return out.subarray(0, n);
}

/** Union of two disjoint ascending selections, ascending. */
export function mergeSelections(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) out[n++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out;
}
