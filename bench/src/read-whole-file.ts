import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes per read call: fs reads (and readFileSync) stop at 2 GiB. */
const CHUNK = 1 << 30;

/**
 * A whole file in one Buffer, read in 1 GiB pieces: the in-memory contenders load the 1e7-row
 * Arrow file (3.8 GB), past readFileSync's 2 GiB limit but within a Buffer's 4 GiB.
 */
export function readWholeFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, Math.min(CHUNK, size - at), at);
      if (n === 0) throw new Error(`${path}: file ended at byte ${at} of ${size}`);
      at += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}
