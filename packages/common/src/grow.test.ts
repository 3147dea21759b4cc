import { describe, expect, it } from 'vitest';
import { grow } from './grow.js';

describe('grow', () => {
  it('returns the array itself while it has room', () => {
    const a = new Int32Array(8);
    expect(grow(a, 8)).toBe(a);
  });
  it('copies into a doubled array of the same kind (from 1024 when empty), values first, zeros after', () => {
    const a = BigInt64Array.of(5n, 6n);
    const b = grow(a, 3);
    expect(b).toBeInstanceOf(BigInt64Array);
    expect([...b.subarray(0, 4)]).toEqual([5n, 6n, 0n, 0n]);
    expect(b.length).toBe(4);
    expect(grow(new Uint8Array(0), 1).length).toBe(1024);
    expect(grow(new Float64Array(1024), 5000).length).toBe(8192);
  });
});
