import { SpillFile } from '../../sort/spill-file.js';

/** Default chunk size; a longer record gets a chunk of its own. */
export const CHUNK_BYTES = 1 << 20;

/**
 * An append-only log of byte records, read back in order as often as needed. Records are packed
 * into chunks (1 MiB by default; a record never spans two); the first `memoryBytes` of chunks stay in memory,
 * later ones are appended to a file in a private temporary directory (SpillDir) and read back
 * into one reused buffer. So memory stays bounded however long the log, and a small log never
 * touches the disk. The directory goes at `dispose` or, at the latest, at exit.
 */
export class ChunkLog {
  private readonly inMemory: { buf: Buffer; used: number }[] = [];
  private memory = 0;
  private current: Buffer;
  private used = 0;
  /** Spilled chunks: file offset and length of each. */
  private readonly spilled: { at: number; length: number }[] = [];
  private readonly file = new SpillFile('sysmon process log', 'kqlr-procs-', 'processes.bin');
  private readBuffer: Buffer | undefined;

  constructor(
    private readonly memoryBytes: number,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.current = Buffer.allocUnsafe(chunkBytes);
  }

  /** Room for a record of `n` bytes: the buffer and the offset to write it at (then `commit(n)`). */
  reserve(n: number): { buf: Buffer; at: number } {
    if (this.used + n > this.current.length) {
      this.retire();
      if (n > this.current.length) this.current = Buffer.allocUnsafe(n);
    }
    return { buf: this.current, at: this.used };
  }

  commit(n: number): void {
    this.used += n;
  }

  /** Every chunk in order, as views valid until the next one is asked for (one pass at a time). */
  *chunks(): Generator<Buffer> {
    for (const c of this.inMemory) yield c.buf.subarray(0, c.used);
    if (this.spilled.length > 0) {
      // One read buffer for every pass over the log: a fresh one per pass would be garbage outside
      // the heap until a full collection.
      this.readBuffer ??= Buffer.allocUnsafe(this.chunkBytes);
      for (const { at, length } of this.spilled) {
        if (length > this.readBuffer.length) this.readBuffer = Buffer.allocUnsafe(length);
        this.file.readAt(this.readBuffer, length, at, 'chunk');
        yield this.readBuffer.subarray(0, length);
      }
    }
    if (this.used > 0) yield this.current.subarray(0, this.used);
  }

  /** Removes the spill file, if any; the log is empty afterwards. */
  dispose(): void {
    this.file.dispose();
    this.inMemory.length = 0;
    this.spilled.length = 0;
    this.memory = this.used = 0;
    this.readBuffer = undefined;
  }

  /** Bytes spilled to disk so far (for tests). */
  get spilledBytes(): number {
    return this.file.size;
  }

  private retire(): void {
    if (this.used === 0) return;
    if (this.memory + this.current.length <= this.memoryBytes) {
      this.inMemory.push({ buf: this.current, used: this.used });
      this.memory += this.current.length;
      this.current = Buffer.allocUnsafe(this.chunkBytes);
    } else {
      this.spilled.push({ at: this.file.append(this.current, this.used), length: this.used });
      // The chunk is reused; a record's own (larger) chunk is not kept.
      if (this.current.length > this.chunkBytes) this.current = Buffer.allocUnsafe(this.chunkBytes);
    }
    this.used = 0;
  }
}
