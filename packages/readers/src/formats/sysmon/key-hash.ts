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
 * keyHashOf(c.computer(), field) for texts read in place by the event cursor: the host is
 * `buf[hostFrom, hostTo)` trimmed as `EventCursor.computer()` trims it, the text `buf[from, to)`
 * decoded as `EventCursor.field` decodes it (from < 0: absent, hashed as ''). Only ASCII bytes are
 * hashed as they are (they are then that string's UTF-8); anything else is decoded first.
 */
export function keyHashOfBytes(buf: Buffer, hostFrom: number, hostTo: number, from: number, to: number): number {
  let h = 0x811c9dc5;
  if (hostTo > hostFrom && (isAsciiBlank(buf[hostFrom]!) || isAsciiBlank(buf[hostTo - 1]!) || !isAscii(buf, hostFrom, hostTo))) {
    h = hashString(h, textOf(buf, hostFrom, hostTo).trim(), true);
  } else {
    for (let i = hostFrom; i < hostTo; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h = Math.imul(h, 0x01000193);
  }
  if (from < 0) return h >>> 0;
  if (!isAscii(buf, from, to)) return hashString(h, textOf(buf, from, to), false);
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
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

function isAscii(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

function isAsciiBlank(c: number): boolean {
  // What String#trim removes within ASCII: tab, LF, VT, FF, CR, space.
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * 2^23 bits (1 MiB): with a thousand keys set, a key not set is found set about 1 time in 8000.
 * Only the pages holding set bits become resident, so a sparse set costs little memory.
 */
const BITS = 23;
const MASK = (1 << BITS) - 1;

/**
 * A set of key fingerprints as a fixed bitmap: `has` may say yes for a key never added (two
 * fingerprints sharing their low 23 bits), never no for one added. Fixed size, so memory does not
 * grow with the number of keys.
 */
export class KeyBits {
  private readonly bits = new Uint8Array(1 << (BITS - 3));
  count = 0;

  add(h: number): void {
    const i = h & MASK;
    const byte = i >>> 3;
    const bit = 1 << (i & 7);
    if ((this.bits[byte]! & bit) === 0) this.count++;
    this.bits[byte]! |= bit;
  }

  has(h: number): boolean {
    const i = h & MASK;
    return (this.bits[i >>> 3]! & (1 << (i & 7))) !== 0;
  }
}
