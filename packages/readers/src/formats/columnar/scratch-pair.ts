import { newBuffer } from './positional-file.js';

/** A buffer lent to one batch: valid while `ScratchPair.holds(lease)`. */
export interface ScratchLease {
  bytes: Uint8Array;
  slot: number;
  ticket: number;
}

/**
 * Two byte buffers reused batch after batch, for columns whose values leave the reader only as
 * copies (deferred columns: the kept rows are copied out). Fresh buffers for every batch cost page
 * faults (the kernel zeroes each new page: about as much as the copy from the page cache itself)
 * and external-memory garbage collections. Two, because the reader works one batch ahead of its
 * consumer (read-ahead.ts): batch k+1 is read while batch k's rows are copied. A lease taken for
 * batch k+2 ends batch k's.
 */
export class ScratchPair {
  private readonly buffers: Uint8Array[] = [newBuffer(0), newBuffer(0)];
  private readonly tickets = [-1, -1];
  private taken = 0;

  /** A buffer of at least `length` bytes; the lease of the batch before last on it ends. */
  take(length: number): ScratchLease {
    const slot = this.taken % 2;
    const ticket = this.taken++;
    // Grown with headroom: batches of one file differ a little in size.
    if (this.buffers[slot]!.length < length) this.buffers[slot] = newBuffer(Math.ceil(length * 1.25));
    this.tickets[slot] = ticket;
    return { bytes: this.buffers[slot]!, slot, ticket };
  }

  holds(lease: ScratchLease): boolean {
    return this.tickets[lease.slot] === lease.ticket;
  }
}
