import { textOf } from './event-cursor.js';
import { IntRecords } from './int-records.js';

/** Arena chunk size; a longer text gets a chunk of its own. */
const CHUNK = 1 << 20;
const CHUNK_OF = 0;
const START = 1;
const LENGTH = 2;
/** Ids from here on are texts with lone surrogates, kept as JS strings (see `intern`). */
const ODD = 1 << 30;
/** A lone surrogate (which UTF-8 cannot carry). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Each distinct text once, as UTF-8 in an off-heap byte arena, under a small integer id; an
 * open-addressing index on the bytes finds a text's id without a JS string per text, and from a
 * byte range of an input line without building one (`findBytes`). This is what keeps the process
 * table at ~100 bytes a process: the table holds ids, and repeated texts (hashes, users, parent
 * file names, host names) are stored once.
 *
 * Exactness: a text is stored as the UTF-8 encoding of its string, which gives the same string
 * back. Bytes found by `findBytes` are compared as they are only when they are ASCII (then they
 * are that encoding); other bytes are decoded first, as the event cursor decodes them (a broken
 * sequence becomes U+FFFD), so two byte forms of one string find the same id. A string with a
 * lone surrogate (possible through `&#xD800;` on the string path) has no UTF-8 form: such texts
 * are kept apart as strings.
 */
export class TextStore {
  private readonly chunks: Buffer[] = [];
  private fill = CHUNK;
  private readonly texts = new IntRecords(3);
  /** Open addressing: text id + 1 per slot, 0 when empty; at most half full. */
  private table = new Int32Array(1024);
  private mask = 1023;
  private readonly odd: string[] = [];
  private readonly oddIds = new Map<string, number>();
  private scratch = Buffer.alloc(1024);

  get size(): number {
    return this.texts.length + this.odd.length;
  }

  /** The id of `s`, stored now if new. */
  intern(s: string): number {
    const n = this.encode(s);
    return n < 0 ? this.internOdd(s) : this.internBytes(this.scratch, 0, n);
  }

  /** The id of `s`, or -1 when it was never stored. */
  find(s: string): number {
    const n = this.encode(s);
    if (n < 0) return this.oddIds.get(s) ?? -1;
    return this.probe(this.scratch, 0, n, hashBytes(this.scratch, 0, n));
  }

  /** The id of the text the cursor decodes from `buf[from, to)`, or -1. */
  findBytes(buf: Uint8Array, from: number, to: number): number {
    const h = hashAscii(buf, from, to);
    return h < 0 ? this.find(textOf(buf as Buffer, from, to)) : this.probe(buf, from, to, h);
  }

  /** The id of that text trimmed (as `EventCursor.computer()`), or -1. */
  findTrimmedBytes(buf: Uint8Array, from: number, to: number): number {
    if (to > from && (isAsciiBlank(buf[from]!) || isAsciiBlank(buf[to - 1]!))) {
      return this.find(textOf(buf as Buffer, from, to).trim());
    }
    // Non-ASCII bytes (which may hold a Unicode blank at either end) go the string way.
    const h = hashAscii(buf, from, to);
    return h < 0 ? this.find(textOf(buf as Buffer, from, to).trim()) : this.probe(buf, from, to, h);
  }

  /** The id of a text given as bytes that are the UTF-8 form of its string, stored now if new. */
  internBytes(buf: Uint8Array, from: number, to: number): number {
    const h = hashBytes(buf, from, to);
    const known = this.probe(buf, from, to, h);
    if (known >= 0) return known;
    const n = to - from;
    if (this.fill + n > CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK, n)));
      this.fill = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.set(buf.subarray(from, to), this.fill);
    const id = this.texts.append();
    this.texts.set(id, CHUNK_OF, chunk);
    this.texts.set(id, START, this.fill);
    this.texts.set(id, LENGTH, n);
    this.fill += n;
    let i = h & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = id + 1;
    if (this.texts.length * 2 > this.mask + 1) this.grow();
    return id;
  }

  text(id: number): string {
    if (id >= ODD) return this.odd[id - ODD]!;
    const chunk = this.chunks[this.texts.get(id, CHUNK_OF)]!;
    const start = this.texts.get(id, START);
    return chunk.toString('utf8', start, start + this.texts.get(id, LENGTH));
  }

  /**
   * `v !== '' && needles.some((n) => v.toLowerCase().includes(n))` for the text `v` of `id`, with
   * `needles` lower-cased printable ASCII. An ASCII text is searched on its bytes, folding A-Z
   * (what toLowerCase does to ASCII); any other text through its string, since toLowerCase may
   * turn a non-ASCII letter into ASCII ones (`İ` -> `i̇`, the Kelvin sign -> `k`).
   */
  holdsNeedle(id: number, needles: LowerNeedles): boolean {
    if (id >= ODD) return holdsInString(this.odd[id - ODD]!, needles);
    const chunk = this.chunks[this.texts.get(id, CHUNK_OF)]!;
    const start = this.texts.get(id, START);
    const end = start + this.texts.get(id, LENGTH);
    if (start === end) return false;
    for (let i = start; i < end; i++) {
      if (chunk[i]! >= 0x80) return holdsInString(chunk.toString('utf8', start, end), needles);
    }
    for (const n of needles.bytes) if (foldedIndexOf(chunk, start, end, n)) return true;
    return false;
  }

  /** The UTF-8 form of `s` in the scratch buffer: its length, or -1 when `s` has a lone surrogate. */
  private encode(s: string): number {
    if (this.scratch.length < s.length * 3) this.scratch = Buffer.alloc(s.length * 3);
    // `write` would put U+FFFD for a lone surrogate: such strings are set apart.
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) >= 0xd800) {
        if (LONE_SURROGATE.test(s)) return -1;
        break;
      }
    }
    return this.scratch.write(s, 0, 'utf8');
  }

  private internOdd(s: string): number {
    let id = this.oddIds.get(s);
    if (id === undefined) {
      id = ODD + this.odd.length;
      this.odd.push(s);
      this.oddIds.set(s, id);
    }
    return id;
  }

  private probe(buf: Uint8Array, from: number, to: number, h: number): number {
    const n = to - from;
    let i = h & this.mask;
    for (;;) {
      const slot = this.table[i]!;
      if (slot === 0) return -1;
      const id = slot - 1;
      if (this.texts.get(id, LENGTH) === n && this.sameBytes(id, buf, from, n)) return id;
      i = (i + 1) & this.mask;
    }
  }

  private sameBytes(id: number, buf: Uint8Array, from: number, n: number): boolean {
    const chunk = this.chunks[this.texts.get(id, CHUNK_OF)]!;
    const start = this.texts.get(id, START);
    for (let k = 0; k < n; k++) if (chunk[start + k] !== buf[from + k]) return false;
    return true;
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.texts.length; id++) {
      const chunk = this.chunks[this.texts.get(id, CHUNK_OF)]!;
      const start = this.texts.get(id, START);
      let i = hashBytes(chunk, start, start + this.texts.get(id, LENGTH)) & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = id + 1;
    }
  }
}

/** FNV-1a over the bytes, as a non-negative 31-bit number. */
function hashBytes(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 1;
}

/** hashBytes, or -1 when a byte is not ASCII. */
function hashAscii(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  let high = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    high |= c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return high >= 0x80 ? -1 : h >>> 1;
}

function isAsciiBlank(c: number): boolean {
  // What String#trim removes within ASCII: tab, LF, VT, FF, CR, space.
  return c === 32 || (c >= 9 && c <= 13);
}

/** Needles for `holdsNeedle`: lower-cased printable ASCII, as strings and as bytes. */
export class LowerNeedles {
  readonly bytes: readonly Uint8Array[];
  constructor(readonly texts: readonly string[]) {
    this.bytes = texts.map((t) => Buffer.from(t, 'latin1'));
  }
}

function holdsInString(v: string, needles: LowerNeedles): boolean {
  if (v === '') return false;
  const lower = v.toLowerCase();
  return needles.texts.some((n) => lower.includes(n));
}

/** Whether ASCII `needle` (lower case) occurs in ASCII `buf[from, to)` with A-Z read as a-z. */
function foldedIndexOf(buf: Uint8Array, from: number, to: number, needle: Uint8Array): boolean {
  const m = needle.length;
  for (let i = from; i + m <= to; i++) {
    let k = 0;
    while (k < m) {
      const c = buf[i + k]!;
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== needle[k]) break;
      k++;
    }
    if (k === m) return true;
  }
  return false;
}
