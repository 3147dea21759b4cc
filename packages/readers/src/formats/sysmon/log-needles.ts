import { COMMAND_LINE, HASHES, PARENT_IMAGE, USER, type LogRecord } from './log-record.js';
import type { LowerNeedles } from './text-store.js';

/** The texts of an EventID 1 that rows take (the user cleaned, the parent image's file name). */
const SEARCHED = [COMMAND_LINE, USER, HASHES, PARENT_IMAGE];
const LF = 10;

let scratch = Buffer.allocUnsafe(4096);

/**
 * Whether an EventID 1 record may give a row a needle: one of `needles` (lower-cased printable
 * ASCII) in its command line, user, hashes or parent image, ignoring ASCII case. The parent image
 * and user are searched whole (a row takes the image's last segment, and `-` as ''): a superset,
 * so a record may be reported that gives no row a needle, never the reverse.
 *
 * Shaped for speed (every process of the run is checked): an all-ASCII record's texts are folded
 * to lower case into one scratch buffer, separated by LF (no needle holds one, so no match spans
 * two texts), and each needle is one native indexOf over it. A record with any other byte goes
 * through its strings, since toLowerCase may turn a non-ASCII letter into ASCII ones (`İ` ->
 * `i̇`, the Kelvin sign -> `k`); so does a UTF-16 record.
 */
export function logRecordHoldsNeedle(r: LogRecord, needles: LowerNeedles): boolean {
  if (r.utf16) return holdsInStrings(r, needles);
  const src = r.buf;
  let n = 0;
  for (const k of SEARCHED) {
    const [s, e] = r.textRange(k);
    if (scratch.length < n + (e - s) + 1) {
      const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, n + (e - s) + 1));
      scratch.copy(bigger, 0, 0, n);
      scratch = bigger;
    }
    for (let i = s; i < e; i++) {
      const c = src[i]!;
      if (c >= 0x80) return holdsInStrings(r, needles);
      scratch[n++] = c >= 65 && c <= 90 ? c + 32 : c;
    }
    scratch[n++] = LF;
  }
  const folded = scratch.subarray(0, n);
  for (const needle of needles.bytes) if (folded.indexOf(needle) >= 0) return true;
  return false;
}

function holdsInStrings(r: LogRecord, needles: LowerNeedles): boolean {
  for (const k of SEARCHED) {
    const v = r.text(k);
    if (v === '') continue;
    const lower = v.toLowerCase();
    if (needles.texts.some((n) => lower.includes(n))) return true;
  }
  return false;
}
