import { ticksFromParts } from '@kqlr/common';
import { digitsAt } from '../../scan/cell-check.js';

/** `YYYY-MM-DD HH:MM:SS.fff` at `[from, to)`: the digit positions and separators of that form. */
const SEPARATORS: readonly [number, number][] = [[4, 45], [7, 45], [10, 32], [13, 58], [16, 58], [19, 46]];

/**
 * Ticks of a Sysmon `UtcTime` in its usual form read straight from bytes, or null when the bytes
 * are not exactly that form (the caller then decodes and parses the text). For that form
 * parseDatetimeText takes its fast path with these same digits, so the result is identical.
 */
export function utcTimeTicksAt(buf: Uint8Array, from: number, to: number): bigint | null {
  if (to - from !== 23) return null;
  for (const [at, c] of SEPARATORS) if (buf[from + at] !== c) return null;
  const y = digitsAt(buf, from, 4), mo = digitsAt(buf, from + 5, 2), d = digitsAt(buf, from + 8, 2);
  const h = digitsAt(buf, from + 11, 2), mi = digitsAt(buf, from + 14, 2), s = digitsAt(buf, from + 17, 2);
  const ms = digitsAt(buf, from + 20, 3);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || ms < 0) return null;
  return ticksFromParts(y, mo, d, h, mi, s, ms * 10_000);
}
