/** Where a PairIndex finds the key of a value it holds (the owner keeps keys in its records). */
export interface PairKeys {
  first(value: number): number;
  second(value: number): number;
}

/**
 * A map from a pair of 32-bit integers to a non-negative integer whose owner can tell each
 * value's pair (`keys`): open addressing (linear probing) over one Int32Array holding value + 1
 * per bucket, 0 when empty. Keys are not stored twice, so a key costs 8-16 bytes (at most half
 * full) against ~80 for a JS Map entry with a composite key; no key object or string per lookup.
 */
export class PairIndex {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(private readonly keys: PairKeys) {
    this.table = new Int32Array(1024);
    this.mask = 1023;
  }

  get size(): number {
    return this.count;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const t = this.table;
    let i = hashPair(a, b) & this.mask;
    for (;;) {
      const v = t[i]! - 1;
      if (v < 0) return -1;
      if (this.keys.first(v) === a && this.keys.second(v) === b) return v;
      i = (i + 1) & this.mask;
    }
  }

  /** Sets (a, b) to `value`, whose key must be (a, b). */
  set(a: number, b: number, value: number): void {
    const t = this.table;
    let i = hashPair(a, b) & this.mask;
    for (;;) {
      const v = t[i]! - 1;
      if (v < 0) break;
      if (this.keys.first(v) === a && this.keys.second(v) === b) {
        t[i] = value + 1;
        return;
      }
      i = (i + 1) & this.mask;
    }
    t[i] = value + 1;
    // Kept at most half full, so probes stay short.
    if (++this.count * 2 > this.mask + 1) this.grow();
  }

  private grow(): void {
    const old = this.table;
    const n = old.length * 2;
    this.table = new Int32Array(n);
    this.mask = n - 1;
    for (let k = 0; k < old.length; k++) {
      const v = old[k]! - 1;
      if (v < 0) continue;
      let j = hashPair(this.keys.first(v), this.keys.second(v)) & this.mask;
      while (this.table[j] !== 0) j = (j + 1) & this.mask;
      this.table[j] = v + 1;
    }
  }
}

/** Mixes both words (murmur3's finaliser), so consecutive ids spread over the table. */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
