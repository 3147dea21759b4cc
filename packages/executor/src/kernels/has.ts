import { foldCase } from './fold.js';

/**
 * The `has` family (kql-semantics.md §5.3, https://learn.microsoft.com/kusto/query/has-operator).
 *
 * Terms are maximal runs of ASCII `[A-Za-z0-9]`; every other character (including `_` and
 * non-ASCII) separates terms. `H has N` is true when some occurrence of N in H at [i, i+n)
 * satisfies: (1) if N starts with a term character, i = 0 or H[i-1] is not one; (2) if N ends with
 * a term character, i+n = len(H) or H[i+n] is not one. Punctuation in N matches literally, and
 * every occurrence is tried (`has "ab"` on "xab ab" is true at the second one). `hasprefix` checks
 * only (1), `hassuffix` only (2). An empty needle never matches (spec recommendation).
 *
 * Case: the plain forms compare case-folded text (fold.ts, length-preserving, so positions agree);
 * `_cs` forms compare exactly. Null: strings are never null; callers map a null dynamic LHS.
 * The needle is folded once when the matcher is built, never per row.
 */
export function isTermChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export type HasMode = 'has' | 'hasprefix' | 'hassuffix';

export function termBoundaryMatch(haystack: string, needle: string, mode: HasMode): boolean {
  const n = needle.length;
  if (n === 0) return false;
  const checkStart = mode !== 'hassuffix' && isTermChar(needle.charCodeAt(0));
  const checkEnd = mode !== 'hasprefix' && isTermChar(needle.charCodeAt(n - 1));
  let i = haystack.indexOf(needle);
  while (i >= 0) {
    const startOk = !checkStart || i === 0 || !isTermChar(haystack.charCodeAt(i - 1));
    const endOk = !checkEnd || i + n === haystack.length || !isTermChar(haystack.charCodeAt(i + n));
    if (startOk && endOk) return true;
    i = haystack.indexOf(needle, i + 1);
  }
  return false;
}

/** A matcher for one needle; the needle is prepared (folded) here, once. */
export function hasMatcher(needle: string, mode: HasMode, caseSensitive: boolean): (haystack: string) => boolean {
  const n = caseSensitive ? needle : foldCase(needle);
  if (caseSensitive) return (h) => termBoundaryMatch(h, n, mode);
  return (h) => termBoundaryMatch(foldCase(h), n, mode);
}

/** True when every character of s is a term character (then `has s` means "s is a whole term"). */
export function isPureTerm(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTermChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Calls `visit` with each maximal term of `s` (as a substring) and where it starts; stops early
 * when it returns true.
 */
export function forEachTerm(s: string, visit: (term: string, start: number) => boolean): boolean {
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const term = i < s.length && isTermChar(s.charCodeAt(i));
    if (term) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (visit(s.slice(start, i), start)) return true;
      start = -1;
    }
  }
  return false;
}
