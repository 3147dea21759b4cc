/**
 * A map from a pair of non-negative 32-bit integers to a non-negative integer, by open addressing
 * (linear probing) in one Int32Array of [a + 1, b, value] triples, 0 in the first word meaning an
 * empty slot. About 24 bytes per key at the highest load against ~80 for a JS Map entry with a
 * composite key, and no key object or string per lookup.
 */
export class PairIndex {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.table = new Int32Array(n * 3);
    this.mask = n - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const t = this.table;
    let i = hashPair(a, b) & this.mask;
    for (;;) {
      const k = t[i * 3]!;
      if (k === 0) return -1;
      if (k === a + 1 && t[i * 3 + 1] === b) return t[i * 3 + 2]!;
      i = (i + 1) & this.mask;
    }
  }

  set(a: number, b: number, value: number): void {
    const t = this.table;
    let i = hashPair(a, b) & this.mask;
    for (;;) {
      const k = t[i * 3]!;
      if (k === 0) break;
      if (k === a + 1 && t[i * 3 + 1] === b) {
        t[i * 3 + 2] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
    t[i * 3] = a + 1;
    t[i * 3 + 1] = b;
    t[i * 3 + 2] = value;
    // Kept at most half full, so probes stay short.
    if (++this.count * 2 > this.mask + 1) this.grow();
  }

  private grow(): void {
    const old = this.table;
    const n = (this.mask + 1) * 2;
    this.table = new Int32Array(n * 3);
    this.mask = n - 1;
    for (let i = 0; i < old.length; i += 3) {
      const k = old[i]!;
      if (k === 0) continue;
      let j = hashPair(k - 1, old[i + 1]!) & this.mask;
      while (this.table[j * 3] !== 0) j = (j + 1) & this.mask;
      this.table[j * 3] = k;
      this.table[j * 3 + 1] = old[i + 1]!;
      this.table[j * 3 + 2] = old[i + 2]!;
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
