/**
 * Exact min and max of an Int64 column chunk without nulls (a batch's Timestamp ticks), or null
 * for an empty one. Every value is looked at: these are exact bounds (they decide which batches
 * are skipped and give the run's time range).
 *
 * Why it is shaped so: reading a BigInt64Array element allocates a BigInt, so values are compared
 * as their 32-bit halves (high word signed, low word unsigned; little-endian, as Node is), and the
 * low word only when the high word is not strictly between the current min's and max's (rare: ticks
 * of one batch share few high words). And it runs as a small function over slices: V8 optimises a
 * function after a few calls, while one long loop over a 64 Ki-row batch runs interpreted until
 * on-stack replacement; the first batch of a run took ~4 ms that way, against ~0.3 ms optimised.
 */
export function int64Range(values: BigInt64Array): { min: bigint; max: bigint } | null {
  const n = values.length;
  if (n === 0) return null;
  const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
  const e: Extremes = { minHi: words[1]!, minLo: words[0]! >>> 0, minAt: 0, maxHi: words[1]!, maxLo: words[0]! >>> 0, maxAt: 0 };
  for (let from = 1; from < n; from += SLICE) scanSlice(words, from, Math.min(n, from + SLICE), e);
  return { min: values[e.minAt]!, max: values[e.maxAt]! };
}

const SLICE = 4096;

interface Extremes {
  minHi: number;
  minLo: number;
  minAt: number;
  maxHi: number;
  maxLo: number;
  maxAt: number;
}

function scanSlice(words: Int32Array, from: number, to: number, e: Extremes): void {
  let { minHi, minLo, minAt, maxHi, maxLo, maxAt } = e;
  for (let i = from; i < to; i++) {
    const hi = words[2 * i + 1]!;
    if (hi > minHi && hi < maxHi) continue;
    const lo = words[2 * i]! >>> 0;
    if (hi < minHi || (hi === minHi && lo < minLo)) {
      minHi = hi;
      minLo = lo;
      minAt = i;
    }
    if (hi > maxHi || (hi === maxHi && lo > maxLo)) {
      maxHi = hi;
      maxLo = lo;
      maxAt = i;
    }
  }
  e.minHi = minHi;
  e.minLo = minLo;
  e.minAt = minAt;
  e.maxHi = maxHi;
  e.maxLo = maxLo;
  e.maxAt = maxAt;
}
