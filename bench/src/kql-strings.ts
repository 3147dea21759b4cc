/**
 * Straightforward KQL string operators for the naive baseline (kql-semantics.md §5.3), on JS
 * strings. Case folding is toLowerCase on both sides (ASCII-exact; the data is ASCII where it matters).
 */
const isTermChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** `h has n`: some occurrence whose term-character edges sit at term boundaries. */
export function has(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  const h = haystack.toLowerCase();
  const n = needle.toLowerCase();
  const checkHead = isTermChar(n[0]);
  const checkTail = isTermChar(n[n.length - 1]);
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    if (checkHead && i > 0 && isTermChar(h[i - 1])) continue;
    const end = i + n.length;
    if (checkTail && end < h.length && isTermChar(h[end])) continue;
    return true;
  }
  return false;
}

export function hasAny(haystack: string, needles: readonly string[]): boolean {
  return needles.some((n) => has(haystack, n));
}

export function containsCi(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

export function endsWithCi(haystack: string, suffix: string): boolean {
  return haystack.toLowerCase().endsWith(suffix.toLowerCase());
}
