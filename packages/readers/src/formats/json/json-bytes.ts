/**
 * A JSON syntax checker over UTF-8 bytes that accepts a subset of what JSON.parse accepts and
 * never more: whatever it passes, JSON.parse of the decoded text parses too. It exists so that
 * lines the raw-text prefilter skips are still checked without decoding them or building objects
 * (performance-notes §2.2). Anything unusual (a `\u` escape, nesting deeper than MAX_DEPTH) is
 * refused, which only sends that line down the full parse.
 *
 * Bytes >= 0x80 inside strings are accepted as they are: the readers decode with replacement
 * (U+FFFD), which JSON.parse accepts in a string; outside strings they are refused.
 */
export class JsonBytes {
  b: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** Content of the last string read: b[strStart, strEnd), and whether it held an escape. */
  strStart = 0;
  strEnd = 0;
  strEscaped = false;
  /** FNV-1a hash of the last string's raw bytes (used for object keys). */
  strHash = 0;

  reset(b: Uint8Array, start: number, end: number): void {
    this.b = b;
    this.pos = start;
    this.end = end;
  }

  /** Skips JSON whitespace; returns the next byte or -1 at the end. */
  peek(): number {
    const b = this.b;
    let p = this.pos;
    const end = this.end;
    while (p < end) {
      const c = b[p]!;
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      p++;
    }
    this.pos = p;
    return p < end ? b[p]! : -1;
  }

  /** Reads a string whose opening quote is at `pos`; false when it is not valid JSON (or has `\u`). */
  string(hash: boolean): boolean {
    const b = this.b;
    const end = this.end;
    let p = this.pos + 1;
    this.strStart = p;
    let escaped = false;
    let h = 0x811c9dc5;
    for (;;) {
      if (p >= end) return false;
      const c = b[p]!;
      if (c === 34) break;
      if (c < 32) return false;
      if (c === 92) {
        const e = b[p + 1];
        // `\u` can hide any character (also one of a needle): refused, the full parse decides.
        if (!(e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)) return false;
        escaped = true;
        if (hash) h = Math.imul(Math.imul(h ^ c, 16777619) ^ e!, 16777619);
        p += 2;
        continue;
      }
      if (hash) h = Math.imul(h ^ c, 16777619);
      p++;
    }
    this.strEnd = p;
    this.strEscaped = escaped;
    this.strHash = h;
    this.pos = p + 1;
    return true;
  }

  /**
   * Reads a number at `pos` (JSON grammar). Returns 0 when invalid, 1 for an integer without
   * fraction or exponent, 2 for any other number.
   */
  number(): number {
    const b = this.b;
    const end = this.end;
    let p = this.pos;
    let kind = 1;
    if (b[p] === 45) p++;
    if (p >= end) return 0;
    if (b[p] === 48) p++;
    else {
      const s = p;
      while (p < end && b[p]! >= 48 && b[p]! <= 57) p++;
      if (p === s) return 0;
    }
    if (p < end && b[p] === 46) {
      kind = 2;
      p++;
      const s = p;
      while (p < end && b[p]! >= 48 && b[p]! <= 57) p++;
      if (p === s) return 0;
    }
    if (p < end && (b[p] === 101 || b[p] === 69)) {
      kind = 2;
      p++;
      if (p < end && (b[p] === 43 || b[p] === 45)) p++;
      const s = p;
      while (p < end && b[p]! >= 48 && b[p]! <= 57) p++;
      if (p === s) return 0;
    }
    this.pos = p;
    return kind;
  }

  /** Reads `true`, `false` or `null` at `pos`; returns 1, 2, 3 for them or 0 when invalid. */
  literal(): number {
    const b = this.b;
    const p = this.pos;
    const c = b[p];
    if (c === 116 && this.end - p >= 4 && b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101) {
      this.pos = p + 4;
      return 1;
    }
    if (c === 102 && this.end - p >= 5 && b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101) {
      this.pos = p + 5;
      return 2;
    }
    if (c === 110 && this.end - p >= 4 && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
      this.pos = p + 4;
      return 3;
    }
    return 0;
  }

  /** Skips any JSON value at `pos` (after whitespace); false when invalid or too deep. */
  skipValue(depth: number): boolean {
    const c = this.peek();
    if (c === 34) return this.string(false);
    if (c === 123) return this.skipContainer(depth, true);
    if (c === 91) return this.skipContainer(depth, false);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number() !== 0;
    return this.literal() !== 0;
  }

  private skipContainer(depth: number, object: boolean): boolean {
    if (depth >= MAX_DEPTH) return false;
    this.pos++;
    const close = object ? 125 : 93;
    if (this.peek() === close) {
      this.pos++;
      return true;
    }
    for (;;) {
      if (object) {
        if (this.peek() !== 34 || !this.string(false) || this.peek() !== 58) return false;
        this.pos++;
      }
      if (!this.skipValue(depth + 1)) return false;
      const c = this.peek();
      this.pos++;
      if (c === close) return true;
      if (c !== 44) return false;
    }
  }
}

export const MAX_DEPTH = 32;
