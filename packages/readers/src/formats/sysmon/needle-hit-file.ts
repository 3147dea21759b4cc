import { closeSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { SparseLineBlock } from '../../io/needle-lines.js';

const LF = 10;
const SPACE = 32;
/**
 * 64 KiB (a few dozen hit lines) per block: a block's line strings live until its last line is
 * mapped, and 1 MiB blocks lived long enough to be promoted out of the young generation, leaving
 * the whole hit file (~90 MB at 1e7 bench rows) as old-space garbage for a full collection.
 */
const READ_BYTES = 64 * 1024;

/**
 * The needle-scan worker's hit lines, one record per line: the decimal line number, a space, the
 * line's text as UTF-8, LF. A hit line never holds an LF (lines are split at it) and its text is
 * what TextDecoder gave, so encoding it again and decoding gives the same string back.
 */
export class HitFileWriter {
  hits = 0;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(block: SparseLineBlock): void {
    if (block.lines.length === 0) return;
    let text = '';
    for (let k = 0; k < block.lines.length; k++) text += `${block.lineNumbers[k]!} ${block.lines[k]!}\n`;
    writeSync(this.fd, text);
    this.hits += block.lines.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The hit file's lines, in file order, about 64 KiB of them per block. */
export async function* hitFileBlocks(path: string): AsyncGenerator<SparseLineBlock> {
  const fh = await open(path, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  try {
    let buf = Buffer.allocUnsafe(READ_BYTES);
    let kept = 0;
    for (;;) {
      if (kept === buf.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, kept, buf.length - kept, null);
      const end = kept + bytesRead;
      const block: SparseLineBlock = { lines: [], lineNumbers: [] };
      let p = 0;
      for (let nl = buf.indexOf(LF, p); nl >= 0 && nl < end; nl = buf.indexOf(LF, p)) {
        const sp = buf.indexOf(SPACE, p);
        block.lineNumbers.push(Number(buf.toString('latin1', p, sp)));
        block.lines.push(decoder.decode(buf.subarray(sp + 1, nl)));
        p = nl + 1;
      }
      if (block.lines.length > 0) yield block;
      if (bytesRead === 0) {
        if (p < end) throw new Error(`needle hit file ${path}: cut record at its end`);
        return;
      }
      buf.copy(buf, 0, p, end);
      kept = end - p;
    }
  } finally {
    await fh.close();
  }
}
