import { COMMAND_LINE, HASHES, KIND_CREATE, LogRecord, PARENT_IMAGE, USER } from './log-record.js';
import type { LowerNeedles } from './text-store.js';

/** The texts of an EventID 1 that rows take (the user cleaned, the parent image's file name). */
const SEARCHED = [COMMAND_LINE, USER, HASHES, PARENT_IMAGE];

/**
 * Calls `found` with each EventID 1 record of `chunk` that may give a row a needle: one of
 * `needles` (lower-cased printable ASCII) in its command line, user, hashes or parent image,
 * ignoring ASCII case. The parent image and user are searched whole (a row takes the image's last
 * segment, and `-` as ''): a superset, so a record may be reported that gives no row a needle,
 * never the reverse. The record view passed is valid during the call only.
 *
 * Shaped for speed (every process of the run is checked, 297 k at 1e7 bench rows): the chunk is
 * searched at once, its ASCII letters folded to lower case in one pass, by a native indexOf per
 * needle; an occurrence counts when it lies inside one searched text of a record (not across
 * texts or in the binary header). Records whose searched texts have a non-ASCII character (marked
 * when written) are also checked through their strings, since toLowerCase may turn a non-ASCII
 * letter into ASCII ones (`İ` -> `i̇`, the Kelvin sign -> `k`).
 */
export function needleRecords(chunk: Buffer, needles: LowerNeedles, found: (r: LogRecord) => void): void {
  if (needles.texts.length === 0 || chunk.length === 0) return;
  const starts: number[] = [];
  /** Records to check through their strings: UTF-16, or a non-ASCII character in a searched text. */
  const strings: number[] = [];
  const r = new LogRecord();
  for (let at = 0; at < chunk.length; at = r.next) {
    r.point(chunk, at);
    if (r.kind === KIND_CREATE && r.nonAsciiText) strings.push(starts.length);
    starts.push(at);
  }
  starts.push(chunk.length);
  const folded = foldAscii(chunk);
  const reported = new Set<number>();
  const report = (k: number): void => {
    reported.add(k);
    r.point(chunk, starts[k]!);
    found(r);
  };
  for (const needle of needles.bytes) {
    for (let at = folded.indexOf(needle); at >= 0; ) {
      const k = recordAt(starts, at);
      r.point(chunk, starts[k]!);
      if (!reported.has(k) && r.kind === KIND_CREATE && !r.utf16 && inSearchedText(r, at, at + needle.length)) {
        report(k);
        at = starts[k + 1]! < folded.length ? folded.indexOf(needle, starts[k + 1]!) : -1;
      } else {
        at = folded.indexOf(needle, at + 1);
      }
    }
  }
  for (const k of strings) {
    if (reported.has(k)) continue;
    r.point(chunk, starts[k]!);
    if (holdsInStrings(r, needles)) report(k);
  }
}

let scratch = Buffer.allocUnsafe(0);

/**
 * The chunk with A-Z as a-z (other bytes as they are), in a reused buffer: a Latin-1 string of
 * each 1 MiB chunk would be a large object, left in old space until a full collection.
 */
function foldAscii(chunk: Buffer): Buffer {
  if (scratch.length < chunk.length) scratch = Buffer.allocUnsafe(chunk.length);
  const out = scratch;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i]!;
    out[i] = c - 65 < 26 && c >= 65 ? c + 32 : c;
  }
  return out.subarray(0, chunk.length);
}

/** The record holding byte `pos`: the last start at or before it. */
function recordAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function inSearchedText(r: LogRecord, from: number, to: number): boolean {
  for (const k of SEARCHED) {
    const [s, e] = r.textRange(k);
    if (from >= s && to <= e) return true;
  }
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
