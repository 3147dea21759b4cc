const INITIAL = 64 * 1024;

/**
 * The bytes of an unfinished line carried from one chunk to the next, copied into one buffer that
 * is reused for the whole read (grown for a long line, given back after it).
 *
 * Why not a list of chunk pieces joined with `Buffer.concat`: a chunk's memory may be reused once
 * the next chunk is read (reused-chunks.ts), and a fresh buffer per joined run (one per chunk
 * boundary) is exactly the kind of short-lived off-heap buffer that, once promoted by a young-
 * generation collection, waits for a full collection: over a long read they pile up by the MiB.
 */
export class LineCarry {
  private buf = Buffer.allocUnsafe(INITIAL);
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** Appends a copy of `bytes` (which may be a view of this carry's own buffer, as from join()). */
  append(bytes: Uint8Array): void {
    const need = this.length + bytes.length;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    // TypedArray#set copies as if through a temporary when source and target share memory.
    this.buf.set(bytes, this.length);
    this.length = need;
  }

  /**
   * The carried bytes followed by `tail`, and the carry emptied. The result is a view of the
   * carry's buffer: valid until the next append (a part of it may be appended back, see append).
   */
  join(tail: Uint8Array): Buffer {
    if (this.buf.length > 16 * INITIAL && this.length + tail.length <= INITIAL) {
      // After a long line: back to the usual size.
      const small = Buffer.allocUnsafe(INITIAL);
      small.set(this.buf.subarray(0, this.length));
      this.buf = small;
    }
    this.append(tail);
    const joined = this.buf.subarray(0, this.length);
    this.length = 0;
    return joined;
  }
}
