/** Lines that hold at least one needle; `lineNumbers[i]` is the 1-based number of `lines[i]`. */
export interface SparseLineBlock {
  lines: string[];
  lineNumbers: number[];
}

/**
 * Splits UTF-8 bytes into lines (LF or CRLF) and decodes only the lines whose lower-cased text
 * holds one of `forms` (lower-cased ASCII). Shaped for speed: the skipped lines are the bulk of
 * the input, so they are never decoded, sliced or lowered one by one.
 *
 * Per run of about 64 KiB of complete lines: the bytes are folded with `| 0x20` (four at a time),
 * which maps an ASCII letter of either case to its lower case, so a line holding a form in any
 * letter case holds that form's folded bytes; other bytes may fold onto them too, which only
 * costs a needless test. A few short keys shared by the forms (`/systemd` for all six systemd unit
 * directories) are found with `Buffer.indexOf` over the folded run, one pass per key; a hit line
 * is decoded and tested exactly (`toLowerCase`, then `includes` of each form). The one non-ASCII
 * character whose lowering is ASCII, KELVIN SIGN (`k`), is a key of its own when a form holds `k`.
 */
export async function* needleLineBlocks(bytes: AsyncIterable<Uint8Array>, forms: readonly string[]): AsyncGenerator<SparseLineBlock> {
  const keys = coverKeys(forms).map(foldedBytes);
  if (forms.some((f) => f.includes('k'))) keys.push(foldedBytes('\u212A'));
  const finder = new RunScanner(forms, keys);
  let carry: Buffer = EMPTY;
  let lineNo = 1;
  for await (const b of bytes) {
    const chunk = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    let start = 0;
    while (start < chunk.length) {
      const limit = start + SEGMENT;
      let nl = limit >= chunk.length ? chunk.lastIndexOf(LF) : chunk.lastIndexOf(LF, limit);
      if (nl < start) nl = chunk.indexOf(LF, limit);
      if (nl < start) {
        carry = Buffer.concat([carry, chunk.subarray(start)]);
        break;
      }
      const run = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(start, nl + 1)]) : chunk.subarray(start, nl + 1);
      carry = EMPTY;
      start = nl + 1;
      const block = finder.scan(run, lineNo);
      lineNo += block.count;
      if (block.lines.length > 0) yield block;
    }
  }
  if (carry.length > 0) {
    const block = finder.scan(Buffer.concat([carry, Buffer.of(LF)]), lineNo);
    if (block.lines.length > 0) yield block;
  }
}

const LF = 10;
const EMPTY = Buffer.alloc(0);
const SEGMENT = 64 * 1024;
const KEY_LENGTH = 8;

class RunScanner {
  private scratch = Buffer.allocUnsafeSlow(SEGMENT + 8);
  private words = new Uint32Array(this.scratch.buffer, 0, this.scratch.length >>> 2);
  // Keeps a byte-order mark inside the text (only the file's first one is dropped, as textChunks does).
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(
    private readonly forms: readonly string[],
    private readonly keys: readonly Buffer[],
  ) {}

  /** Candidate lines of `run`, complete lines each ending in LF. */
  scan(run: Buffer, firstLine: number): SparseLineBlock & { count: number } {
    const folded = this.fold(run);
    const breaks = lineBreaks(run);
    const hitLines: number[] = [];
    const seen = new Set<number>();
    for (const key of this.keys) {
      let from = 0;
      for (;;) {
        const at = folded.indexOf(key, from);
        if (at < 0) break;
        const k = lineOf(breaks, at);
        if (!seen.has(k)) {
          seen.add(k);
          hitLines.push(k);
        }
        // The rest of this line is decided.
        from = breaks[k]! + 1;
      }
    }
    hitLines.sort((a, b) => a - b);
    const lines: string[] = [];
    const lineNumbers: number[] = [];
    for (const k of hitLines) {
      let start = k === 0 ? 0 : breaks[k - 1]! + 1;
      let end = breaks[k]!;
      if (end > start && run[end - 1] === 13) end--;
      if (firstLine + k === 1 && run[0] === 0xef && run[1] === 0xbb && run[2] === 0xbf) start = 3;
      const text = this.decoder.decode(run.subarray(start, end));
      const lower = text.toLowerCase();
      if (!this.forms.some((f) => lower.includes(f))) continue;
      lines.push(text);
      lineNumbers.push(firstLine + k);
    }
    return { lines, lineNumbers, count: breaks.length };
  }

  /** `run` with every byte OR 0x20, in a reused buffer (a view of the run's length). */
  private fold(run: Buffer): Buffer {
    if (run.length + 4 > this.scratch.length) {
      this.scratch = Buffer.allocUnsafeSlow(run.length + 8);
      this.words = new Uint32Array(this.scratch.buffer, 0, this.scratch.length >>> 2);
    }
    run.copy(this.scratch, 0);
    const w = this.words;
    const n = (run.length + 3) >>> 2;
    for (let i = 0; i < n; i++) w[i] = w[i]! | 0x20202020;
    return this.scratch.subarray(0, run.length);
  }
}

function foldedBytes(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  for (let i = 0; i < b.length; i++) b[i] = b[i]! | 0x20;
  return b;
}

function lineBreaks(run: Buffer): Int32Array {
  let n = 0;
  for (let i = run.indexOf(LF); i >= 0; i = run.indexOf(LF, i + 1)) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let i = run.indexOf(LF); i >= 0; i = run.indexOf(LF, i + 1)) out[n++] = i;
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
