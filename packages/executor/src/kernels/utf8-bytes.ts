/**
 * Byte-level kernels for plain (not dictionary-encoded) UTF-8 string columns: deciding a predicate
 * on a row's bytes saves decoding it to a JS string, which dominates a filter over plain Arrow
 * text (most rows fail and are never looked at again). A test returns undefined when the bytes
 * cannot decide; the caller then decodes and runs the string kernel, so results are those of the
 * string kernels exactly.
 */
export interface Utf8Test {
  (bytes: Uint8Array, start: number, end: number): boolean | undefined;
  /**
   * The same test over the selected rows of a plain column, in one loop: writes the rows where it
   * is `expected` into `out` and returns their count; a row the bytes leave open goes to
   * `undecided(row)`. Each kernel family has its own loop with its test inlined, because a shared
   * loop calling whichever test it was given is a call per row that V8 cannot inline (the call
   * site sees every family's closures), which cost as much as the test itself.
   */
  readonly selectRows: Utf8SelectRows;
  /**
   * The same test over a dictionary's entries 0..count-1 (entry c is bytes[offsets[c], offsets[c+1])),
   * for string-predicate.ts's memo: each entry whose state is 0 (undecided) gets 2 (true) or 1
   * (false); an entry the bytes leave open is decided by `undecided(code)`.
   */
  readonly decideEntries: Utf8DecideEntries;
}

export type Utf8DecideEntries = (
  bytes: Uint8Array,
  offsets: Int32Array,
  states: Uint8Array,
  count: number,
  undecided: (code: number) => boolean,
) => void;

/** Memo states written by `decideEntries` (string-predicate.ts reads the same encoding). */
export const ENTRY_UNDECIDED = 0;
export const ENTRY_FALSE = 1;
export const ENTRY_TRUE = 2;

export type Utf8SelectRows = (
  bytes: Uint8Array,
  offsets: Int32Array,
  selection: Uint32Array,
  expected: boolean,
  out: Uint32Array,
  undecided: (row: number) => boolean,
) => number;

/** Verdicts of the byte kernels' row functions. */
const NO = 0;
const YES = 1;
const OPEN = 2;

/**
 * `startswith`/`endswith` (and `_cs`) of an ASCII needle. An ASCII byte always decodes to that
 * character (invalid sequences become U+FFFD, never ASCII), so when the needle's length of bytes at
 * the anchored end are all ASCII they are the value's last (first) characters: compared exactly,
 * or with A-Z folded (fold.ts folds ASCII so). A non-ASCII byte there could still fold to ASCII
 * (KELVIN SIGN folds to `k`) under the case-insensitive forms: undecided. Null: strings are never
 * null (a null slot is "", and the caller only passes columns without null slots).
 */
export function utf8AffixTest(needle: string, mode: 'startswith' | 'endswith', caseSensitive: boolean): Utf8Test | undefined {
  if (!isAscii(needle)) return undefined;
  const n = caseSensitive ? needle : needle.toLowerCase();
  const codes = Uint8Array.from(n, (c) => c.charCodeAt(0));
  // Case-insensitive: bit 5 ORed into a haystack byte folds A-Z onto the needle's a-z (and no
  // other byte onto a letter), so a letter compares without a branch on its case.
  const folds = Uint8Array.from(codes, (c) => (!caseSensitive && c >= 97 && c <= 122 ? 0x20 : 0));
  const atEnd = mode === 'endswith';
  const test = (bytes: Uint8Array, start: number, end: number): boolean | undefined => {
    const v = affixVerdict(bytes, start, end, codes, folds, atEnd, caseSensitive);
    return v === OPEN ? undefined : v === YES;
  };
  const selectRows: Utf8SelectRows = (bytes, offsets, selection, expected, out, undecided) => {
    let count = 0;
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      const v = affixVerdict(bytes, offsets[row]!, offsets[row + 1]!, codes, folds, atEnd, caseSensitive);
      out[count] = row;
      count += (v === OPEN ? undecided(row) : v === YES) === expected ? 1 : 0;
    }
    return count;
  };
  const decideEntries: Utf8DecideEntries = (bytes, offsets, states, count, undecided) => {
    for (let code = 0; code < count; code++) {
      if (states[code] !== ENTRY_UNDECIDED) continue;
      const v = affixVerdict(bytes, offsets[code]!, offsets[code + 1]!, codes, folds, atEnd, caseSensitive);
      states[code] = (v === OPEN ? undecided(code) : v === YES) ? ENTRY_TRUE : ENTRY_FALSE;
    }
  };
  return Object.assign(test, { selectRows, decideEntries });
}

/**
 * YES, NO or OPEN for one value `bytes[start, end)` against the prepared (folded) affix `codes`,
 * `folds` holding 0x20 where a case-insensitive needle has a letter. A mismatching non-ASCII byte
 * leaves a case-insensitive test OPEN (it could fold to ASCII); checked only on a mismatch, off
 * the common path.
 */
function affixVerdict(
  bytes: Uint8Array, start: number, end: number, codes: Uint8Array, folds: Uint8Array, atEnd: boolean, caseSensitive: boolean,
): number {
  const len = codes.length;
  if (end - start < len) return NO;
  const at = atEnd ? end - len : start;
  let sawNonAscii = false;
  for (let i = 0; i < len; i++) {
    const b = bytes[at + i]!;
    if ((b | folds[i]!) === codes[i]) continue;
    if (b < 128 || caseSensitive) return NO;
    sawNonAscii = true;
  }
  return sawNonAscii ? OPEN : YES;
}

/**
 * Case-sensitive equality with any of `needles` (`==`, `in`), on UTF-8 bytes: valid UTF-8
 * decodes one-to-one, and invalid bytes decode with U+FFFD, which no accepted needle holds.
 * Needles holding U+FFFD or a lone surrogate (both encode as EF BF BD) get no byte kernel.
 *
 * Shaped for the hot `ActionType in (...)` test on plain columns: candidates are found by byte
 * length (an array index, not a Map), then compared 32 bits at a time (words at 0, 4, 8, ... and
 * one final word ending at the last byte, overlapping the previous one), all XORed and ORed
 * together so a candidate costs one branch. Needles shorter than 4 bytes compare byte by byte.
 */
export function utf8EqualsAnyTest(needles: readonly string[]): Utf8Test | undefined {
  if (needles.some((s) => /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s))) return undefined;
  const byLength: EqualityCandidate[][] = [];
  let maxLength = 0;
  for (const s of new Set(needles)) {
    const b = Uint8Array.from(Buffer.from(s, 'utf8'));
    (byLength[b.length] ??= []).push(equalityCandidate(b));
    maxLength = Math.max(maxLength, b.length);
  }
  for (let i = 0; i <= maxLength; i++) byLength[i] ??= [];
  // Bytes always decide equality (never OPEN), so `undecided` is never called.
  const test = (bytes: Uint8Array, start: number, end: number): boolean | undefined => equalsAny(bytes, start, end, byLength, maxLength);
  const selectRows: Utf8SelectRows = (bytes, offsets, selection, expected, out) => {
    let count = 0;
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      out[count] = row;
      count += equalsAny(bytes, offsets[row]!, offsets[row + 1]!, byLength, maxLength) === expected ? 1 : 0;
    }
    return count;
  };
  const decideEntries: Utf8DecideEntries = (bytes, offsets, states, count) => {
    for (let code = 0; code < count; code++) {
      if (states[code] !== ENTRY_UNDECIDED) continue;
      states[code] = equalsAny(bytes, offsets[code]!, offsets[code + 1]!, byLength, maxLength) ? ENTRY_TRUE : ENTRY_FALSE;
    }
  };
  return Object.assign(test, { selectRows, decideEntries });
}

function equalsAny(bytes: Uint8Array, start: number, end: number, byLength: EqualityCandidate[][], maxLength: number): boolean {
  const len = end - start;
  if (len > maxLength) return false;
  const candidates = byLength[len]!;
  for (let j = 0; j < candidates.length; j++) {
    const c = candidates[j]!;
    if (len < 4) {
      let i = 0;
      while (i < len && bytes[start + i] === c.bytes[i]) i++;
      if (i === len) return true;
      continue;
    }
    const words = c.words;
    let diff = wordAt(bytes, end - 4) ^ c.lastWord;
    for (let w = 0; w < words.length; w++) diff |= wordAt(bytes, start + 4 * w) ^ words[w]!;
    if (diff === 0) return true;
  }
  return false;
}

interface EqualityCandidate {
  bytes: Uint8Array;
  /** Little-endian words at 0, 4, ... before the last 4 bytes. */
  words: Int32Array;
  /** The word ending at the last byte. */
  lastWord: number;
}

function equalityCandidate(b: Uint8Array): EqualityCandidate {
  if (b.length < 4) return { bytes: b, words: new Int32Array(0), lastWord: 0 };
  const words = new Int32Array(Math.ceil((b.length - 4) / 4));
  for (let w = 0; w < words.length; w++) words[w] = wordAt(b, 4 * w);
  return { bytes: b, words, lastWord: wordAt(b, b.length - 4) };
}

/** Four bytes from `i` as a little-endian int32 (any alignment). */
function wordAt(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}
