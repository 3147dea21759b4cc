import type { ScanOptions } from '@kqlr/common';

/**
 * Optional hints a caller may add to `scan()` options (beyond the common ScanOptions contract).
 *
 * `textNeedles`: the query can only match records whose text contains at least one of these
 * strings, compared case-insensitively (e.g. the needles of a top-level `FolderPath has_any (...)`
 * conjunct; performance-notes §2.2). The reader may then skip a record without parsing it when its
 * raw text holds none of them, also in escaped form. Supported for JSON Lines and Defender portal
 * CSV, and for Sysmon syslog with a non-empty list; other formats ignore it. Skipping is
 * unobservable but for speed: a skipped record is still checked on its bytes, so it is counted,
 * reported when malformed, and its Timestamp is in the table's range (InputSet.statsOf).
 *
 * An empty list says no record can match: a pass that wants only what every record leaves behind
 * (the count, the Timestamp range, the malformed reports) checks each record on its bytes and
 * parses only those the check cannot vouch for (`kqlr run --now latest` finds the latest
 * Timestamp so). The rows those yield are real rows, so the caller need not discard them.
 */
export interface ReaderScanOptions extends ScanOptions {
  textNeedles?: readonly string[];
  /**
   * The caller may stop after its first rows (a `take` over the scan): a file read in ranges on
   * worker threads then sends a range's first rows early instead of when the range ends.
   */
  firstRowsSoon?: boolean;
}

/**
 * The lower-cased texts whose presence makes a JSON line a candidate (needle-lines.ts), or
 * undefined when every line must be parsed.
 *
 * Exactness (no line that could match is skipped), given that the executor folds case one UTF-16
 * unit at a time: needles must be ASCII, and then `toLowerCase` of the text keeps every ASCII
 * letter's fold in place (the one non-ASCII unit folding to ASCII, KELVIN SIGN, lowers to `k`
 * too). A value's text appears in the line as written, except: `\u` and `\/` escapes, which can
 * hide any character (they are forms too, so such lines are parsed); `"`, `\` and control
 * characters, matched in their JSON-escaped form too; and non-string values, which a string column
 * holds as `String(number)` or compact JSON: a needle without `{}[]:,` lies inside one token of
 * that compact text, and string, `true`/`false`/`null` tokens are written identically, so only
 * needles made solely of number characters (`1.0` reads as `1`) cannot be trusted.
 */
export function jsonNeedleForms(needles: readonly string[] | undefined): string[] | undefined {
  if (needles === undefined || !needles.every(isJsonSafeNeedle)) return undefined;
  const forms = needles.flatMap((n) => {
    const lower = n.toLowerCase();
    return [lower, JSON.stringify(lower).slice(1, -1)];
  });
  return [...new Set(['\\u', '\\/', ...forms])];
}

/**
 * The lower-cased texts whose presence makes a CSV record line a candidate, or undefined. A string
 * value is its field's text, with `""` for each quote when the field is quoted; needles must be
 * ASCII (see jsonNeedleForms for why lowering the whole line is then exact).
 */
export function csvNeedleForms(needles: readonly string[] | undefined): string[] | undefined {
  if (needles === undefined || needles.some((n) => n.length === 0 || !isAscii(n))) return undefined;
  return [...new Set(needles.flatMap((n) => {
    const lower = n.toLowerCase();
    return [lower, lower.replaceAll('"', '""')];
  }))];
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

const NUMBER_CHARS = /^[0-9.+\-eE]*$/;

function isJsonSafeNeedle(n: string): boolean {
  if (n.length === 0 || NUMBER_CHARS.test(n)) return false;
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    // { } [ ] : , may sit next to whitespace that compact JSON drops.
    if (c >= 128 || c === 123 || c === 125 || c === 91 || c === 93 || c === 58 || c === 44) return false;
  }
  return true;
}
