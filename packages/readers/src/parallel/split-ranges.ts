import { open } from 'node:fs/promises';

/** A byte range of a file: [start, end). */
export interface ByteRange {
  start: number;
  end: number;
}

const PROBE = 64 * 1024;

/**
 * Cuts `[from, size)` of a file into at most `parts` ranges of about equal size, each starting at
 * a line start (just after an LF), so every range holds whole lines. A part with no line break
 * after its nominal start joins the previous range.
 */
export async function lineAlignedRanges(path: string, from: number, size: number, parts: number): Promise<ByteRange[]> {
  const cuts = [from];
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE);
    for (let k = 1; k < parts; k++) {
      const nominal = from + Math.floor(((size - from) * k) / parts);
      // Searching from the byte before the nominal cut keeps a cut that already sits at a line start.
      let at = Math.max(nominal - 1, cuts[cuts.length - 1]!);
      let cut = -1;
      while (at < size) {
        const { bytesRead } = await fh.read(buf, 0, PROBE, at);
        if (bytesRead === 0) break;
        const i = buf.subarray(0, bytesRead).indexOf(10);
        if (i >= 0) {
          cut = at + i + 1;
          break;
        }
        at += bytesRead;
      }
      if (cut < 0 || cut >= size) break;
      if (cut > cuts[cuts.length - 1]!) cuts.push(cut);
    }
  } finally {
    await fh.close();
  }
  return cuts.map((start, i) => ({ start, end: i + 1 < cuts.length ? cuts[i + 1]! : size }));
}
