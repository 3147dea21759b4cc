import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync, constants as zc } from 'node:zlib';
import { InputError } from '../input-error.js';
import { reusedChunks } from './reused-chunks.js';

const READ_CHUNK = 1 << 20;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The first bytes of a file's content, decompressed when the file is gzip (detected by magic
 * bytes, never by extension). Used for format detection only.
 */
export async function readHead(path: string, bytes = 64 * 1024): Promise<{ gzip: boolean; head: Uint8Array }> {
  const raw = await readRawHead(path, bytes);
  if (!isGzip(raw)) return { gzip: false, head: raw };
  const compressed = await readRawHead(path, bytes * 4);
  try {
    // Z_SYNC_FLUSH tolerates a cut stream: we only have the file's beginning.
    const out = gunzipSync(compressed, { finishFlush: zc.Z_SYNC_FLUSH });
    return { gzip: true, head: out.subarray(0, bytes * 4) };
  } catch (err) {
    throw new InputError(`${path}: gzip data is corrupt (${(err as Error).message})`, path);
  }
}

async function readRawHead(path: string, bytes: number): Promise<Uint8Array> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new InputError(`${path}: cannot open (${describeFsError(err)})`, path);
  }
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}

/**
 * Streams a file's content (gunzipped when `gzip`), calling `onRawBytes` with the count of bytes
 * read from disk. A truncated or corrupt gzip stream becomes an InputError naming the file.
 *
 * `reuse` (uncompressed files only): the chunks are views of two buffers read into in turn
 * (reused-chunks.ts), each valid only until the next chunk is asked for; for callers that copy
 * what they keep (the needle line splitter), so a long read leaves no trail of dead buffers.
 */
export async function* byteStream(
  path: string,
  gzip: boolean,
  onRawBytes?: (n: number) => void,
  reuse = false,
): AsyncGenerator<Uint8Array> {
  if (reuse && !gzip) {
    try {
      yield* reusedChunks(path, 0, Number.POSITIVE_INFINITY, onRawBytes && ((c) => onRawBytes(c.length)));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${path}: read error (${describeFsError(err)})`, path);
    }
    return;
  }
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (onRawBytes) raw.on('data', (c) => onRawBytes(c.length));
  const stream = gzip ? raw.pipe(createGunzip({ chunkSize: READ_CHUNK })) : raw;
  if (gzip) raw.on('error', (e) => stream.destroy(e));
  let produced = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      produced += chunk.length;
      yield chunk;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (gzip && (code === 'Z_BUF_ERROR' || /unexpected end/i.test((err as Error).message))) {
      throw new InputError(
        `${path}: truncated gzip file (compressed stream ends early after ${produced} decompressed bytes)`,
        path, undefined, produced,
      );
    }
    if (gzip && code !== undefined && code.startsWith('Z_')) {
      throw new InputError(`${path}: corrupt gzip data (${(err as Error).message})`, path, undefined, produced);
    }
    throw new InputError(`${path}: read error (${describeFsError(err)})`, path);
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
}
