/**
 * A typed array with room for at least `need` elements: `buf` itself when it has it, else a copy
 * with its values first and the capacity doubled (from 1024) until it fits, so that appends cost
 * amortised O(1).
 */
export function grow<T extends Int32Array | Uint8Array | BigInt64Array | Float64Array>(buf: T, need: number): T {
  if (need <= buf.length) return buf;
  let cap = buf.length === 0 ? 1024 : buf.length * 2;
  while (cap < need) cap *= 2;
  const next = new (buf.constructor as new (n: number) => T)(cap);
  (next as unknown as { set(src: T): void }).set(buf);
  return next;
}
