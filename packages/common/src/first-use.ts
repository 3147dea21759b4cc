/** What `numberByFirstUse`'s `value` gives for a row without a value (a null): code 0, no entry. */
export const NO_VALUE: unique symbol = Symbol('no value');

/**
 * Dictionary encoding by first use: per row, the code of its value in `order`, the distinct
 * values in the order they first appear (a row for which `value` gives NO_VALUE keeps code 0).
 */
export function numberByFirstUse<T>(length: number, value: (row: number) => T | typeof NO_VALUE): { codes: Int32Array; order: T[] } {
  const known = new Map<T, number>();
  const order: T[] = [];
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const v = value(i);
    if (v === NO_VALUE) continue;
    let code = known.get(v);
    if (code === undefined) {
      code = order.length;
      known.set(v, code);
      order.push(v);
    }
    codes[i] = code;
  }
  return { codes, order };
}
