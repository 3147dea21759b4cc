/** Lines that hold at least one needle; `lineNumbers[i]` is the 1-based number of `lines[i]`. */
export interface SparseLineBlock {
  lines: string[];
  lineNumbers: number[];
}

/**
 * Splits text chunks into lines (LF or CRLF) and keeps only the lines whose lower-cased text holds
 * one of `forms` (already lower-cased). Shaped for speed: the skipped lines are the bulk of the
 * input, so they are never sliced out nor lowered one by one. Each run of complete lines is
 * lowered once (one native pass); a few short keys shared by the forms (`systemd/` for all six
 * systemd unit directories) are found with `indexOf` over the whole run, one pass per key rather
 * than per form; a key hit is mapped to its line by binary search over the run's line breaks
 * (lowering never adds or removes a line break, though it may change the length, so breaks are
 * located in both texts) and only that line is tested for the full forms.
 */
export async function* needleLineBlocks(chunks: AsyncIterable<string>, forms: readonly string[]): AsyncGenerator<SparseLineBlock> {
  const keys = coverKeys(forms);
  let carry = '';
  let lineNo = 1;
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      // Runs of about SEGMENT units: lowering a 1 MiB string costs several times more per byte
      // than lowering 64 KiB ones (cache and large-object allocation).
      const limit = start + SEGMENT;
      let nl = limit >= chunk.length ? chunk.lastIndexOf('\n') : chunk.lastIndexOf('\n', limit);
      if (nl < start) nl = chunk.indexOf('\n', limit);
      if (nl < start) {
        carry += start === 0 ? chunk : chunk.slice(start);
        break;
      }
      const text = carry + chunk.slice(start, nl + 1);
      carry = '';
      start = nl + 1;
      const block = candidates(text, forms, keys, lineNo);
      lineNo += block.count;
      if (block.lines.length > 0) yield block;
    }
  }
  if (carry.length > 0) {
    const block = candidates(carry + '\n', forms, keys, lineNo);
    if (block.lines.length > 0) yield block;
  }
}

/** Candidate lines of `text`, a run of complete lines each ending in `\n`. */
function candidates(text: string, forms: readonly string[], keys: readonly string[], firstLine: number): SparseLineBlock & { count: number } {
  const lower = text.toLowerCase();
  const breaks = lineBreaks(text);
  const lowerBreaks = lower.length === text.length ? breaks : lineBreaks(lower);
  const count = breaks.length;
  // 0: not looked at, 1: holds a form, 2: tested, holds none.
  const hit = new Uint8Array(count);
  for (const key of keys) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(key, from);
      if (at < 0) break;
      const k = lineOf(lowerBreaks, at);
      if (hit[k] === 0) {
        const line = lower.slice(k === 0 ? 0 : lowerBreaks[k - 1]! + 1, lowerBreaks[k]!);
        hit[k] = forms.some((f) => line.includes(f)) ? 1 : 2;
      }
      // The rest of this line is decided.
      from = lowerBreaks[k]! + 1;
    }
  }
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  for (let k = 0; k < count; k++) {
    if (hit[k] !== 1) continue;
    const start = k === 0 ? 0 : breaks[k - 1]! + 1;
    let end = breaks[k]!;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    lines.push(text.slice(start, end));
    lineNumbers.push(firstLine + k);
  }
  return { lines, lineNumbers, count };
}

function lineBreaks(s: string): Int32Array {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) out[n++] = i;
  return out;
}

/** Index of the line holding position `at`: the first break at or after it. */
function lineOf(breaks: Int32Array, at: number): number {
  let lo = 0;
  let hi = breaks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const KEY_LENGTH = 8;
const SEGMENT = 64 * 1024;

/**
 * Keys such that every form contains one of them (greedy set cover over the forms' substrings of
 * KEY_LENGTH, or of the whole form when shorter): a line holding a form holds a key.
 */
export function coverKeys(forms: readonly string[]): string[] {
  const keys: string[] = [];
  let left = forms.filter((f) => f.length > 0);
  while (left.length > 0) {
    const counts = new Map<string, number>();
    for (const f of left) {
      const l = Math.min(f.length, KEY_LENGTH);
      const seen = new Set<string>();
      for (let i = 0; i + l <= f.length; i++) seen.add(f.slice(i, i + l));
      for (const sub of seen) counts.set(sub, (counts.get(sub) ?? 0) + 1);
    }
    let best = left[0]!;
    let bestCount = 0;
    for (const [sub, n] of counts) {
      if (n > bestCount) {
        best = sub;
        bestCount = n;
      }
    }
    keys.push(best);
    left = left.filter((f) => !f.includes(best));
  }
  return keys;
}
