import { IntRecords } from './int-records.js';

/** Arena chunk size (2^CHUNK_BITS); a longer text gets a chunk of its own. */
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
/** A text's place: chunk << CHUNK_BITS | start, so at most 2^11 chunks (2 GiB and more). */
const MAX_CHUNKS = 1 << (31 - CHUNK_BITS);
const PLACE = 0;
const LENGTH = 1;
/** Ids from here on are decimal numbers (ProcessIds), the number being id - INLINE. */
const INLINE = 1 << 29;
/** Ids from here on are texts with lone surrogates, kept as JS strings (see `intern`). */
const ODD = 1 << 30;
/** A lone surrogate (which UTF-8 cannot carry). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** First byte of a packed GUID: never the first byte of UTF-8 text. */
const PACKED_GUID = 0xff;
const PACKED_GUID_LENGTH = 17;
const GUID_LENGTH = 38;

/**
 * Each distinct text once, as UTF-8 in an off-heap byte arena, under a small integer id; an
 * open-addressing index on the bytes finds a text's id without a JS string per text. This is
 * what keeps the process table near 150 bytes a process: the table holds ids, and repeated texts
 * (hashes, users, parent file names, host names, command lines) are stored once.
 *
 * The texts of each process are its ids, so they are stored compactly: a ProcessId written as a
 * plain decimal number is its id (INLINE + n, no storage), and a ProcessGuid in Sysmon's form
 * (`{` 8-4-4-4-12 lower-case hex `}`) is stored as 0xFF and its 16 bytes (UTF-8 text never starts
 * with 0xFF). Both give back the very same string.
 *
 * Exactness: other texts are stored as the UTF-8 encoding of their string, which gives the same
 * string back. A string with a lone surrogate (possible through `&#xD800;` on the string path) has no UTF-8 form: such
 * texts are kept apart as strings.
 */
export class TextStore {
  private readonly chunks: Buffer[] = [];
  private fill = CHUNK;
  private readonly texts = new IntRecords(2);
  /** Open addressing: text id + 1 per slot, 0 when empty; at most half full. */
  private table = new Int32Array(1024);
  private mask = 1023;
  private readonly odd: string[] = [];
  private readonly oddIds = new Map<string, number>();
  private scratch = Buffer.alloc(1024);
  private readonly packed = Buffer.alloc(PACKED_GUID_LENGTH);

  /** Texts in the arena; their ids are 0 to count - 1 (others are inline numbers or odd texts). */
  get count(): number {
    return this.texts.length;
  }

  /** The id of `s`, stored now if new. */
  intern(s: string): number {
    const n = this.encode(s);
    return n < 0 ? this.internOdd(s) : this.idOf(this.scratch, 0, n, true);
  }

  /** The id of `s`, or -1 when it was never stored (a number written plainly always has its id). */
  find(s: string): number {
    const n = this.encode(s);
    if (n < 0) return this.oddIds.get(s) ?? -1;
    return this.idOf(this.scratch, 0, n, false);
  }

  text(id: number): string {
    if (id >= ODD) return this.odd[id - ODD]!;
    if (id >= INLINE) return String(id - INLINE);
    const place = this.texts.get(id, PLACE);
    const chunk = this.chunks[place >>> CHUNK_BITS]!;
    const start = place & (CHUNK - 1);
    const end = start + this.texts.get(id, LENGTH);
    if (end - start === PACKED_GUID_LENGTH && chunk[start] === PACKED_GUID) return unpackGuid(chunk, start);
    return chunk.toString('utf8', start, end);
  }

  /**
   * `v !== '' && needles.some((n) => v.toLowerCase().includes(n))` for the text `v` of `id`, with
   * `needles` lower-cased printable ASCII. An ASCII text is searched on its bytes, folding A-Z
   * (what toLowerCase does to ASCII); any other text through its string, since toLowerCase may
   * turn a non-ASCII letter into ASCII ones (`İ` -> `i̇`, the Kelvin sign -> `k`).
   */
  holdsNeedle(id: number, needles: LowerNeedles): boolean {
    if (id >= INLINE) return holdsInString(this.text(id), needles);
    const place = this.texts.get(id, PLACE);
    const chunk = this.chunks[place >>> CHUNK_BITS]!;
    const start = place & (CHUNK - 1);
    const end = start + this.texts.get(id, LENGTH);
    if (start === end) return false;
    if (!isAscii(chunk, start, end)) return holdsInString(this.text(id), needles);
    for (const n of needles.bytes) if (foldedIndexOf(chunk, start, end, n)) return true;
    return false;
  }

  /** The id of the text whose UTF-8 form is `buf[from, to)`; stored now if new and `store`, else -1. */
  private idOf(buf: Uint8Array, from: number, to: number, store: boolean): number {
    const n = decimalValue(buf, from, to);
    if (n >= 0) return INLINE + n;
    if (to - from === GUID_LENGTH && packGuid(buf, from, this.packed)) {
      buf = this.packed;
      from = 0;
      to = PACKED_GUID_LENGTH;
    }
    const h = hashBytes(buf, from, to);
    const known = this.probe(buf, from, to, h);
    return known >= 0 || !store ? known : this.append(buf, from, to, h);
  }

  private append(buf: Uint8Array, from: number, to: number, h: number): number {
    const n = to - from;
    if (this.fill + n > CHUNK) {
      if (this.chunks.length === MAX_CHUNKS) throw new Error('sysmon process table: more than 2 GiB of distinct process texts');
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK, n)));
      this.fill = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.set(buf.subarray(from, to), this.fill);
    const id = this.texts.append();
    this.texts.set(id, PLACE, (chunk << CHUNK_BITS) | this.fill);
    this.texts.set(id, LENGTH, n);
    // A chunk of its own is full.
    this.fill = n > CHUNK ? CHUNK : this.fill + n;
    let i = h & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = id + 1;
    if (this.texts.length * 2 > this.mask + 1) this.grow();
    return id;
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
    const place = this.texts.get(id, PLACE);
    const chunk = this.chunks[place >>> CHUNK_BITS]!;
    const start = place & (CHUNK - 1);
    for (let k = 0; k < n; k++) if (chunk[start + k] !== buf[from + k]) return false;
    return true;
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.texts.length; id++) {
      const place = this.texts.get(id, PLACE);
      const start = place & (CHUNK - 1);
      let i = hashBytes(this.chunks[place >>> CHUNK_BITS]!, start, start + this.texts.get(id, LENGTH)) & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = id + 1;
    }
  }
}

/** The value of a decimal number written plainly (no sign, no leading zero) below INLINE, else -1. */
function decimalValue(buf: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 9 || (buf[from] === 48 && n > 1)) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v < INLINE ? v : -1;
}

/** Lower-case hex digit values by byte, -1 for anything else. */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let c = 0; c < 16; c++) HEX_VALUE['0123456789abcdef'.charCodeAt(c)] = c;
/** In `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`, the offset of each byte's two digits. */
const GUID_DIGITS = [1, 3, 5, 7, 10, 12, 15, 17, 20, 22, 25, 27, 29, 31, 33, 35];

/**
 * Packs `buf[from, from + 38)` into `out` (0xFF and 16 bytes) when it is a GUID in Sysmon's form,
 * `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` in lower-case hex; false otherwise (out then garbage).
 */
function packGuid(buf: Uint8Array, from: number, out: Uint8Array): boolean {
  if (buf[from] !== 123 || buf[from + 37] !== 125) return false;
  if (buf[from + 9] !== 45 || buf[from + 14] !== 45 || buf[from + 19] !== 45 || buf[from + 24] !== 45) return false;
  out[0] = PACKED_GUID;
  for (let o = 0; o < 16; o++) {
    const p = from + GUID_DIGITS[o]!;
    const hi = HEX_VALUE[buf[p]!]!;
    const lo = HEX_VALUE[buf[p + 1]!]!;
    if ((hi | lo) < 0) return false;
    out[o + 1] = (hi << 4) | lo;
  }
  return true;
}

const HEX = '0123456789abcdef';

function unpackGuid(chunk: Uint8Array, start: number): string {
  let s = '{';
  for (let o = 1; o < PACKED_GUID_LENGTH; o++) {
    if (o === 5 || o === 7 || o === 9 || o === 11) s += '-';
    const b = chunk[start + o]!;
    s += HEX[b >>> 4]! + HEX[b & 15]!;
  }
  return s + '}';
}

function isAscii(buf: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

/** FNV-1a over the bytes, as a non-negative 31-bit number. */
function hashBytes(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 1;
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
