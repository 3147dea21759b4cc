/**
 * Byte-level kernels for plain (not dictionary-encoded) UTF-8 string columns: deciding a predicate
 * on a row's bytes saves decoding it to a JS string, which dominates a filter over plain Arrow
 * text (most rows fail and are never looked at again). A test returns undefined when the bytes
 * cannot decide; the caller then decodes and runs the string kernel, so results are those of the
 * string kernels exactly.
 */
export type Utf8Test = (bytes: Uint8Array, start: number, end: number) => boolean | undefined;

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
  const len = codes.length;
  return (bytes, start, end) => {
    if (end - start < len) return false;
    const at = mode === 'startswith' ? start : end - len;
    let sawNonAscii = false;
    for (let i = 0; i < len; i++) {
      let b = bytes[at + i]!;
      if (b >= 128) {
        if (caseSensitive) return false;
        sawNonAscii = true;
        continue;
      }
      if (!caseSensitive && b >= 65 && b <= 90) b += 32;
      if (b !== codes[i]) return false;
    }
    return sawNonAscii ? undefined : true;
  };
}

/**
 * Case-sensitive equality with any of `needles` (`==`, `in`), on UTF-8 bytes: valid UTF-8
 * decodes one-to-one, and invalid bytes decode with U+FFFD, which no accepted needle holds.
 * Needles holding U+FFFD or a lone surrogate (both encode as EF BF BD) get no byte kernel.
 */
export function utf8EqualsAnyTest(needles: readonly string[]): Utf8Test | undefined {
  if (needles.some((s) => /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s))) return undefined;
  const byLength = new Map<number, Uint8Array[]>();
  for (const s of new Set(needles)) {
    const b = Buffer.from(s, 'utf8');
    const list = byLength.get(b.length) ?? [];
    list.push(b);
    byLength.set(b.length, list);
  }
  return (bytes, start, end) => {
    const candidates = byLength.get(end - start);
    if (candidates === undefined) return false;
    for (const c of candidates) {
      let i = 0;
      while (i < c.length && bytes[start + i] === c[i]) i++;
      if (i === c.length) return true;
    }
    return false;
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}
