import type { ChunkLog } from './chunk-log.js';
import { keyHashOf } from './key-hash.js';
import type { ProcessCreate } from './process-table.js';

export const KIND_CREATE = 1;
export const KIND_END = 5;

// Header (32 bytes): kind u8, flags u8, 2 spare, length u32 (whole record), then the fingerprints
// of (host, guid), (host, pid), (host, parent guid), (host, parent pid) as i32, then ticks i64.
const KIND = 0;
const FLAGS = 1;
const LENGTH = 4;
const GUID_KEY = 8;
const PID_KEY = 12;
const PARENT_GUID_KEY = 16;
const PARENT_PID_KEY = 20;
const TICKS = 24;
const HEADER = 32;

/** Texts in UTF-16LE: the record holds a lone surrogate, which UTF-8 cannot carry. */
const UTF16 = 1;
const HAS_USER = 2;
const HAS_HASHES = 4;
const HAS_LOGON_ID = 8;
const NO_TICKS = 16;
/** A text rows take (command line, user, hashes, parent image) has a non-ASCII character. */
const NON_ASCII_TEXT = 32;

/** Strings of an EventID 1 record, in this order (each a u32 byte length, then the bytes). */
export const CREATE_TEXTS = ['computer', 'guid', 'pid', 'commandLine', 'user', 'hashes', 'logonId', 'parentGuid', 'parentPid', 'parentImage'] as const;
export const COMMAND_LINE = 3;
export const USER = 4;
export const HASHES = 5;
export const PARENT_IMAGE = 9;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Appends an EventID 1's record: its ProcessCreate exactly (undefined kept apart from ''). */
export function writeCreate(log: ChunkLog, p: ProcessCreate): void {
  const texts = [p.computer, p.guid, p.pid, p.commandLine, p.user ?? '', p.hashes ?? '', p.logonId ?? '', p.parentGuid, p.parentPid, p.parentImage];
  let flags = (p.user !== undefined ? HAS_USER : 0) | (p.hashes !== undefined ? HAS_HASHES : 0) | (p.logonId !== undefined ? HAS_LOGON_ID : 0);
  if (p.startTicks === null) flags |= NO_TICKS;
  if (!isAscii(p.commandLine) || !isAscii(p.user ?? '') || !isAscii(p.hashes ?? '') || !isAscii(p.parentImage)) flags |= NON_ASCII_TEXT;
  const at = write(log, KIND_CREATE, flags, texts, p.startTicks ?? 0n);
  at.buf.writeInt32LE(keyHashOf(p.computer, p.guid) | 0, at.at + GUID_KEY);
  at.buf.writeInt32LE(keyHashOf(p.computer, p.pid) | 0, at.at + PID_KEY);
  at.buf.writeInt32LE(keyHashOf(p.computer, p.parentGuid) | 0, at.at + PARENT_GUID_KEY);
  at.buf.writeInt32LE(keyHashOf(p.computer, p.parentPid) | 0, at.at + PARENT_PID_KEY);
}

/** Appends an EventID 5's record (its parent keys are unused). */
export function writeEnd(log: ChunkLog, computer: string, guid: string, t: bigint): void {
  const at = write(log, KIND_END, 0, [computer, guid], t);
  at.buf.writeInt32LE(keyHashOf(computer, guid) | 0, at.at + GUID_KEY);
  at.buf.fill(0, at.at + PID_KEY, at.at + TICKS);
}

function write(log: ChunkLog, kind: number, flags: number, texts: string[], ticks: bigint): { buf: Buffer; at: number } {
  // Mostly ASCII: then UTF-8 is Latin-1 (a faster encoder) and as long as the string.
  const ascii = texts.every(isAscii);
  const utf16 = !ascii && texts.some(hasLoneSurrogate);
  const encoding = ascii ? 'latin1' : utf16 ? 'utf16le' : 'utf8';
  let n = HEADER;
  for (const s of texts) n += 4 + (ascii ? s.length : utf16 ? s.length * 2 : Buffer.byteLength(s, 'utf8'));
  const room = log.reserve(n);
  const { buf } = room;
  let p = room.at;
  buf[p + KIND] = kind;
  buf[p + FLAGS] = flags | (utf16 ? UTF16 : 0);
  buf.writeUInt32LE(n, p + LENGTH);
  buf.writeBigInt64LE(ticks, p + TICKS);
  p += HEADER;
  for (const s of texts) {
    const len = buf.write(s, p + 4, encoding);
    buf.writeUInt32LE(len, p);
    p += 4 + len;
  }
  log.commit(n);
  return room;
}

const NOT_ASCII = /[^\x00-\x7f]/;

function isAscii(s: string): boolean {
  return !NOT_ASCII.test(s);
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdfff) return LONE_SURROGATE.test(s);
  }
  return false;
}

/** A view on one record of a chunk (reused from record to record). */
export class LogRecord {
  buf: Buffer = Buffer.alloc(0);
  at = 0;
  /** Where the next record starts. */
  next = 0;
  kind = 0;
  flags = 0;
  guidKey = 0;
  pidKey = 0;
  parentGuidKey = 0;
  parentPidKey = 0;

  point(buf: Buffer, at: number): void {
    this.buf = buf;
    this.at = at;
    this.next = at + buf.readUInt32LE(at + LENGTH);
    this.kind = buf[at + KIND]!;
    this.flags = buf[at + FLAGS]!;
    // Stored as i32; compared with fingerprints as computed (unsigned): back to unsigned.
    this.guidKey = buf.readInt32LE(at + GUID_KEY) >>> 0;
    this.pidKey = buf.readInt32LE(at + PID_KEY) >>> 0;
    this.parentGuidKey = buf.readInt32LE(at + PARENT_GUID_KEY) >>> 0;
    this.parentPidKey = buf.readInt32LE(at + PARENT_PID_KEY) >>> 0;
  }

  get utf16(): boolean {
    return (this.flags & UTF16) !== 0;
  }

  /** Whether a text rows take may hold a non-ASCII character (UTF-16 records always may). */
  get nonAsciiText(): boolean {
    return (this.flags & (NON_ASCII_TEXT | UTF16)) !== 0;
  }

  /** Byte range [start, end) of text `k` (an index into CREATE_TEXTS, or 0-1 for an end record). */
  textRange(k: number): [number, number] {
    let p = this.at + HEADER;
    for (let i = 0; i < k; i++) p += 4 + this.buf.readUInt32LE(p);
    return [p + 4, p + 4 + this.buf.readUInt32LE(p)];
  }

  text(k: number): string {
    const [s, e] = this.textRange(k);
    return this.buf.toString(this.utf16 ? 'utf16le' : 'utf8', s, e);
  }

  create(): ProcessCreate {
    const t = this.texts(CREATE_TEXTS.length);
    const f = this.flags;
    return {
      computer: t[0]!,
      guid: t[1]!,
      pid: t[2]!,
      commandLine: t[3]!,
      user: f & HAS_USER ? t[4]! : undefined,
      startTicks: f & NO_TICKS ? null : this.buf.readBigInt64LE(this.at + TICKS),
      hashes: f & HAS_HASHES ? t[5]! : undefined,
      logonId: f & HAS_LOGON_ID ? t[6]! : undefined,
      parentGuid: t[7]!,
      parentPid: t[8]!,
      parentImage: t[9]!,
    };
  }

  end(): { computer: string; guid: string; ticks: bigint } {
    const t = this.texts(2);
    return { computer: t[0]!, guid: t[1]!, ticks: this.buf.readBigInt64LE(this.at + TICKS) };
  }

  private texts(count: number): string[] {
    const encoding = this.utf16 ? 'utf16le' : 'utf8';
    const out: string[] = [];
    let p = this.at + HEADER;
    for (let i = 0; i < count; i++) {
      const len = this.buf.readUInt32LE(p);
      out.push(this.buf.toString(encoding, p + 4, p + 4 + len));
      p += 4 + len;
    }
    return out;
  }
}
