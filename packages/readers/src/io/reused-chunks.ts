import { open } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * The bytes `[start, end)` of an uncompressed file (`end` may be Infinity: to its end) in chunks
 * of up to 1 MiB, read into two buffers used in turn: the next chunk is read while the caller works on the current one, and **a chunk
 * is valid only until the caller asks for the next** (its buffer is then read into again). A
 * caller that needs bytes beyond that (an unfinished line) must copy them.
 *
 * Why: a stream allocates a fresh 1 MiB buffer per read. Buffers held across a few young-
 * generation collections are promoted and then freed only by a full collection, so over a long
 * read tens of MiB of dead chunks accumulate in each thread (a 1e7-row file: ~25 MiB per worker
 * against ~11 at 1e6); two fixed buffers keep the reader's memory independent of input size.
 */
export async function* reusedChunks(path: string, start: number, end: number, onChunk?: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  const fh = await open(path, 'r');
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    // Sized for the bytes there are: a small file gets small buffers.
    const want = Math.max(1, Math.min(CHUNK, end - start, (await fh.stat()).size - start + 1));
    const buffers = [Buffer.allocUnsafe(want), Buffer.allocUnsafe(want)];
    let pos = start;
    let turn = 0;
    const readInto = (buf: Buffer, at: number): Promise<{ bytesRead: number }> =>
      fh.read(buf, 0, Math.min(buf.length, end - at), at);
    pending = readInto(buffers[0]!, pos);
    while (pos < end) {
      const { bytesRead } = await pending!;
      pending = undefined;
      // A file that shrank after it was opened ends the range early, as a stream would.
      if (bytesRead === 0) return;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      pos += bytesRead;
      turn ^= 1;
      // Read ahead into the other buffer: the caller is done with it (it asked for this chunk).
      if (pos < end) pending = readInto(buffers[turn]!, pos);
      onChunk?.(chunk);
      yield chunk;
    }
  } finally {
    // A caller that stops early may leave a read-ahead in flight: let it land before closing.
    await pending?.catch(() => undefined);
    await fh.close();
  }
}
