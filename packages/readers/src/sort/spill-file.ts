import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { SpillDir } from './spill-dir.js';

/**
 * One append-only file in a private temporary directory (SpillDir), created at the first append
 * and read back by position, synchronously: for logs that keep their first blocks in memory and
 * put the rest here (the Sysmon process log and event refs). `what` names the owner in the errors
 * of a short write or read. The directory goes at `dispose` or, at the latest, at exit.
 */
export class SpillFile {
  private dir: SpillDir | undefined;
  private fd = -1;
  /** Bytes appended so far. */
  size = 0;

  constructor(
    private readonly what: string,
    private readonly prefix: string,
    private readonly name: string,
  ) {}

  /** Appends `bytes[0, length)`; returns the file offset they were written at. */
  append(bytes: Uint8Array, length = bytes.length): number {
    if (this.dir === undefined) {
      this.dir = new SpillDir(this.prefix);
      this.fd = openSync(this.dir.file(this.name), 'w+');
    }
    const at = this.size;
    const n = writeSync(this.fd, bytes, 0, length, at);
    if (n !== length) throw new Error(`${this.what}: short write to the spill file (${n} of ${length} bytes)`);
    this.size += length;
    return at;
  }

  /** Fills `into[0, length)` from offset `at`; `unit` names what is read in the error ("chunk"). */
  readAt(into: Uint8Array, length: number, at: number, unit: string): void {
    const n = readSync(this.fd, into, 0, length, at);
    if (n !== length) throw new Error(`${this.what}: short read of a spilled ${unit} (${n} of ${length} bytes)`);
  }

  dispose(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.dir?.remove();
    this.dir = undefined;
    this.size = 0;
  }
}
