import { LineCarry } from '../../io/line-carry.js';
import { MAX_RECORD_CHARS, RecordTooLongError } from '../../io/record-limit.js';
import type { FileScanContext } from '../../scan/scan-context.js';
import { EventCursor, textOf } from './event-cursor.js';
import type { SysmonBroken, SysmonEvent } from './sysmon-event.js';
import { syslogLineEvent } from './syslog-line.js';

/** Receives the Sysmon records of a syslog file, in file order. */
export interface SyslogSink {
  /**
   * A record in libxml2's canonical shape, read in place by the cursor (valid while called);
   * `offset` is the byte offset of its line in the file.
   */
  fast(cursor: EventCursor, line: number, offset: number): void;
  /** Any other `<Event>` line: the string scanner's verdict (null when `wanted` rejected it). */
  scanned(r: SysmonEvent | SysmonBroken | null, line: number, offset: number): void;
  /** Awaited after each input chunk (a sink may write out what it gathered). */
  chunkDone?(): Promise<void>;
}

const LF = 10;
const CR = 13;
const LT = 60;
const EVENT = Buffer.from('<Event');

function matchEvent(buf: Buffer, p: number): boolean {
  for (let k = 1; k < EVENT.length; k++) if (buf[p + k] !== EVENT[k]) return false;
  return true;
}
const SYSMON = Buffer.from('sysmon');
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Sysmon syslog lines straight from the file's bytes: lines are cut at LF (a CR before it
 * dropped), other programs' lines are skipped and counted without being decoded, and an event in
 * the canonical shape is read by the byte cursor. Every other line with `<Event` (entities, a cut
 * or broken record, unusual spacing, non-ASCII around the markup) is decoded and handed to the
 * string path (`syslogLineEvent`), so verdicts and messages are exactly those of lineBlocks +
 * scanEvent. A byte-order mark at the start of the file is dropped, as the text decoder does.
 * A chunk of `bytes` need only be valid until the next is asked for: an unfinished line is copied.
 */
export async function readSyslogBytes(
  bytes: AsyncIterable<Uint8Array>,
  ctx: FileScanContext,
  sink: SyslogSink,
  wanted?: (eventId: number) => boolean,
): Promise<void> {
  const cursor = new EventCursor();
  let lineNo = 1;
  // The unfinished line, copied (a chunk may be read into again once the next is asked for).
  const carry = new LineCarry();
  let first = true;
  /** Byte offset in the file of the current chunk's start, and of the unfinished line's start. */
  let consumed = 0;
  let carryStart = 0;
  let base = 0;
  const lines = (buf: Buffer, from: number, to: number, at0: number): void => {
    base = at0;
    // [from, to) holds complete lines, each ending in LF.
    // First `<` at or after the current line (-1: none left; -2: not searched yet). `<Event` is
    // found from `<` positions: one byte search per line instead of a pattern search.
    let nextLt = -2;
    let p = from;
    while (p < to) {
      const nl = buf.indexOf(LF, p);
      const end = nl < 0 || nl >= to ? to : nl;
      if (nextLt !== -1 && nextLt < p) nextLt = buf.indexOf(LT, p);
      let at = -1;
      while (nextLt !== -1 && nextLt < end) {
        if (matchEvent(buf, nextLt)) {
          at = nextLt;
          nextLt = -2;
          break;
        }
        nextLt = buf.indexOf(LT, nextLt + 1);
      }
      line(buf, p, end > p && buf[end - 1] === CR ? end - 1 : end, at);
      lineNo++;
      p = end + 1;
    }
  };
  const line = (buf: Buffer, start: number, end: number, at: number): void => {
    if (end - start > MAX_RECORD_CHARS && textOf(buf, start, end).length > MAX_RECORD_CHARS) {
      throw new RecordTooLongError(lineNo, MAX_RECORD_CHARS);
    }
    if (at < 0) {
      if (!isBlank(buf, start, end)) ctx.skipLine();
      return;
    }
    const next = at + 6 < end ? buf[at + 6]! : -1;
    if (next >= 0x80 || (at > start && !sysmonTagBefore(buf, start, at))) {
      // Unicode blanks and unusual prefixes: the string path decides.
      const r = syslogLineEvent(utf8.decode(buf.subarray(start, end)), ctx, wanted);
      if (r !== undefined) sink.scanned(r, lineNo, base + start);
      return;
    }
    if (next !== 62 && !isAsciiBlank(next)) {
      ctx.skipLine();
      return;
    }
    let to = end;
    while (to > at && isAsciiBlank(buf[to - 1]!)) to--;
    if (cursor.read(buf, at, to)) {
      if (wanted === undefined || wanted(cursor.eventId)) sink.fast(cursor, lineNo, base + start);
      else sink.scanned(null, lineNo, base + start);
      return;
    }
    const r = syslogLineEvent(utf8.decode(buf.subarray(start, end)), ctx, wanted);
    if (r !== undefined) sink.scanned(r, lineNo, base + start);
  };

  for await (const b of bytes) {
    let chunk = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        consumed = 3;
      }
    }
    let from = 0;
    if (carry.size > 0) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        carry.append(chunk);
        consumed += chunk.length;
        // UTF-16 length >= bytes / 3: past this the line is surely over the limit.
        if (carry.size > 3 * MAX_RECORD_CHARS) throw new RecordTooLongError(lineNo, MAX_RECORD_CHARS);
        continue;
      }
      // A view of the carry's buffer, read before anything is appended again.
      const joined = carry.join(chunk.subarray(0, nl + 1));
      lines(joined, 0, joined.length, carryStart);
      from = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= from) {
      lines(chunk, from, last + 1, consumed);
      from = last + 1;
    }
    if (from < chunk.length) {
      if (carry.size === 0) carryStart = consumed + from;
      carry.append(chunk.subarray(from));
    }
    consumed += chunk.length;
    await sink.chunkDone?.();
  }
  if (carry.size > 0) {
    const rest = carry.join(new Uint8Array(0));
    lines(rest, 0, rest.length, carryStart);
  }
}

function isAsciiBlank(c: number): boolean {
  // JS `\s` within ASCII: tab, LF, VT, FF, CR, space.
  return c === 32 || (c >= 9 && c <= 13);
}

/** `line.trim() === ''` without decoding an ASCII line. */
function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x80) return textOf(buf, start, end).trim() === '';
    if (!isAsciiBlank(c)) return false;
  }
  return true;
}

/**
 * Whether the text before `<Event` ends with the syslog tag `sysmon:` / `sysmon[pid]:` (then
 * blanks), preceded by a blank or nothing: the regex of the string path, /(?:^|\s)sysmon(?:\[\d+\])?:\s*$/,
 * evaluated on ASCII bytes. Non-ASCII bytes in the part examined make it answer false, which
 * sends the line to the string path (where `\s` also covers Unicode blanks).
 */
function sysmonTagBefore(buf: Buffer, start: number, at: number): boolean {
  let p = at - 1;
  while (p >= start && isAsciiBlank(buf[p]!)) p--;
  if (p < start || buf[p] !== 58) return false;
  p--;
  if (p >= start && buf[p] === 93) {
    let digits = 0;
    p--;
    while (p >= start && buf[p]! >= 48 && buf[p]! <= 57) {
      p--;
      digits++;
    }
    if (digits === 0 || p < start || buf[p] !== 91) return false;
    p--;
  }
  p -= SYSMON.length - 1;
  if (p < start) return false;
  for (let k = 0; k < SYSMON.length; k++) if (buf[p + k] !== SYSMON[k]) return false;
  return p === start || isAsciiBlank(buf[p - 1]!);
}
