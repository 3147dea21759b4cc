/**
 * Straightforward KQL string operators for the naive baseline (kql-semantics.md §5.3), on JS
 * strings. Case folding is toLowerCase on both sides (ASCII-exact; the data is ASCII where it matters).
 */
const isTermChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** `h has n`: some occurrence whose term-character edges sit at term boundaries. */
export function has(haystack: string, needle: string): boolean {
  return hasFolded(haystack.toLowerCase(), needle.toLowerCase());
}

/** `has` on operands already case-folded. */
function hasFolded(h: string, n: string): boolean {
  if (n === '') return false;
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
  const h = haystack.toLowerCase();
  return needles.some((n) => hasFolded(h, n.toLowerCase()));
}

export function containsCi(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

export function endsWithCi(haystack: string, suffix: string): boolean {
  return haystack.toLowerCase().endsWith(suffix.toLowerCase());
}
