/** Records per block: 16 Ki, so a block of a few fields is a few hundred KiB. */
const BLOCK_BITS = 14;
const BLOCK_RECORDS = 1 << BLOCK_BITS;
const MASK = BLOCK_RECORDS - 1;

/**
 * A growing table of fixed-width records of 32-bit integers, kept off the JS heap in fixed-size
 * blocks. Blocks rather than one doubling array: growing never copies, so a table of a few
 * hundred thousand records never briefly holds two copies of itself (peak memory is what the
 * process table is about).
 */
export class IntRecords {
  private readonly blocks: Int32Array[] = [];
  private count = 0;

  constructor(private readonly width: number) {}

  get length(): number {
    return this.count;
  }

  /** Appends a record of zeros; returns its index. */
  append(): number {
    if ((this.count & MASK) === 0) this.blocks.push(new Int32Array(BLOCK_RECORDS * this.width));
    return this.count++;
  }

  get(record: number, field: number): number {
    return this.blocks[record >>> BLOCK_BITS]![(record & MASK) * this.width + field]!;
  }

  set(record: number, field: number, v: number): void {
    this.blocks[record >>> BLOCK_BITS]![(record & MASK) * this.width + field] = v;
  }
}

/** The value -2^63 stands for null: ticks are years 1-9999, far from it. */
const NULL_TICKS = -(2n ** 63n);

/** Nullable tick values (bigint) per record, in blocks as IntRecords. */
export class TickRecords {
  private readonly blocks: BigInt64Array[] = [];
  private count = 0;

  constructor(private readonly width: number) {}

  append(): number {
    if ((this.count & MASK) === 0) {
      const block = new BigInt64Array(BLOCK_RECORDS * this.width);
      block.fill(NULL_TICKS);
      this.blocks.push(block);
    }
    return this.count++;
  }

  get(record: number, field: number): bigint | null {
    const v = this.blocks[record >>> BLOCK_BITS]![(record & MASK) * this.width + field]!;
    return v === NULL_TICKS ? null : v;
  }

  set(record: number, field: number, v: bigint | null): void {
    this.blocks[record >>> BLOCK_BITS]![(record & MASK) * this.width + field] = v ?? NULL_TICKS;
  }
}
