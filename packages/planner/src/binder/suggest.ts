/**
 * "Did you mean" for unknown names. Ranked: the same name in another case (`filename` ->
 * `FileName`), then a candidate that ends with the name (`AccountName` ->
 * `InitiatingProcessAccountName`: Defender prefixes related columns), then the closest by edit
 * distance within a budget. Ties keep candidate order (schema order), so results are deterministic.
 */
export function suggestName(name: string, candidates: readonly string[]): string | null {
  if (name.length === 0) return null;
  const lower = name.toLowerCase();
  const sameLetters = candidates.find((c) => c.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const bySuffix = candidates.find((c) => c.length > name.length && c.toLowerCase().endsWith(lower));
  if (bySuffix !== undefined) return bySuffix;
  const budget = Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = budget + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) > budget) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance (insert, delete, substitute), two-row dynamic programming. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
