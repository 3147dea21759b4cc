import type { KqlType, ScalarValue } from '@kqlr/common';

/**
 * The executor's in-memory column forms. Arrow vectors are wrapped without copying where the
 * layout allows it (Int64 -> BigInt64Array, Float64 -> Float64Array, dictionary codes); every
 * expression result is one of these, indexed by *row number in the batch*: under a selection only
 * the selected rows hold meaningful values.
 */
export type Column = BoolColumn | NumberColumn | LongColumn | StringColumn | ValueColumn;

/** bool: one byte per row, 0 = false, 1 = true, 2 = null (three-valued logic without a bitmap). */
export interface BoolColumn {
  rep: 'bool';
  length: number;
  values: Uint8Array;
}

export const FALSE = 0;
export const TRUE = 1;
export const BOOL_NULL = 2;

/** int, real, decimal. `nulls[i] === 1` marks a null row; `nulls` is null when there are none. */
export interface NumberColumn {
  rep: 'number';
  length: number;
  values: Float64Array | Int32Array;
  nulls: Uint8Array | null;
}

/** long, datetime, timespan: 64-bit integers (ticks for datetime/timespan). */
export interface LongColumn {
  rep: 'long';
  length: number;
  values: BigInt64Array;
  nulls: Uint8Array | null;
}

/**
 * Strings are never null (a missing string is ""). A dictionary-encoded column exposes its codes
 * so predicates can run once per distinct value; `codes[i] === -1` means "" (an Arrow null slot).
 */
export interface StringColumn {
  rep: 'string';
  length: number;
  get(row: number): string;
  dictionary: StringDictionary | null;
  codes: Int32Array | null;
  /** Plain UTF-8 without null slots: row i is bytes[offsets[i]..offsets[i+1]) (kernels/utf8-bytes.ts). */
  utf8?: { bytes: Uint8Array; offsets: Int32Array } | undefined;
}

/** A decoded-on-demand dictionary. `identity` is stable for one dictionary (memo key). */
export interface StringDictionary {
  readonly size: number;
  readonly identity: object;
  value(code: number): string;
  /** The entries as plain UTF-8 (entry c is bytes[offsets[c]..offsets[c+1])), when none is null. */
  readonly utf8?: { bytes: Uint8Array; offsets: Int32Array } | undefined;
}

/** guid and dynamic: boxed values (decoded lazily from Arrow text). */
export interface ValueColumn {
  rep: 'value';
  length: number;
  get(row: number): ScalarValue;
}

export type ColumnRep = Column['rep'];

export function repOf(type: KqlType): ColumnRep {
  switch (type) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'real':
    case 'decimal':
      return 'number';
    case 'long':
    case 'datetime':
    case 'timespan':
      return 'long';
    case 'string':
      return 'string';
    case 'guid':
    case 'dynamic':
      return 'value';
  }
}

/** The boxed value of one row (common/types.ts representation). */
export function valueAt(column: Column, row: number): ScalarValue {
  switch (column.rep) {
    case 'bool': {
      const v = column.values[row]!;
      return v === BOOL_NULL ? null : v === TRUE;
    }
    case 'number':
      return column.nulls !== null && column.nulls[row] === 1 ? null : column.values[row]!;
    case 'long':
      return column.nulls !== null && column.nulls[row] === 1 ? null : column.values[row]!;
    case 'string':
      return column.get(row);
    case 'value':
      return column.get(row);
  }
}

export function stringColumnFromArray(values: readonly string[], length = values.length): StringColumn {
  return { rep: 'string', length, get: (row) => values[row] ?? '', dictionary: null, codes: null };
}

/**
 * The selection of every row, 0..length-1. Selections are never written to once made (kernels
 * write their own output arrays), so one shared identity array serves every batch: a view of its
 * prefix costs nothing, where a fresh 64 Ki-row array per batch cost 256 KiB of garbage.
 */
export function identitySelection(length: number): Uint32Array {
  if (length > MAX_SHARED_IDENTITY) return countingArray(length);
  if (sharedIdentity.length < length) sharedIdentity = countingArray(Math.min(MAX_SHARED_IDENTITY, Math.max(length, 2 * sharedIdentity.length, 1024)));
  return sharedIdentity.subarray(0, length);
}

function countingArray(length: number): Uint32Array {
  const a = new Uint32Array(length);
  for (let i = 0; i < length; i++) a[i] = i;
  return a;
}

let sharedIdentity: Uint32Array = new Uint32Array(0);
/** Larger (rare, single-batch) inputs get their own array rather than pinning a huge shared one. */
const MAX_SHARED_IDENTITY = 1 << 20;
