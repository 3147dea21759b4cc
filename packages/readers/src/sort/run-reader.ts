import { readSync } from 'node:fs';

const LF = 10;

/**
 * The lines of a spilled run (UTF-8, each ended by LF), one at a time, read into one reused
 * buffer. A line is decoded only when asked for, so at most one line per run is a JS string at
 * a time, and the buffer, allocated once, lives outside the JS heap. The buffer doubles for a
 * line longer than it. LF never occurs inside a UTF-8 multi-byte sequence, so cutting at it never
 * splits a character; a last line without LF is still a line.
 *
 * Reads are synchronous: runs are local temporary files, usually still in the page cache, and
 * the merge asks for one line at a time (a promise per line would cost more than the read).
 */
export class RunReader {
  private buf: Buffer;
  private start = 0;
  private end = 0;
  private pos = 0;
  private eof = false;

  constructor(
    private readonly fd: number,
    bytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(1, bytes));
  }

  /** The next line without its LF, or undefined at the end of the file. */
  next(): string | undefined {
    for (;;) {
      const nl = this.start < this.end ? this.buf.indexOf(LF, this.start) : -1;
      if (nl >= 0 && nl < this.end) {
        const line = this.buf.toString('utf8', this.start, nl);
        this.start = nl + 1;
        return line;
      }
      if (this.eof) {
        if (this.start === this.end) return undefined;
        const line = this.buf.toString('utf8', this.start, this.end);
        this.start = this.end;
        return line;
      }
      this.refill();
    }
  }

  /** Keeps the unfinished line at the front (growing the buffer when it fills it) and reads on. */
  private refill(): void {
    const kept = this.end - this.start;
    if (kept === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, this.start, this.end);
      this.buf = bigger;
    } else if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
    }
    this.start = 0;
    this.end = kept;
    const n = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, this.pos);
    if (n === 0) this.eof = true;
    this.pos += n;
    this.end += n;
  }
}
