import { describe, expect, it } from 'vitest';
import { int64Range } from './int64-range.js';

function reference(values: BigInt64Array): { min: bigint; max: bigint } | null {
  if (values.length === 0) return null;
  let min = values[0]!;
  let max = values[0]!;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Seeded 32-bit values (xorshift), so failures reproduce. */
function words(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x | 0;
  };
}

describe('int64Range', () => {
  it('is null for no values and the value itself for one', () => {
    expect(int64Range(new BigInt64Array(0))).toBeNull();
    expect(int64Range(BigInt64Array.of(-5n))).toEqual({ min: -5n, max: -5n });
  });

  it('orders by the signed high word, then the unsigned low word', () => {
    // Same high word, low words with and without their top bit set: 0x80000000 > 0x7fffffff unsigned.
    const v = BigInt64Array.of(0x1_7fffffffn, 0x1_80000000n, 0x1_00000000n, 0x1_ffffffffn);
    expect(int64Range(v)).toEqual({ min: 0x1_00000000n, max: 0x1_ffffffffn });
    // Negative values: the high word is signed.
    const n = BigInt64Array.of(-1n, -(2n ** 63n), 2n ** 63n - 1n, 0n, -(2n ** 32n));
    expect(int64Range(n)).toEqual({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
  });

  it('agrees with a BigInt comparison on random columns longer than a slice', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = words(seed * 2654435761);
      const length = 1 + (Math.abs(next()) % 20_000);
      const v = new BigInt64Array(length);
      const spread = seed % 4; // 0: full range, 1: few high words (ticks-like), 2: one high word, 3: descending
      for (let i = 0; i < length; i++) {
        const hi = spread === 0 ? next() : spread === 1 ? 40_000_000 + (Math.abs(next()) % 3) : spread === 2 ? -7 : 1000 - i;
        v[i] = (BigInt(hi) << 32n) | BigInt(next() >>> 0);
      }
      expect(int64Range(v), `seed ${seed}`).toEqual(reference(v));
    }
  });

  it('reads a column that is a view into a larger buffer', () => {
    const backing = BigInt64Array.of(100n, -3n, 7n, 2n, 50n);
    expect(int64Range(backing.subarray(2, 4))).toEqual({ min: 2n, max: 7n });
  });
});
