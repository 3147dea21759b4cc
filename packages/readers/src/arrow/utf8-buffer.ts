import { grow } from '@kqlr/common/core';

const encoder = new TextEncoder();

/** UTF-8 values with Arrow offsets, appended one string at a time. */
export class Utf8Buffer {
  offsets = new Int32Array(1024);
  bytes = new Uint8Array(16384);
  count = 0;

  append(s: string): void {
    const start = this.offsets[this.count]!;
    // Worst case 3 bytes per UTF-16 unit.
    this.bytes = grow(this.bytes, start + s.length * 3);
    const written = s.length === 0 ? 0 : encoder.encodeInto(s, this.bytes.subarray(start)).written;
    this.offsets = grow(this.offsets, this.count + 2);
    this.offsets[++this.count] = start + written;
  }

  /** Appends `n` empty strings. */
  appendEmpty(n: number): void {
    const end = this.offsets[this.count]!;
    this.offsets = grow(this.offsets, this.count + n + 1);
    this.offsets.fill(end, this.count + 1, this.count + n + 1);
    this.count += n;
  }

  truncate(n: number): void {
    if (n < this.count) this.count = n;
  }

  /** Views of the first `count` values; valid until the next append that reallocates. */
  get offsetsView(): Int32Array {
    return this.offsets.subarray(0, this.count + 1);
  }

  get bytesView(): Uint8Array {
    return this.bytes.subarray(0, this.offsets[this.count]!);
  }
}
