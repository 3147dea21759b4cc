/**
 * Byte-level reader of one Sysmon `<Event>` in the exact shape libxml2's writer gives a syslog
 * line: `<Event><System>...</System><EventData><Data Name="N">v</Data>...</EventData></Event>`,
 * without entities. It locates the few values the mapping needs (byte
 * ranges, decoded only on demand) instead of building a string per field and an object per event.
 *
 * It never reports an error: anything off that shape (an `&`, other spacing or quoting, nested
 * markup, a cut record, unexpected element names) makes `read` return false and the caller hands
 * the line to the string scanner (`xml-event-scanner.ts`), which gives the exact verdict and
 * message. So `read` returning true must imply that `scanEvent` accepts the record with the same
 * values; the shape checks below are written for that (see the comments), and a property test
 * compares the two on generated and mutated lines.
 */

/** EventData names the Sysmon -> Defender mapping reads (sysmon-to-defender.ts, process-table.ts). */
export const FIELD_NAMES = [
  'RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'User',
  'Hashes', 'IsExecutable', 'Archived', 'CommandLine', 'CurrentDirectory', 'LogonGuid', 'LogonId',
  'TerminalSessionId', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine', 'ParentUser',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
const FIELD_COUNT = FIELD_NAMES.length;

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const AMP = 38;

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const EVENT_SYSTEM = pattern('<Event><System>');
/** System children the string scanner reads, each by the first `<Name` inside <System>. */
const SYSTEM_READ = ['EventID', 'EventRecordID', 'Computer', 'TimeCreated'].map(ascii);
const READ_EVENT_ID = 0;
const READ_RECORD_ID = 1;
const READ_COMPUTER = 2;
const READ_TIME_CREATED = 3;

/**
 * Which of SYSTEM_READ the element name is (-1: none). -2 when the name merely starts with one
 * (`<EventIDx`): the string scanner would take it for that element, so the string path decides.
 */
function systemRead(buf: Uint8Array, from: number, to: number): number {
  for (let k = 0; k < SYSTEM_READ.length; k++) {
    const n = SYSTEM_READ[k]!;
    if (to - from >= n.length && matchAt(buf, from, n)) return to - from === n.length ? k : -2;
  }
  return -1;
}

/**
 * Position of the first `<` at or after `p`; the caller knows there is one before the record's
 * end (the record ends with `</Event>`). Four bytes at a time (a zero-byte test on the word XOR
 * `<<<<`): values are most of a record's bytes.
 */
/**
 * Position of the first `x` or `<` at or after `p` (the caller tells which it is). There is a `<`
 * before the record's end, so this stops inside it. Four bytes at a time, as nextLT.
 */
function nextOrLT(buf: Uint8Array, words: DataView, p: number, x: number): number {
  const limit = words.byteLength - 4;
  const xs = Math.imul(x, 0x01010101);
  while (p <= limit) {
    const v = words.getUint32(p, true);
    const a = v ^ 0x3c3c3c3c;
    const b = v ^ xs;
    if ((((a - 0x01010101) & ~a) | ((b - 0x01010101) & ~b)) & 0x80808080) break;
    p += 4;
  }
  for (;;) {
    const c = buf[p];
    if (c === LT || c === x) return p;
    p++;
  }
}

function nextLT(buf: Uint8Array, words: DataView, p: number): number {
  const limit = words.byteLength - 4;
  while (p <= limit) {
    const w = words.getUint32(p, true) ^ 0x3c3c3c3c;
    if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break;
    p += 4;
  }
  while (buf[p] !== LT) p++;
  return p;
}
const SYSTEM_END_EVENTDATA = pattern('</System><EventData>');
const EVENTDATA_END_EVENT = pattern('</EventData></Event>');
const EVENT_END = pattern('</Event>');
const DATA_NAME = pattern('<Data Name="');
const DATA_END = pattern('</Data>');
const SYSTEM_TIME = pattern(' SystemTime="');
const FIELDS = FIELD_NAMES.map(pattern);
/** Candidate fields by name length, so a name is compared with one or two candidates only. */
const BY_LENGTH: number[][] = [];
FIELDS.forEach((f, i) => (BY_LENGTH[f.bytes.length] ??= []).push(i));

/** A fixed byte string, also as little-endian 32-bit words for comparing four bytes at a time. */
interface Pattern {
  bytes: Uint8Array;
  words: number[];
}

function pattern(s: string): Pattern {
  const bytes = ascii(s);
  const words: number[] = [];
  for (let k = 0; k + 4 <= bytes.length; k += 4) {
    words.push((bytes[k]! | (bytes[k + 1]! << 8) | (bytes[k + 2]! << 16) | (bytes[k + 3]! << 24)) >>> 0);
  }
  return { bytes, words };
}

/** Whether `pat` is at `p` (word compares, then the last bytes). */
function matchWords(buf: Uint8Array, words: DataView, p: number, pat: Pattern): boolean {
  const n = pat.bytes.length;
  if (p < 0 || p + n > buf.length) return false;
  const w = pat.words;
  for (let k = 0; k < w.length; k++) if (words.getUint32(p + 4 * k, true) !== w[k]) return false;
  for (let k = w.length * 4; k < n; k++) if (buf[p + k] !== pat.bytes[k]) return false;
  return true;
}

function matchAt(buf: Uint8Array, p: number, pattern: Uint8Array): boolean {
  if (p + pattern.length > buf.length) return false;
  for (let k = 0; k < pattern.length; k++) if (buf[p + k] !== pattern[k]) return false;
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Node's Buffer#latin1Slice (what `toString('latin1', ...)` calls, without its checks). */
type Latin1Slicing = Buffer & { latin1Slice?(start: number, end: number): string };

/**
 * Text of bytes `[from, to)`: the same string the whole line's UTF-8 decoding holds there (the
 * range is bounded by ASCII markup, so a broken sequence inside is replaced the same way). Always
 * a fresh string, never a slice of a larger one, so keeping it keeps nothing else alive. ASCII
 * (the common case) is copied as Latin-1, four times cheaper than a TextDecoder call.
 */
export function textOf(buf: Buffer, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    if (buf[i]! >= 0x80) return utf8.decode(buf.subarray(from, to));
  }
  const b = buf as Latin1Slicing;
  return b.latin1Slice !== undefined ? b.latin1Slice(from, to) : buf.toString('latin1', from, to);
}

export class EventCursor {
  eventId = 0;
  /** Byte ranges `[start, end)` of the raw texts; start -1 when absent. */
  recordIdStart = -1;
  recordIdEnd = -1;
  computerStart = -1;
  computerEnd = -1;
  systemTimeStart = -1;
  systemTimeEnd = -1;
  readonly fieldStart = new Int32Array(FIELD_COUNT);
  readonly fieldEnd = new Int32Array(FIELD_COUNT);
  buf: Buffer = Buffer.alloc(0);
  /** First `&` at or after the last record read in `buf` (-1: none); searched once per buffer run. */
  private nextAmp = -1;
  private ampBuf: Buffer | undefined;
  private ampFrom = 0;
  private words: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /**
   * Reads the event in `buf[from, to)` (`from` at `<Event`, `to` after the last non-blank byte).
   * False when the record is not in the canonical shape (or not well-formed): use the string path.
   */
  read(buf: Buffer, from: number, to: number): boolean {
    this.buf = buf;
    this.recordIdStart = this.computerStart = this.systemTimeStart = -1;
    this.fieldStart.fill(-1);
    // Entities need decoding (and checking): the string path does it. The search for `&` runs
    // ahead once over the buffer instead of once per record.
    if (this.ampBuf !== buf || from < this.ampFrom || (this.nextAmp !== -1 && this.nextAmp < from)) {
      if (this.ampBuf !== buf) this.words = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.ampBuf = buf;
      this.nextAmp = buf.indexOf(AMP, from);
    }
    const words = this.words;
    this.ampFrom = from;
    if (this.nextAmp !== -1 && this.nextAmp < to) return false;
    // Ends with `</Event>`: searches for `<` and `>` below then stop inside the record.
    if (to - from < 40 || !matchWords(buf, words, to - EVENT_END.bytes.length, EVENT_END)) return false;
    if (!matchWords(buf, words, from, EVENT_SYSTEM)) return false;
    let p = from + EVENT_SYSTEM.bytes.length;
    // System children: `<Name attrs>text</Name>` or `<Name attrs/>`, nothing nested and no `<` in
    // attributes or text, so the first `<Name` the string scanner looks for (inside
    // `<System>...</System>`) is the element met here. A plain byte loop: these parts are short.
    let eventId = -1;
    for (;;) {
      if (buf[p] !== LT) return false;
      if (buf[p + 1] === SLASH) break;
      const nameStart = p + 1;
      let q = nameStart;
      let c = buf[q]!;
      while (c !== GT && c !== 32 && c !== SLASH && c !== LT && q < to) c = buf[++q]!;
      const nameEnd = q;
      // E(ventID, ventRecordID), C(omputer), T(imeCreated): most names are none of them.
      const first = buf[nameStart];
      const read = first === 69 || first === 67 || first === 84 ? systemRead(buf, nameStart, nameEnd) : -1;
      if (read === -2) return false;
      // The tag ends at its first `>` (as in the string scanner); no markup inside it.
      if (c !== GT) {
        q = nextOrLT(buf, words, q, GT);
        if (buf[q] === LT) return false;
      }
      const selfClosed = buf[q - 1] === SLASH;
      if (read === READ_TIME_CREATED) {
        // `<TimeCreated SystemTime="v"/>` exactly: the attribute regex (on the tag up to its first
        // `>`) then reads v.
        if (this.systemTimeStart < 0) {
          if (!matchWords(buf, words, nameEnd, SYSTEM_TIME)) return false;
          const v = nameEnd + SYSTEM_TIME.bytes.length;
          let e = v;
          while (e < q && buf[e] !== QUOTE) e++;
          if (e >= q) return false;
          this.systemTimeStart = v;
          this.systemTimeEnd = e;
        }
      } else if (read >= 0 && buf[nameEnd] !== GT) {
        // EventID, EventRecordID, Computer: without attributes (the string scanner allows only a
        // blank or `>` after the name, and reads `<Tag/>` as '' or rejects it).
        return false;
      }
      if (selfClosed) {
        p = q + 1;
        continue;
      }
      const textStart = q + 1;
      const e = nextLT(buf, words, textStart);
      // The text must be followed by this element's own end tag.
      const n = nameEnd - nameStart;
      if (e + 3 + n > to || buf[e + 1] !== SLASH || buf[e + 2 + n] !== GT) return false;
      for (let k = 0; k < n; k++) if (buf[e + 2 + k] !== buf[nameStart + k]) return false;
      if (read === READ_EVENT_ID && eventId < 0) {
        // Digits only (the string scanner trims, then wants /^\d+$/; blanks are left to it).
        if (e === textStart || e - textStart > 9) return false;
        let v = 0;
        for (let k = textStart; k < e; k++) {
          const d = buf[k]! - 48;
          if (d < 0 || d > 9) return false;
          v = v * 10 + d;
        }
        eventId = v;
      } else if (read === READ_RECORD_ID && this.recordIdStart < 0) {
        this.recordIdStart = textStart;
        this.recordIdEnd = e;
      } else if (read === READ_COMPUTER && this.computerStart < 0) {
        this.computerStart = textStart;
        this.computerEnd = e;
      }
      p = e + 3 + n;
    }
    if (eventId < 0 || this.computerStart < 0) return false;
    const sysEnd = p;
    if (!matchWords(buf, words, sysEnd, SYSTEM_END_EVENTDATA)) return false;
    p = sysEnd + SYSTEM_END_EVENTDATA.bytes.length;
    // `<Data Name="N">v</Data>` or `<Data Name="N"/>`, back to back, then `</EventData></Event>`:
    // the first `</EventData>` is where the walk stops, since no name or value holds a `<`.
    for (;;) {
      if (!matchWords(buf, words, p, DATA_NAME)) break;
      const nameStart = p + DATA_NAME.bytes.length;
      // The name ends at the first `"`, with no markup before it.
      const q = nextOrLT(buf, words, nameStart, QUOTE);
      if (buf[q] !== QUOTE) return false;
      const nameEnd = q;
      let valueStart: number;
      let valueEnd: number;
      if (buf[q + 1] === GT) {
        valueStart = q + 2;
        valueEnd = nextLT(buf, words, valueStart);
        if (!matchWords(buf, words, valueEnd, DATA_END)) return false;
        p = valueEnd + DATA_END.bytes.length;
      } else if (buf[q + 1] === SLASH && buf[q + 2] === GT) {
        valueStart = valueEnd = q + 3;
        p = q + 3;
      } else return false;
      const candidates = BY_LENGTH[nameEnd - nameStart];
      if (candidates !== undefined) {
        for (const f of candidates) {
          // A repeated name: the last value wins, as in the string scanner.
          if (matchWords(buf, words, nameStart, FIELDS[f]!)) {
            this.fieldStart[f] = valueStart;
            this.fieldEnd[f] = valueEnd;
            break;
          }
        }
      }
    }
    if (!matchWords(buf, words, p, EVENTDATA_END_EVENT) || p + EVENTDATA_END_EVENT.bytes.length !== to) return false;
    this.eventId = eventId;
    return true;
  }

  /** Whether the event has `<Data Name="name">`. */
  has(field: number): boolean {
    return this.fieldStart[field]! >= 0;
  }

  /** The field's value as the string scanner decodes it, or undefined when absent. */
  field(field: number): string | undefined {
    const s = this.fieldStart[field]!;
    return s < 0 ? undefined : textOf(this.buf, s, this.fieldEnd[field]!);
  }

  /** `Computer`, trimmed as the string scanner does. */
  computer(): string {
    return textOf(this.buf, this.computerStart, this.computerEnd).trim();
  }

  recordId(): string {
    return this.recordIdStart < 0 ? '' : textOf(this.buf, this.recordIdStart, this.recordIdEnd).trim();
  }

  systemTime(): string {
    return this.systemTimeStart < 0 ? '' : textOf(this.buf, this.systemTimeStart, this.systemTimeEnd);
  }
}

export const F = Object.fromEntries(FIELD_NAMES.map((n, i) => [n, i])) as Readonly<Record<FieldName, number>>;
