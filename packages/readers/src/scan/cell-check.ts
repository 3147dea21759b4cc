import type { KqlType } from '@kqlr/common/core';
import { ticksFromParts } from '@kqlr/common/core';
import { parseDatetimeText } from '../values/parse-datetime.js';

/**
 * What BatchBuilder would do with a value, without building anything: the checks that make a
 * record malformed (a CellError), mirrored for records the raw-text prefilter skips. Every
 * function here answers for the builder exactly, or says "unsure" so the caller parses the record
 * the full way (which then reports what it reports).
 */

/** Types whose builders accept any value (strings are never null; guid/dynamic keep anything). */
export function acceptsAnything(type: KqlType): boolean {
  return type === 'string' || type === 'guid' || type === 'dynamic';
}

const INTEGER_RE = /^[+-]?\d+$/;

/** Mirrors BatchBuilder.setText: whether `text` is accepted for a column of `type`. */
export function textAccepted(type: KqlType, text: string): boolean {
  if (text === '' || acceptsAnything(type)) return true;
  switch (type) {
    case 'datetime':
      return parseDatetimeText(text) !== null;
    case 'timespan':
    case 'long':
      return INTEGER_RE.test(text);
    case 'int': {
      const v = Number(text);
      return INTEGER_RE.test(text) && v <= 2147483647 && v >= -2147483648;
    }
    case 'real':
    case 'decimal':
      return !Number.isNaN(Number(text)) || text === 'NaN';
    case 'bool': {
      const l = text.toLowerCase();
      return l === 'true' || l === '1' || l === 'false' || l === '0';
    }
    default:
      return true;
  }
}

/**
 * Ticks of the datetime text in `b[start, end)` as parseDatetimeText reads it, or null when it is
 * unparseable. Shaped for the common export form (`2024-05-14T10:22:31.4409812Z`, ASCII): its
 * digits are read from the bytes; any other text is decoded and given to parseDatetimeText itself,
 * so both paths agree by construction.
 */
export function datetimeTicksOfBytes(b: Uint8Array, start: number, end: number): bigint | null {
  const n = end - start;
  if (n >= 19 && n <= 30 && b[start + 4] === 45 && b[start + 7] === 45 && b[start + 13] === 58 && b[start + 16] === 58) {
    const sep = b[start + 10];
    if (sep === 84 || sep === 32) {
      let last = end;
      if (b[end - 1] === 90) last = end - 1;
      let frac = 0;
      let ok = true;
      if (last > start + 19) {
        const fd = last - start - 20;
        if (b[start + 19] !== 46 || fd < 1 || fd > 9) ok = false;
        else {
          const take = fd > 7 ? 7 : fd;
          frac = digitsAt(b, start + 20, take);
          if (frac < 0 || (fd > 7 && digitsAt(b, start + 27, fd - 7) < 0)) ok = false;
          else for (let k = take; k < 7; k++) frac *= 10;
        }
      }
      if (ok) {
        const y = digitsAt(b, start, 4), mo = digitsAt(b, start + 5, 2), d = digitsAt(b, start + 8, 2);
        const h = digitsAt(b, start + 11, 2), mi = digitsAt(b, start + 14, 2), se = digitsAt(b, start + 17, 2);
        if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && se >= 0) return ticksFromParts(y, mo, d, h, mi, se, frac);
        // parseDatetimeText gives up here too (no general parse): non-digits in the fixed form.
        return isAscii(b, start, end) ? null : parseDatetimeText(Buffer.from(b.buffer, b.byteOffset + start, n).toString('utf8'));
      }
    }
  }
  return parseDatetimeText(Buffer.from(b.buffer, b.byteOffset + start, n).toString('utf8'));
}

/** Whether `b[start, end)` is an integer as INTEGER_RE reads it (`[+-]?\d+`). */
export function isIntegerText(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (i < end && (b[i] === 43 || b[i] === 45)) i++;
  if (i >= end) return false;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The value of the `count` ASCII digits at `from`, or -1 when one of them is not a digit. */
export function digitsAt(b: Uint8Array, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i]! >= 128) return false;
  return true;
}
