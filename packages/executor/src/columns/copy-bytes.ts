/**
 * Copies `src[from, to)` into `dst` at `at`: the per-value copy of output strings (sort gathers,
 * Arrow output). Short values, the usual telemetry field, are copied byte by byte: a `subarray`
 * view allocates a typed array per value, and the profile of a selective query's output put most
 * of its time there (~0.3 µs a value, more than the bytes themselves). Long values take the native
 * copy, where the view's cost is small next to the bytes it moves.
 */
export function copyBytes(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number): void {
  if (to - from > NATIVE_COPY_BYTES) {
    dst.set(src.subarray(from, to), at);
    return;
  }
  for (let i = from; i < to; i++) dst[at++] = src[i]!;
}

const NATIVE_COPY_BYTES = 64;
