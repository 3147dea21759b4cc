import { textOf } from './event-cursor.js';

/**
 * A 32-bit fingerprint of a process key, (Computer, ProcessGuid) or (Computer, ProcessId): FNV-1a
 * over the UTF-8 bytes of the host, a 0 byte, then the text. Equal strings always give equal
 * fingerprints; different ones rarely do, and every use only tolerates that in the safe
 * direction (a line parsed or a process kept for nothing, never one left out). Lone surrogates
 * hash as U+FFFD (as Buffer encodes them): again, only more matches.
 */
export function keyHashOf(host: string, text: string): number {
  return hashString(hashString(0x811c9dc5, host, true), text, false);
}

/**
 * The state of keyHashOf(c.computer(), ...) after the host, for texts read in place by the event
 * cursor: the host is `buf[from, to)` trimmed as `EventCursor.computer()` trims it. Continue with
 * `keyHashOfField` for each key of the same event (the host is hashed once).
 */
export function hostHashOfBytes(buf: Buffer, from: number, to: number): number {
  let h = 0x811c9dc5;
  let high = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    high |= c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  // Blanks at either end, and non-ASCII bytes (which may be Unicode blanks or decode otherwise),
  // go the string way.
  if (high >= 0x80 || (to > from && (isAsciiBlank(buf[from]!) || isAsciiBlank(buf[to - 1]!)))) {
    return hashString(0x811c9dc5, textOf(buf, from, to).trim(), true);
  }
  return Math.imul(h, 0x01000193);
}

/**
 * keyHashOf(host, text) from the host's state (hostHashOfBytes) and the text `buf[from, to)`
 * decoded as `EventCursor.field` decodes it (from < 0: absent, hashed as ''). ASCII bytes are
 * hashed as they are (they are then that string's UTF-8); anything else is decoded first.
 */
export function keyHashOfField(host: number, buf: Buffer, from: number, to: number): number {
  if (from < 0) return host >>> 0;
  let h = host;
  let high = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    high |= c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return high >= 0x80 ? hashString(host, textOf(buf, from, to), false) : h >>> 0;
}

/** Continues FNV-1a `h` over the UTF-8 of `s` (then a 0 byte when `separator`). */
function hashString(h: number, s: string, separator: boolean): number {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  if (!ascii) return hashUtf8(h, s, separator);
  return separator ? Math.imul(h, 0x01000193) : h >>> 0;
}

/** hashString for a string with non-ASCII characters (`h` already holds its ASCII prefix). */
function hashUtf8(h: number, s: string, separator: boolean): number {
  const bytes = Buffer.from(s, 'utf8');
  // The ASCII prefix is hashed already: its bytes are the first ones of the UTF-8 form.
  let prefix = 0;
  while (prefix < s.length && s.charCodeAt(prefix) < 0x80) prefix++;
  for (let i = prefix; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return separator ? Math.imul(h, 0x01000193) : h >>> 0;
}

function isAsciiBlank(c: number): boolean {
  // What String#trim removes within ASCII: tab, LF, VT, FF, CR, space.
  return c === 32 || (c >= 9 && c <= 13);
}

/** 2^20 bits (128 KiB): the quick "no" for most lookups. */
const BITS = 20;
const MASK = (1 << BITS) - 1;

/**
 * A set of key fingerprints, for lookups that mostly miss (a needle key per line of a large
 * log): a bitmap answers most of them, the Set the few whose bit is set. Memory grows with the
 * keys added only (a bitmap alone would have to grow with them to stay selective).
 */
export class KeySet {
  private readonly bits = new Uint8Array(1 << (BITS - 3));
  private readonly keys = new Set<number>();

  get count(): number {
    return this.keys.size;
  }

  add(h: number): void {
    const i = h & MASK;
    this.bits[i >>> 3]! |= 1 << (i & 7);
    this.keys.add(h >>> 0);
  }

  has(h: number): boolean {
    const i = h & MASK;
    return (this.bits[i >>> 3]! & (1 << (i & 7))) !== 0 && this.keys.has(h >>> 0);
  }
}
