import { open } from 'node:fs/promises';

const LF = 10;
const CR = 13;
const BLOCK = 64 * 1024;

/**
 * Reads single lines of a file by byte offset (for the few lines a prefiltered Sysmon scan must
 * parse because of their process). Text as the line splitter gives it: UTF-8, no line break, a CR
 * before the LF dropped.
 */
export async function openLines(path: string): Promise<{ at(offset: number): Promise<string>; close(): Promise<void> }> {
  const fh = await open(path, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let block = Buffer.allocUnsafe(BLOCK);
  return {
    async at(offset: number): Promise<string> {
      let filled = 0;
      for (;;) {
        if (filled === block.length) {
          const bigger = Buffer.allocUnsafe(block.length * 2);
          block.copy(bigger, 0, 0, filled);
          block = bigger;
        }
        const { bytesRead } = await fh.read(block, filled, block.length - filled, offset + filled);
        const nl = block.subarray(filled, filled + bytesRead).indexOf(LF);
        filled += bytesRead;
        if (nl >= 0 || bytesRead === 0) {
          let end = nl >= 0 ? filled - bytesRead + nl : filled;
          if (end > 0 && block[end - 1] === CR) end--;
          return decoder.decode(block.subarray(0, end));
        }
      }
    },
    close: () => fh.close(),
  };
}
