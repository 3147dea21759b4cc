import { LineCarry } from './line-carry.js';

/** Lines that hold at least one needle; `lineNumbers[i]` is the 1-based number of `lines[i]`. */
export interface SparseLineBlock {
  lines: string[];
  lineNumbers: number[];
}

export interface NeedleLineOptions {
  /**
   * RFC 4180 input: a unit is a record line (line breaks inside quoted fields do not split it),
   * and `lineNumbers` count physical lines. Quotes open a quoted field only at a field's start and
   * `""` inside one is an escaped quote, exactly as csv-parser.ts reads them.
   */
  csvQuotes?: boolean;
  /** Always keep the units up to the first non-blank one (a CSV header). */
  keepHeader?: boolean;
  /** Checks every unit that holds no form (see SkippedUnitCheck); without it they are dropped unseen. */
  check?: SkippedUnitCheck;
  /**
   * CSV read in byte ranges (parallel/): the input is a range that another one continues, so an
   * unfinished record at its end (a quoted field still open at the last line break) is not
   * read but handed here, with its byte length and line breaks, for the consumer to re-read it.
   */
  onOpenTail?: (bytes: number, lineBreaks: number) => void;
}

/**
 * The reader's check of the units the prefilter skips, so that skipping stays unobservable: a
 * skipped record is still checked for malformation, counted and seen for the Timestamp range.
 * `accepts` looks at the raw bytes (no decoding); false hands the unit to the reader like a
 * candidate, whose full parse then reports (or builds) it exactly as without the prefilter.
 */
export interface SkippedUnitCheck {
  /**
   * The unit `b[start, end)` (line break excluded) needs nothing beyond what this check did. The
   * units of one run come in order with the same `b`, which does not change meanwhile (a check
   * may keep what it derived from `b` for the next units), and `b[end]` is the unit's line break
   * whenever it has one.
   */
  accepts(b: Uint8Array, start: number, end: number): boolean;
  /** A unit kept whatever its text (the header and the blank lines before it), in order, before any `accepts`. */
  kept?(text: string): void;
}

/**
 * Splits UTF-8 bytes into lines (LF or CRLF) and decodes only the lines whose lower-cased text
 * holds one of `forms` (lower-cased ASCII). Shaped for speed: the skipped lines are the bulk of
 * the input, so they are never decoded, sliced or lowered one by one.
 *
 * Per run of about 64 KiB of complete lines, a few keys shared by the forms (`/systemd` for all six
 * systemd unit directories) are looked for as folded bytes: a byte matches a key byte when both
 * are equal after `| 0x20`, which maps an ASCII letter of either case to its lower case, so a line
 * holding a form in any letter case holds that form's folded key; other bytes may fold onto them
 * too, which only costs a needless test. A hit line is decoded and tested exactly (`toLowerCase`,
 * then `includes` of each form). The one non-ASCII character whose lowering is ASCII, KELVIN SIGN
 * (`k`), is a key of its own when a form holds `k`.
 *
 * Why it is shaped so: a JavaScript loop over every byte (folding the run) cost as much as the
 * search itself, while `Buffer.indexOf` of one byte is memchr. So each key is found by its rarest
 * byte (its anchor, by the byte counts of the first run), both raw bytes that fold onto it searched
 * with `indexOf`, and only there the key's other bytes are compared folded: the same lines are
 * hit as by searching the folded run for the folded key, at a fraction of the bytes touched in
 * JavaScript.
 */
export async function* needleLineBlocks(
  bytes: AsyncIterable<Uint8Array>,
  forms: readonly string[],
  options: NeedleLineOptions = {},
): AsyncGenerator<SparseLineBlock> {
  const keys = coverKeys(forms).map(foldedBytes);
  if (forms.some((f) => f.includes('k'))) keys.push(foldedBytes('\u212A'));
  const finder = new RunScanner(forms, keys, options.keepHeader === true, options.check);
  const csv = options.csvQuotes === true;
  // The unfinished line, copied (a chunk may be reused once the next one is read) into one reused buffer.
  const carry = new LineCarry();
  let lineNo = 1;
  for await (const b of bytes) {
    const chunk = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    let start = 0;
    while (start < chunk.length) {
      const limit = start + SEGMENT;
      let nl = limit >= chunk.length ? chunk.lastIndexOf(LF) : chunk.lastIndexOf(LF, limit);
      if (nl < start) nl = chunk.indexOf(LF, limit);
      if (nl < start) {
        carry.append(chunk.subarray(start));
        break;
      }
      let run = carry.size > 0 ? carry.join(chunk.subarray(start, nl + 1)) : chunk.subarray(start, nl + 1);
      start = nl + 1;
      let units: Int32Array | undefined;
      let open: Buffer | undefined;
      if (csv) {
        // A line break inside a quoted field does not end a record: cut after the last one outside.
        units = csvRecordBreaks(run);
        const last = units.length > 0 ? units[units.length - 1]! : -1;
        if (last < run.length - 1) {
          open = run.subarray(last + 1);
          run = run.subarray(0, last + 1);
        }
      }
      const block = run.length > 0 ? finder.scan(run, lineNo, units) : undefined;
      // After the scan: `open` may share the carry's buffer with `run`.
      if (open !== undefined) carry.append(open);
      if (block === undefined) continue;
      lineNo += block.count;
      if (block.lines.length > 0) yield block;
    }
  }
  if (carry.size > 0 && options.onOpenTail !== undefined) {
    const tail = carry.join(new Uint8Array(0));
    options.onOpenTail(tail.length, lineBreaks(tail).length);
  } else if (carry.size > 0) {
    const run = carry.join(Buffer.of(LF));
    let units: Int32Array | undefined;
    if (csv) {
      // An unterminated quoted field runs to the end of the input.
      units = csvRecordBreaks(run);
      if (units.length === 0 || units[units.length - 1] !== run.length - 1) units = Int32Array.from([...units, run.length - 1]);
    }
    const block = finder.scan(run, lineNo, units);
    if (block.lines.length > 0) yield block;
  }
}

/**
 * CSV read whole in a byte range that another one continues (parallel/): the bytes up to each
 * chunk's last complete record; the record still open at the end (a quoted field holding the line
 * break the range was cut at) goes to `onOpenTail` instead, as needleLineBlocks does with the same
 * option, and the consumer reads the rest of the file from it. A yielded run is a view of the
 * chunk or of the carry's buffer, valid until the next one is asked for.
 */
export async function* csvWholeRecords(bytes: AsyncIterable<Uint8Array>, onOpenTail: (bytes: number, lineBreaks: number) => void): AsyncGenerator<Uint8Array> {
  const carry = new LineCarry();
  for await (const b of bytes) {
    const run = carry.size > 0 ? carry.join(b) : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    const breaks = csvRecordBreaks(run);
    const last = breaks.length === 0 ? -1 : breaks[breaks.length - 1]!;
    if (last >= 0) yield run.subarray(0, last + 1);
    // After the yield: the consumer is done with the run; its unfinished record is copied (the
    // chunk may be reused, and the run may be the carry's own buffer).
    carry.append(run.subarray(last + 1));
  }
  if (carry.size > 0) {
    const tail = carry.join(new Uint8Array(0));
    onOpenTail(tail.length, countLineBreaks(tail, 0, tail.length));
  }
}

/** LFs in `b[from, to)`. */
export function countLineBreaks(b: Uint8Array, from: number, to: number): number {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const SEGMENT = 64 * 1024;
const KEY_LENGTH = 8;

class RunScanner {
  /** Per key, the index of its anchor byte; chosen from the first run's byte counts. */
  private anchors: Int32Array | undefined;
  // Keeps a byte-order mark inside the text (only the file's first one is dropped, as textChunks does).
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  private headerPending: boolean;
  /** scan()'s marks, reused: an off-heap array per run would pile up like the chunks (line-carry.ts). */
  private markScratch = new Uint8Array(1024);

  constructor(
    private readonly forms: readonly string[],
    /** Folded keys (every byte `| 0x20`). */
    private readonly keys: readonly Buffer[],
    keepHeader: boolean,
    private readonly check: SkippedUnitCheck | undefined,
  ) {
    this.headerPending = keepHeader;
  }

  /**
   * Candidate lines of `run`, complete lines each ending in LF; with a check, also the units it
   * does not accept, in unit order (so a strict reader stops at the same first bad record).
   */
  scan(run: Buffer, firstLine: number, unitBreaks?: Int32Array): SparseLineBlock & { count: number } {
    const physical = lineBreaks(run);
    const breaks = unitBreaks ?? physical;
    // Per unit: 0 no key, 1 a key (test the forms), 2 kept without a form (header, blank lines before it).
    if (this.markScratch.length < breaks.length) this.markScratch = new Uint8Array(breaks.length * 2);
    const marks = this.markScratch.subarray(0, breaks.length).fill(0);
    for (let k = 0; this.headerPending && k < breaks.length; k++) {
      marks[k] = 2;
      if (!isBlank(run, k === 0 ? 0 : breaks[k - 1]! + 1, breaks[k]!)) this.headerPending = false;
    }
    const anchors = this.anchors ?? (this.anchors = chooseAnchors(this.keys, run));
    let hits = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      const j = anchors[i]!;
      const last = run.length - key.length + j;
      // The two raw bytes that fold onto the anchor (an ASCII letter's two cases).
      for (const raw of [key[j]! & 0xdf, key[j]!]) {
        let from = j;
        for (;;) {
          const at = run.indexOf(raw, from);
          if (at < 0 || at > last) break;
          if (!foldedAt(run, at - j, key)) {
            from = at + 1;
            continue;
          }
          const k = lineOf(breaks, at - j);
          if (marks[k] === 0) {
            marks[k] = 1;
            hits++;
          }
          // The rest of this unit is decided.
          from = breaks[k]! + 1 + j;
        }
      }
    }
    const lines: string[] = [];
    const lineNumbers: number[] = [];
    const check = this.check;
    const count = physical.length;
    if (check === undefined && hits === 0 && marks[0] !== 2) return { lines, lineNumbers, count };
    for (let k = 0; k < breaks.length; k++) {
      const mark = marks[k]!;
      if (mark === 0 && check === undefined) continue;
      let start = k === 0 ? 0 : breaks[k - 1]! + 1;
      let end = breaks[k]!;
      if (end > start && run[end - 1] === CR) end--;
      if (mark === 0 && check!.accepts(run, start, end)) continue;
      const lineNumber = firstLine + (breaks === physical ? k : lineOf(physical, start));
      if (lineNumber === 1 && run[0] === 0xef && run[1] === 0xbb && run[2] === 0xbf) start = 3;
      const text = this.decoder.decode(run.subarray(start, end));
      if (mark === 1) {
        const lower = text.toLowerCase();
        if (!this.forms.some((f) => lower.includes(f)) && (check === undefined || check.accepts(run, start, end))) continue;
      } else if (mark === 2) {
        check?.kept?.(text);
      }
      lines.push(text);
      lineNumbers.push(lineNumber);
    }
    return { lines, lineNumbers, count };
  }
}

/** Whether `b[at, at + key.length)` folded (`| 0x20`) is the folded `key`. */
function foldedAt(b: Uint8Array, at: number, key: Uint8Array): boolean {
  for (let m = 0; m < key.length; m++) if ((b[at + m]! | 0x20) !== key[m]) return false;
  return true;
}

/**
 * Per folded key, the index of the byte whose two raw forms are rarest in `sample` (the first
 * run; its first 16 KiB are counted): the fewer anchor hits, the fewer keys compared. Any choice
 * finds the same lines.
 */
function chooseAnchors(keys: readonly Buffer[], sample: Uint8Array): Int32Array {
  const counts = new Uint32Array(256);
  for (let i = 0, n = Math.min(sample.length, 16384); i < n; i++) counts[sample[i]!]!++;
  return Int32Array.from(keys, (key) => {
    let best = 0;
    let bestCount = Infinity;
    for (let j = 0; j < key.length; j++) {
      const n = counts[key[j]! & 0xdf]! + counts[key[j]!]!;
      if (n < bestCount) {
        best = j;
        bestCount = n;
      }
    }
    return best;
  });
}

function foldedBytes(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  for (let i = 0; i < b.length; i++) b[i] = b[i]! | 0x20;
  return b;
}

/** Scratch for lineBreaks, grown as needed (one run's breaks are used before the next run's are found). */
let breakScratch = new Int32Array(1024);

/**
 * Positions of the LFs of `run`, in one pass (each `indexOf` is a native call: counting first and
 * filling after was two). The result is a view of a shared scratch array, valid until the next call.
 */
function lineBreaks(run: Buffer): Int32Array {
  let out = breakScratch;
  let n = 0;
  for (let i = run.indexOf(LF); i >= 0; i = run.indexOf(LF, i + 1)) {
    if (n === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = breakScratch = grown;
    }
    out[n++] = i;
  }
  return out.subarray(0, n);
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

/**
 * Positions of the line breaks of `run` (which starts at a record start) that end a record: those
 * outside quoted fields. As csv-parser.ts reads RFC 4180: a quote opens a quoted field only at a
 * field's start (after `,`, an LF, or at the start), `""` inside it is a quote, and after the
 * closing quote everything up to the next `,` or line end is plain text.
 */
export function csvRecordBreaks(run: Buffer): Int32Array {
  const out: number[] = [];
  let pos = 0;
  for (;;) {
    const q = run.indexOf(QUOTE, pos);
    const end = q < 0 ? run.length : q;
    for (let i = run.indexOf(LF, pos); i >= 0 && i < end; i = run.indexOf(LF, i + 1)) out.push(i);
    if (q < 0) break;
    const prev = q === 0 ? LF : run[q - 1];
    // After CRLF the previous byte is LF; a lone CR is text (csv-parser.ts), so no field starts after it.
    if (prev !== COMMA && prev !== LF) {
      pos = q + 1;
      continue;
    }
    let j = q + 1;
    for (;;) {
      const c = run.indexOf(QUOTE, j);
      if (c < 0) return Int32Array.from(out);
      if (run[c + 1] === QUOTE) {
        j = c + 2;
        continue;
      }
      pos = c + 1;
      break;
    }
  }
  return Int32Array.from(out);
}

function isBlank(run: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = run[i];
    if (c !== 32 && c !== 9 && c !== CR) return false;
  }
  return true;
}
