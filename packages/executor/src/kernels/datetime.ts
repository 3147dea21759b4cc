/**
 * 64-bit comparisons of datetime/timespan/long columns against a constant, without a BigInt per
 * row: the BigInt64Array's buffer is read as (lo: uint32, hi: int32) pairs (little-endian, as on
 * every platform Node supports) and compared against the constant split once. This is what makes
 * `Timestamp > ago(24h)` a plain integer loop. Null rows (nulls[i] === 1) against a non-null
 * constant: `!=` is true, `==` false, ordering null (dropped by `where`) (kql-semantics.md §5.2).
 */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface SplitInt64 {
  hi: number;
  lo: number;
}

export function splitInt64(v: bigint): SplitInt64 {
  return { hi: Number(BigInt.asIntN(32, v >> 32n)), lo: Number(BigInt.asUintN(32, v)) };
}

/** Which comparison outcomes (-1, 0, 1) satisfy `op`, as a 3-bit mask indexed by outcome + 1. */
export function outcomeMask(op: CompareOp): number {
  switch (op) {
    case '==':
      return 0b010;
    case '!=':
      return 0b101;
    case '<':
      return 0b001;
    case '<=':
      return 0b011;
    case '>':
      return 0b100;
    case '>=':
      return 0b110;
  }
}

/** Rows of `selection` where `values[row] op constant` holds (nulls excluded). */
export function selectInt64VsConstant(
  values: BigInt64Array,
  nulls: Uint8Array | null,
  op: CompareOp,
  constant: bigint,
  selection: Uint32Array,
  into?: Uint32Array,
): Uint32Array {
  const words = values.length * 2;
  const hiView = new Int32Array(values.buffer, values.byteOffset, words);
  const loView = new Uint32Array(values.buffer, values.byteOffset, words);
  const { hi: cHi, lo: cLo } = splitInt64(constant);
  const mask = outcomeMask(op);
  const out = into ?? new Uint32Array(selection.length);
  let n = 0;
  for (let k = 0; k < selection.length; k++) {
    const row = selection[k]!;
    if (nulls !== null && nulls[row] === 1) {
      if (op === '!=') out[n++] = row;
      continue;
    }
    const hi = hiView[2 * row + 1]!;
    let outcome: number;
    if (hi !== cHi) outcome = hi < cHi ? 0 : 2;
    else {
      const lo = loView[2 * row]!;
      outcome = lo === cLo ? 1 : lo < cLo ? 0 : 2;
    }
    if ((mask >> outcome) & 1) out[n++] = row;
  }
  return out.subarray(0, n);
}

/** The same for int/real columns against a number constant (NaN satisfies only `!=`). */
export function selectNumberVsConstant(
  values: Float64Array | Int32Array,
  nulls: Uint8Array | null,
  op: CompareOp,
  constant: number,
  selection: Uint32Array,
  into?: Uint32Array,
): Uint32Array {
  const mask = outcomeMask(op);
  const out = into ?? new Uint32Array(selection.length);
  let n = 0;
  for (let k = 0; k < selection.length; k++) {
    const row = selection[k]!;
    if (nulls !== null && nulls[row] === 1) {
      if (op === '!=') out[n++] = row;
      continue;
    }
    const v = values[row]!;
    const outcome = v < constant ? 0 : v > constant ? 2 : v === constant ? 1 : -1;
    if (outcome < 0 ? op === '!=' : (mask >> outcome) & 1) out[n++] = row;
  }
  return out.subarray(0, n);
}

/** `op` with its operands swapped (`c < x` is `x > c`). */
export function flipCompare(op: CompareOp): CompareOp {
  switch (op) {
    case '<':
      return '>';
    case '<=':
      return '>=';
    case '>':
      return '<';
    case '>=':
      return '<=';
    default:
      return op;
  }
}
