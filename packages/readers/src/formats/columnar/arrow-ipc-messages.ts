import { Message } from 'apache-arrow';
import { Footer } from 'apache-arrow/ipc/metadata/file';
import { InputError } from '../../input-error.js';
import type { PositionalFile } from './positional-file.js';
import { checkFooterBounds, checkMessageBounds } from './arrow-metadata-bounds.js';

/** `ARROW1`: the IPC file format's leading and trailing magic. */
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
/** Continuation marker before each message's metadata length (format 0.15+). */
const CONTINUATION = -1;

export interface MessageAt {
  message: Message;
  /** File offset of the message body. */
  bodyStart: number;
}

/** Whether the file is the IPC *file* format (magic at both ends), not the stream format. */
export async function isIpcFileFormat(file: PositionalFile): Promise<boolean> {
  if (file.size < 12) return false;
  const head = await file.readUpTo(0, 6);
  const tail = await file.readUpTo(file.size - 6, 6);
  return MAGIC.every((b, i) => head[i] === b && tail[i] === b);
}

/**
 * The footer of an IPC file: the schema and where each dictionary and record batch starts.
 * Layout: ... footer flatbuffer, int32 footer length, `ARROW1`.
 */
export async function readFooter(file: PositionalFile): Promise<Footer> {
  const lengthAt = file.size - 10;
  const length = new DataView(toArrayBuffer(await file.readExact(lengthAt, 4))).getInt32(0, true);
  if (length <= 0 || length > lengthAt - 8) {
    throw new InputError(`${file.path}: corrupt Arrow IPC file (footer length ${length})`, file.path);
  }
  const bytes = await file.readExact(lengthAt - length, length);
  return decoded(file, lengthAt - length, () => {
    checkFooterBounds(bytes);
    return Footer.decode(bytes);
  });
}

/**
 * The message at `position` of a stream, or null at the end of the stream (end-of-stream marker
 * or end of the file). Messages are: [0xFFFFFFFF] int32 metadata length, flatbuffer metadata
 * (padded to 8 bytes), body. Pre-0.15 writers left out the continuation marker.
 */
export async function readMessageAt(file: PositionalFile, position: number): Promise<MessageAt | null> {
  const head = await file.readUpTo(position, 8);
  if (head.length < 4) return null;
  const view = new DataView(toArrayBuffer(head));
  let length = view.getInt32(0, true);
  let prefix = 4;
  if (length === CONTINUATION) {
    if (head.length < 8) return null;
    length = view.getInt32(4, true);
    prefix = 8;
  }
  if (length === 0) return null;
  if (length < 0 || position + prefix + length > file.size) {
    throw new InputError(`${file.path}: corrupt or truncated Arrow IPC data (message at byte ${position} has metadata length ${length})`, file.path, undefined, position);
  }
  const metadata = await file.readExact(position + prefix, length);
  const message = await decoded(file, position, () => {
    checkMessageBounds(metadata);
    return Message.decode(metadata);
  });
  const bodyStart = position + prefix + length;
  if (bodyStart + message.bodyLength > file.size) {
    throw new InputError(`${file.path}: truncated Arrow IPC data (message at byte ${position} needs ${message.bodyLength} body bytes)`, file.path, undefined, position);
  }
  return { message, bodyStart };
}

async function decoded<T>(file: PositionalFile, position: number, decode: () => T | Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file.path}: corrupt Arrow IPC metadata at byte ${position} (${(err as Error).message})`, file.path, undefined, position);
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
