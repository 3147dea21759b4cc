import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../../input-error.js';
import { describeFsError } from '../../io/byte-stream.js';

/**
 * A file read by position (pread): the Arrow IPC reader fetches only the byte ranges of the
 * columns a query needs and never reads the others. Every read either fills what was asked or
 * fails with an InputError naming the file and offset (a truncated file is the usual cause).
 */
export class PositionalFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** `readPath` is the file read; `path` names it in messages (a decompressed copy reads another file). */
  static async open(path: string, readPath: string = path): Promise<PositionalFile> {
    let handle: FileHandle;
    try {
      handle = await open(readPath, 'r');
    } catch (err) {
      throw new InputError(`${path}: cannot open (${describeFsError(err)})`, path);
    }
    try {
      const { size } = await handle.stat();
      return new PositionalFile(path, handle, size);
    } catch (err) {
      await handle.close();
      throw new InputError(`${path}: cannot read (${describeFsError(err)})`, path);
    }
  }

  /**
   * Up to `length` bytes at `position` (fewer only at the end of the file). Read on the calling
   * thread, as `readExact`: these are metadata (magic, footer, a message's header, a dictionary),
   * needed before anything else can go on, where a read on libuv's pool costs a round trip through
   * the event loop each (a dozen of them before the first batch of an Arrow file).
   */
  async readUpTo(position: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - position));
    const out = new Uint8Array(n);
    this.readIntoSync(out, 0, n, position);
    return out;
  }

  /** Exactly `length` bytes at `position`, or an InputError (see `readUpTo`). */
  async readExact(position: number, length: number): Promise<Uint8Array> {
    const out = newBuffer(length);
    this.readIntoSync(out, 0, length, position);
    return out;
  }

  /** Fills `target[at, at + length)` from the file at `position`, or throws an InputError. */
  async readInto(target: Uint8Array, at: number, length: number, position: number): Promise<void> {
    this.checkSpan(position, length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(target, at + done, length - done, position + done);
      if (bytesRead === 0) throw this.endedAt(position + done);
      done += bytesRead;
    }
  }

  /**
   * `readInto` on the calling thread. For small reads a query needs at once (metadata, a batch's
   * Timestamp column, 512 KiB): from the page cache that is a copy of ~0.1 ms, where a read on
   * libuv's pool waits for the main thread to come back to the event loop before its result can be
   * used.
   */
  readIntoSync(target: Uint8Array, at: number, length: number, position: number): void {
    this.checkSpan(position, length);
    let done = 0;
    while (done < length) {
      let bytesRead: number;
      try {
        bytesRead = readSync(this.handle.fd, target, at + done, length - done, position + done);
      } catch (err) {
        throw new InputError(`${this.path}: cannot read (${describeFsError(err)})`, this.path, undefined, position + done);
      }
      if (bytesRead === 0) throw this.endedAt(position + done);
      done += bytesRead;
    }
  }

  /** A read past the end of the file is an InputError before anything is read. */
  private checkSpan(position: number, length: number): void {
    if (position < 0 || position + length > this.size) {
      throw new InputError(`${this.path}: truncated Arrow IPC data (needs bytes ${position}..${position + length}, the file has ${this.size})`, this.path, undefined, position);
    }
  }

  /** The file was shorter than its size said when it was opened. */
  private endedAt(position: number): InputError {
    return new InputError(`${this.path}: truncated Arrow IPC data (file ended at byte ${position})`, this.path, undefined, position);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * An uninitialised buffer (every byte is overwritten by the read) starting 8-byte aligned, so
 * Int64/Float64 views over it need no copy. Node allocates large buffers on their own
 * ArrayBuffer and aligns pooled small ones to 8.
 */
export function newBuffer(length: number): Uint8Array {
  const b = Buffer.allocUnsafe(length);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
