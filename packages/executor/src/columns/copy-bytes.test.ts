import { describe, expect, it } from 'vitest';
import { copyBytes } from './copy-bytes.js';

describe('copyBytes', () => {
  it('copies short (byte loop) and long (native) ranges to the given position, leaving the rest alone', () => {
    const src = Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 1) & 255);
    for (const [from, to, at] of [[0, 0, 5], [3, 10, 0], [10, 74, 2], [10, 75, 1], [100, 300, 50]] as const) {
      const dst = new Uint8Array(260).fill(0xee);
      copyBytes(src, from, to, dst, at);
      const expected = new Uint8Array(260).fill(0xee);
      expected.set(src.slice(from, to), at);
      expect([...dst]).toEqual([...expected]);
    }
  });
});
