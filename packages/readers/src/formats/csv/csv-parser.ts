import { MAX_RECORD_CHARS, RecordTooLongError } from '../../io/record-limit.js';

/** One CSV record; `line` is the 1-based line where it starts. `error` marks a broken record. */
export interface CsvRecord {
  fields: string[];
  line: number;
  error?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 records from text chunks: `,` separator, `"` quoting with `""` escapes, quoted fields
 * may span lines; LF or CRLF; the last record may lack a line break. Records are handed out in
 * blocks (one per chunk). A record cut by a chunk boundary is re-parsed when more text arrives.
 */
export async function* csvRecords(chunks: AsyncIterable<string>, maxRecord = MAX_RECORD_CHARS): AsyncGenerator<CsvRecord[]> {
  let buf = '';
  let line = 1;
  // New text waits here until there is twice as much as the unfinished record it extends, so a
  // huge record is re-parsed a logarithmic number of times, not once per chunk (quadratic).
  let waiting: string[] = [];
  let waitingLength = 0;
  let retryAt = 0;
  for await (const chunk of chunks) {
    waiting.push(chunk);
    waitingLength += chunk.length;
    if (buf.length + waitingLength < retryAt) continue;
    buf = buf.length > 0 || waiting.length > 1 ? buf + waiting.join('') : chunk;
    waiting = [];
    waitingLength = 0;
    const out: CsvRecord[] = [];
    const consumed = parseRecords(buf, false, line, out);
    buf = buf.slice(consumed.pos);
    line = consumed.line;
    if (buf.length > maxRecord) throw new RecordTooLongError(line, maxRecord);
    retryAt = Math.min(buf.length * 2, maxRecord + 1);
    if (out.length > 0) yield out;
  }
  if (waiting.length > 0) buf += waiting.join('');
  if (buf.length > 0) {
    const out: CsvRecord[] = [];
    if (buf.length > maxRecord) throw new RecordTooLongError(line, maxRecord);
    parseRecords(buf, true, line, out);
    if (out.length > 0) yield out;
  }
}

/**
 * The records of one record line (without its line break; e.g. kept by a prefilter) starting at
 * `line`, read as csvRecords reads it inside a stream: followed by its line break, so a lone CR
 * in an unquoted field stays text there too (only the text's last line treats it as a break).
 */
export function csvRecordsOfText(text: string, line: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  // An empty line is one record with one empty field, as csvRecords reads it.
  if (text.length === 0) return [{ fields: [''], line }];
  parseRecords(`${text}\n`, true, line, out);
  return out;
}

/** Parses whole records from `s`; returns where the first incomplete record starts. */
function parseRecords(s: string, atEnd: boolean, startLine: number, out: CsvRecord[]): { pos: number; line: number } {
  let pos = 0;
  let line = startLine;
  const n = s.length;
  while (pos < n) {
    const r = parseRecord(s, pos, atEnd);
    if (r === null) break;
    out.push({ fields: r.fields, line, ...(r.error ? { error: r.error } : {}) });
    line += r.newlines;
    pos = r.next;
  }
  return { pos, line };
}

interface Parsed {
  fields: string[];
  next: number;
  newlines: number;
  error?: string;
}

function parseRecord(s: string, start: number, atEnd: boolean): Parsed | null {
  const n = s.length;
  const fields: string[] = [];
  let p = start;
  let newlines = 0;
  let error: string | undefined;
  for (;;) {
    if (p < n && s.charCodeAt(p) === QUOTE) {
      let value = '';
      let q = p + 1;
      for (;;) {
        const j = s.indexOf('"', q);
        if (j < 0) {
          if (!atEnd) return null;
          newlines += countNewlines(s, q, n);
          value += s.slice(q);
          fields.push(value);
          return { fields, next: n, newlines, error: 'unterminated quoted field (missing closing ")' };
        }
        if (j + 1 >= n && !atEnd) return null;
        if (s.charCodeAt(j + 1) === QUOTE) {
          newlines += countNewlines(s, q, j);
          value += s.slice(q, j + 1);
          q = j + 2;
          continue;
        }
        newlines += countNewlines(s, q, j);
        value += s.slice(q, j);
        p = j + 1;
        break;
      }
      // After a closing quote only a separator or the end of the record may follow (a CR only as
      // part of CRLF or as the text's last character: a lone CR is never a line break).
      if (p < n) {
        const c = s.charCodeAt(p);
        if (c === CR && p + 1 >= n && !atEnd) return null;
        if (c !== COMMA && c !== LF && !(c === CR && (p + 1 >= n || s.charCodeAt(p + 1) === LF))) {
          error ??= `unexpected character ${JSON.stringify(s[p])} after a closing quote`;
          const k = findFieldEnd(s, p);
          if (k < 0 && !atEnd) return null;
          value += s.slice(p, k < 0 ? n : k);
          p = k < 0 ? n : k;
        }
      }
      fields.push(value);
    } else {
      const k = findFieldEnd(s, p);
      if (k < 0) {
        if (!atEnd) return null;
        fields.push(s.slice(p));
        p = n;
      } else {
        fields.push(s.slice(p, k));
        p = k;
      }
    }
    if (p >= n) {
      if (!atEnd) return null;
      return { fields, next: n, newlines, ...(error ? { error } : {}) };
    }
    const c = s.charCodeAt(p);
    if (c === COMMA) {
      p++;
      if (p >= n && !atEnd) return null;
      if (p >= n) {
        fields.push('');
        return { fields, next: n, newlines, ...(error ? { error } : {}) };
      }
      continue;
    }
    if (c === CR) {
      if (p + 1 >= n && !atEnd) return null;
      p += s.charCodeAt(p + 1) === LF ? 2 : 1;
    } else p++;
    return { fields, next: p, newlines: newlines + 1, ...(error ? { error } : {}) };
  }
}

/**
 * Index of the next `,` or line end (LF, the CR of CRLF, or a CR that is the text's last
 * character) at or after `p`, or -1. A lone CR elsewhere is text: where it falls must not depend
 * on how the input was cut into chunks, nor differ between a stream and one record line read alone
 * (the prefilter's path). Uses indexOf (native, fast) and remembers the next LF of the current text
 * across calls, since a record has many fields but one line end.
 */
let nlText = '';
let nlFrom = -1;
let nlAt = -1;
function findFieldEnd(s: string, p: number): number {
  if (s !== nlText || p < nlFrom || (nlAt >= 0 && p > nlAt)) {
    nlText = s;
    nlFrom = p;
    nlAt = s.indexOf('\n', p);
  }
  let end: number;
  if (nlAt >= 0) end = nlAt > p && s.charCodeAt(nlAt - 1) === CR ? nlAt - 1 : nlAt;
  else end = s.length > p && s.charCodeAt(s.length - 1) === CR ? s.length - 1 : -1; // maybe CRLF cut by a chunk end
  const comma = s.indexOf(',', p);
  if (comma >= 0 && (end < 0 || comma < end)) return comma;
  return end;
}

/**
 * LFs in s[from, to), counted over that range only: a field of a million doubled quotes is a
 * million short spans, and an indexOf from each would scan on to the line's end every time
 * (quadratic: 85 s for the million-quote limit test instead of well under a second).
 */
function countNewlines(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === LF) k++;
  return k;
}

/** Whether a CSV line ends with an empty record (a blank line), which readers skip. */
export function isBlankRecord(r: CsvRecord): boolean {
  return r.fields.length === 1 && r.fields[0] === '';
}
