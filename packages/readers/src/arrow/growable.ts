/** Growable typed buffers; capacity doubles so appends are amortised O(1). */
export function grow<T extends Int32Array | Uint8Array | BigInt64Array | Float64Array>(buf: T, need: number): T {
  if (need <= buf.length) return buf;
  let cap = buf.length === 0 ? 1024 : buf.length * 2;
  while (cap < need) cap *= 2;
  const next = new (buf.constructor as new (n: number) => T)(cap);
  (next as unknown as { set(src: T): void }).set(buf);
  return next;
}

/** Arrow validity bitmap (LSB first) from one byte per row; null when every row is valid. */
export function packValidity(valid: Uint8Array, length: number, nullCount: number): Uint8Array | undefined {
  if (nullCount === 0) return undefined;
  const bits = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) if (valid[i]) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}
