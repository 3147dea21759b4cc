import { foldCase } from './fold.js';

/**
 * Substring-family operators (kql-semantics.md §5.3): `contains`, `startswith`, `endswith`, `=~`
 * and their `_cs` / `==` forms. Plain forms compare case-folded text (note: `endswith` is
 * case-insensitive, only `endswith_cs` is not); `_cs` forms and `==` compare UTF-16 code units
 * exactly. An empty needle matches everything (undocumented; §9 open question). Strings are
 * never null; callers handle a null dynamic LHS. Needles are folded once, at matcher build time.
 */
export type SubstringMode = 'contains' | 'startswith' | 'endswith' | 'equals';

export function substringMatcher(
  needle: string,
  mode: SubstringMode,
  caseSensitive: boolean,
): (haystack: string) => boolean {
  const n = caseSensitive ? needle : foldCase(needle);
  const prep = caseSensitive ? (h: string) => h : foldCase;
  switch (mode) {
    case 'contains':
      return (h) => prep(h).includes(n);
    case 'startswith':
      return (h) => h.length >= n.length && prep(h).startsWith(n);
    case 'endswith':
      return (h) => h.length >= n.length && prep(h).endsWith(n);
    case 'equals':
      return (h) => h.length === n.length && prep(h) === n;
  }
}
