import { open } from 'node:fs/promises';
import { byteStream } from '../../io/byte-stream.js';
import { SpillDir } from '../../sort/spill-dir.js';

const copies = new Map<string, Promise<string>>();

/**
 * A gzip Arrow IPC input decompressed once into a private temporary file, so it is read by the
 * same positional reader as a plain file: only the needed columns, metadata bounds checked before
 * apache-arrow decodes anything. apache-arrow's own async stream reader took ~12 s to reject a
 * 1.26 MB corrupt stream (reader fuzz finding) and decodes every column. A truncated or corrupt
 * gzip stream fails here, at once, with the decompressor's message. The copy lives until the
 * process exits (or is interrupted): the schema and the scan of one run both use it.
 */
export function gunzippedCopy(path: string): Promise<string> {
  let copy = copies.get(path);
  if (copy === undefined) {
    copy = decompress(path);
    copies.set(path, copy);
    copy.catch(() => copies.delete(path));
  }
  return copy;
}

async function decompress(path: string): Promise<string> {
  const dir = new SpillDir('kqlr-gunzip-');
  const target = dir.file('input.arrow');
  try {
    const out = await open(target, 'w');
    try {
      for await (const chunk of byteStream(path, true)) await out.write(chunk);
    } finally {
      await out.close();
    }
    return target;
  } catch (err) {
    dir.remove();
    throw err;
  }
}
