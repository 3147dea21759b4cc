import { DataType, Float64, Int32, Int64, makeData, type Data, TimeUnit } from 'apache-arrow';
import type { KqlType } from '@kqlr/common';

/**
 * Columns written by other tools (DuckDB, pandas, Spark) carry Arrow's own types rather than
 * kql-replay's tagged Int64 ticks. These are the conversions that keep every value exact: Arrow
 * timestamps and dates to datetime ticks (100 ns; nanoseconds are truncated to whole ticks as .NET
 * does), and integer/float widening. Anything else stays a type mismatch (an input error).
 */
export function foreignConversion(from: DataType, to: KqlType): ((data: Data) => Data) | null {
  if (to === 'datetime') {
    if (DataType.isTimestamp(from)) return timestampToTicks(from.unit);
    if (DataType.isDate(from)) return from.unit === 0 /* DAY */ ? daysToTicks : millisecondsToTicks;
    return null;
  }
  if (to === 'long' && DataType.isInt(from) && from.bitWidth <= 32) return widenToInt64;
  if (to === 'int' && DataType.isInt(from) && from.bitWidth < 32) return widenToInt32;
  if ((to === 'real' || to === 'decimal') && DataType.isFloat(from) && !(from.ArrayType === Float64Array)) return widenToFloat64;
  return null;
}

// `data.values` is already sliced with the column (apache-arrow slices fixed-width buffers; only
// the validity bitmap goes by `data.offset`, which `getValid` applies), so slot i is `values[i]`.
function ticksData(data: Data, convert: (i: number) => bigint): Data {
  const out = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) if (data.getValid(i)) out[i] = convert(i);
  return makeData({ type: new Int64(), length: data.length, nullCount: data.nullCount, nullBitmap: copyValidity(data), data: out });
}

function timestampToTicks(unit: TimeUnit): (data: Data) => Data {
  return (data) => {
    const values = data.values as BigInt64Array;
    const at = (i: number) => values[i]!;
    switch (unit) {
      case TimeUnit.NANOSECOND:
        // Truncate toward negative infinity so pre-1970 instants stay on the right tick.
        return ticksData(data, (i) => floorDiv(at(i), 100n));
      case TimeUnit.MICROSECOND:
        return ticksData(data, (i) => at(i) * 10n);
      case TimeUnit.MILLISECOND:
        return ticksData(data, (i) => at(i) * 10_000n);
      case TimeUnit.SECOND:
        return ticksData(data, (i) => at(i) * 10_000_000n);
    }
  };
}

function daysToTicks(data: Data): Data {
  const values = data.values as Int32Array;
  return ticksData(data, (i) => BigInt(values[i]!) * 864_000_000_000n);
}

function millisecondsToTicks(data: Data): Data {
  const values = data.values as BigInt64Array;
  return ticksData(data, (i) => values[i]! * 10_000n);
}

function widenToInt64(data: Data): Data {
  const values = data.values as ArrayLike<number>;
  return ticksData(data, (i) => BigInt(values[i]!));
}

function widenToInt32(data: Data): Data {
  const values = data.values as ArrayLike<number>;
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = values[i]!;
  return makeData({ type: new Int32(), length: data.length, nullCount: data.nullCount, nullBitmap: copyValidity(data), data: out });
}

function widenToFloat64(data: Data): Data {
  const values = data.values as ArrayLike<number>;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = values[i]!;
  return makeData({ type: new Float64(), length: data.length, nullCount: data.nullCount, nullBitmap: copyValidity(data), data: out });
}

/** The validity bitmap re-based to offset 0 (a sliced Data's bitmap starts mid-byte). */
function copyValidity(data: Data): Uint8Array | undefined {
  if (data.nullCount === 0) return undefined;
  const bitmap = new Uint8Array((data.length + 7) >> 3);
  for (let i = 0; i < data.length; i++) if (data.getValid(i)) bitmap[i >> 3]! |= 1 << (i & 7);
  return bitmap;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}
