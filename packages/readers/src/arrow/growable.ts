/** Arrow validity bitmap (LSB first) from one byte per row; null when every row is valid. */
export function packValidity(valid: Uint8Array, length: number, nullCount: number): Uint8Array | undefined {
  if (nullCount === 0) return undefined;
  const bits = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) if (valid[i]) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}
