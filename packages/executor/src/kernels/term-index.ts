import { foldCase } from './fold.js';
import { forEachTerm, isPureTerm, isTermChar, termBoundaryMatch } from './has.js';

/** Needle lists up to this long are scanned needle by needle (see `shortList`). */
const SHORT_LIST = 8;

/** A needle with punctuation, keyed by its first term; `offset` is where that term starts in it. */
interface AnchoredNeedle {
  text: string;
  offset: number;
}

/**
 * The needles of `has_any` / `has_all`, indexed once per plan, so a row costs one pass over its
 * terms whatever the number of needles (a 100,000-term list must not mean 100,000 scans per row).
 * Needles made only of term characters match exactly when the haystack contains that whole term:
 * a hash set probed with each haystack term. A needle with punctuation (`x.exe`, `/etc/systemd/`)
 * that holds a term is anchored on its first term T at offset k: any match at i has a haystack
 * term starting at i+k that is exactly T (T is maximal in the needle and is bounded in the
 * haystack either by the needle's own punctuation or, at a needle edge, by has.ts's boundary
 * rule), so only needles keyed by the row's terms are checked. Needles without any term
 * character (`\\`, `..`) fall back to the boundary scan of has.ts. Case-insensitive (needles and
 * haystack folded, length-preserving); an empty needle never matches.
 */
export class TermIndex {
  private readonly terms = new Set<string>();
  private readonly anchored = new Map<string, AnchoredNeedle[]>();
  private readonly punctuationOnly: string[] = [];
  private readonly anchoredCount: number;
  private readonly emptyNeedles: boolean;
  /**
   * A short list (the seed rule's six paths) is matched needle by needle with has.ts's boundary
   * scan instead: a native indexOf per needle beats walking every term of the haystack, slicing
   * each one and probing two hash tables. Same definition of `has`, so the same results.
   */
  private readonly shortList: readonly string[] | null;

  constructor(needles: readonly string[]) {
    const seen = new Set<string>();
    let anchoredCount = 0;
    for (const raw of needles) {
      const n = foldCase(raw);
      if (n.length === 0 || seen.has(n)) continue;
      seen.add(n);
      if (isPureTerm(n)) {
        this.terms.add(n);
        continue;
      }
      let k = 0;
      while (k < n.length && !isTermChar(n.charCodeAt(k))) k++;
      if (k === n.length) {
        this.punctuationOnly.push(n);
        continue;
      }
      let e = k;
      while (e < n.length && isTermChar(n.charCodeAt(e))) e++;
      const key = n.slice(k, e);
      const bucket = this.anchored.get(key);
      if (bucket === undefined) this.anchored.set(key, [{ text: n, offset: k }]);
      else bucket.push({ text: n, offset: k });
      anchoredCount++;
    }
    this.anchoredCount = anchoredCount;
    this.emptyNeedles = needles.some((n) => n.length === 0);
    this.shortList = seen.size <= SHORT_LIST ? [...seen] : null;
  }

  any(haystack: string): boolean {
    const h = foldCase(haystack);
    if (this.shortList !== null) {
      for (const n of this.shortList) if (termBoundaryMatch(h, n, 'has')) return true;
      return false;
    }
    if (this.terms.size > 0 || this.anchoredCount > 0) {
      const hit = forEachTerm(h, (term, start) => {
        if (this.terms.has(term)) return true;
        const bucket = this.anchored.get(term);
        if (bucket !== undefined) for (const a of bucket) if (matchesAt(h, a, start)) return true;
        return false;
      });
      if (hit) return true;
    }
    for (const n of this.punctuationOnly) if (termBoundaryMatch(h, n, 'has')) return true;
    return false;
  }

  all(haystack: string): boolean {
    if (this.emptyNeedles) return false;
    const h = foldCase(haystack);
    for (const n of this.punctuationOnly) if (!termBoundaryMatch(h, n, 'has')) return false;
    const wanted = this.terms.size + this.anchoredCount;
    if (wanted === 0) return true;
    const found = new Set<string>();
    forEachTerm(h, (term, start) => {
      if (this.terms.has(term)) found.add(term);
      const bucket = this.anchored.get(term);
      if (bucket !== undefined) for (const a of bucket) if (!found.has(a.text) && matchesAt(h, a, start)) found.add(a.text);
      return found.size === wanted;
    });
    return found.size === wanted;
  }
}

/** Whether needle `a` occurs in `h` with its anchor term at `termStart`, respecting has.ts's boundaries. */
function matchesAt(h: string, a: AnchoredNeedle, termStart: number): boolean {
  const i = termStart - a.offset;
  if (i < 0 || !h.startsWith(a.text, i)) return false;
  const end = i + a.text.length;
  // The start boundary holds by construction (offset 0: termStart begins a term; else punctuation leads).
  if (isTermChar(a.text.charCodeAt(a.text.length - 1)) && end < h.length && isTermChar(h.charCodeAt(end))) return false;
  return true;
}
