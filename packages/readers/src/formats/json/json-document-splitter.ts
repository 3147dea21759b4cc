/** The raw text of one record of a JSON document, and the line where it starts. */
export interface JsonElement {
  text: string;
  line: number;
}

/** Keys of a top-level object whose array holds the records (case-insensitive). */
const WRAPPER_KEYS = new Set(['records', 'results', 'events']);

const enum C {
  Quote = 34, Backslash = 92, LBrace = 123, RBrace = 125, LBracket = 91, RBracket = 93, Colon = 58, Comma = 44, LF = 10,
}

/**
 * Splits one JSON document that may be larger than memory into its records, without parsing the
 * whole document: the elements of a top-level array, or of the array under `records` / `results` /
 * `Results` / `events` in a top-level object (Event Hubs body, hunting API result, Elastic test
 * document). A top-level object without such a key is itself one record. Several documents in a
 * row (concatenated bodies) are accepted. Text outside any value is reported via `onJunk`.
 */
export class JsonDocumentSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  /** Depth at which records start: 1 in a top-level array, 2 under a wrapper key. */
  private recordDepth = -1;
  private topIsObject = false;
  private expectKey = false;
  private keyBuf: string | null = null;
  private lastKey = '';
  private wrapperOpen = false;
  private elem: string[] = [];
  private elemStartLine = 0;
  private capturing = false;
  private topStart = -1;
  private top: string[] = [];
  private topLine = 0;

  constructor(private readonly onJunk: (line: number, text: string) => void) {}

  /** Feeds a chunk; returns the records completed in it. */
  feed(s: string): JsonElement[] {
    const out: JsonElement[] = [];
    const n = s.length;
    let captureFrom = this.capturing ? 0 : -1;
    let topFrom = this.topStart >= 0 ? 0 : -1;
    let keyFrom = this.keyBuf !== null ? 0 : -1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === C.LF) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === C.Backslash) this.escape = true;
        else if (c === C.Quote) {
          this.inString = false;
          if (keyFrom >= 0) {
            this.lastKey = (this.keyBuf ?? '') + s.slice(keyFrom, i);
            this.keyBuf = null;
            keyFrom = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === C.LF) continue;
      if (c === C.Quote) {
        this.inString = true;
        if (this.depth === 1 && this.topIsObject && this.expectKey && !this.capturing) {
          this.keyBuf = '';
          keyFrom = i + 1;
        }
        continue;
      }
      if (this.depth === 0) {
        if (c === C.LBrace || c === C.LBracket) {
          this.topIsObject = c === C.LBrace;
          this.recordDepth = c === C.LBracket ? 1 : -1;
          this.expectKey = this.topIsObject;
          this.wrapperOpen = false;
          if (this.topIsObject) {
            this.topStart = i;
            topFrom = i;
            this.top = [];
            this.topLine = this.line;
          }
          this.depth = 1;
        } else {
          this.onJunk(this.line, s.slice(i, Math.min(n, i + 40)));
          // Skip the rest of the line: it cannot start a record.
          const nl = s.indexOf('\n', i);
          if (nl < 0) break;
          i = nl - 1;
        }
        continue;
      }
      if (c === C.LBrace || c === C.LBracket) {
        if (this.depth === this.recordDepth && !this.capturing) {
          this.capturing = true;
          captureFrom = i;
          this.elem = [];
          this.elemStartLine = this.line;
        }
        if (this.depth === 1 && this.topIsObject && c === C.LBracket && WRAPPER_KEYS.has(this.lastKey.toLowerCase())) {
          // The top-level object is a wrapper: its records are this array's elements.
          this.wrapperOpen = true;
          this.recordDepth = 2;
          this.topStart = -1;
          topFrom = -1;
          this.top = [];
        }
        this.depth++;
        continue;
      }
      if (c === C.RBrace || c === C.RBracket) {
        this.depth--;
        if (this.capturing && this.depth === this.recordDepth) {
          this.elem.push(s.slice(captureFrom, i + 1));
          out.push({ text: this.elem.join(''), line: this.elemStartLine });
          this.elem = [];
          this.capturing = false;
          captureFrom = -1;
        }
        if (this.depth === 1 && this.wrapperOpen && c === C.RBracket) {
          this.wrapperOpen = false;
          this.recordDepth = -1;
        }
        if (this.depth === 0 && this.topStart >= 0) {
          this.top.push(s.slice(topFrom, i + 1));
          out.push({ text: this.top.join(''), line: this.topLine });
          this.top = [];
          this.topStart = -1;
          topFrom = -1;
        }
        continue;
      }
      if (this.depth === 1 && this.topIsObject) {
        if (c === C.Colon) this.expectKey = false;
        else if (c === C.Comma) this.expectKey = true;
      }
    }
    if (this.capturing && captureFrom >= 0) this.elem.push(s.slice(captureFrom));
    if (this.topStart >= 0 && topFrom >= 0) this.top.push(s.slice(topFrom));
    if (keyFrom >= 0) this.keyBuf = (this.keyBuf ?? '') + s.slice(keyFrom);
    return out;
  }

  /** Whether the input ended inside a value (a truncated document). */
  get unfinished(): boolean {
    return this.depth > 0 || this.inString;
  }

  get currentLine(): number {
    return this.line;
  }
}
