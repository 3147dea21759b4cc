import type { KqlType, ScalarValue } from '@kqlr/common';
import { BOOL_NULL, repOf, TRUE, FALSE, type Column } from './column.js';
import { toKqlString } from '../kernels/to-string.js';

/**
 * Writes boxed values into a column of one KQL type at arbitrary rows (the rows of a selection).
 * Values are coerced to the type's representation: this is where `int + int -> long` results or
 * a scalar broadcast land in typed storage. Rows never written read as null ("" for strings).
 */
export interface ColumnBuilder {
  set(row: number, value: ScalarValue): void;
  finish(): Column;
}

export function createColumnBuilder(type: KqlType, length: number): ColumnBuilder {
  switch (repOf(type)) {
    case 'bool': {
      const values = new Uint8Array(length).fill(BOOL_NULL);
      return {
        set: (row, v) => {
          values[row] = v === null || typeof v !== 'boolean' ? BOOL_NULL : v ? TRUE : FALSE;
        },
        finish: () => ({ rep: 'bool', length, values }),
      };
    }
    case 'number': {
      const values = new Float64Array(length);
      const nulls = new Uint8Array(length).fill(1);
      return {
        set: (row, v) => {
          const n = toNumberOrNull(v);
          if (n === null) nulls[row] = 1;
          else {
            values[row] = n;
            nulls[row] = 0;
          }
        },
        finish: () => ({ rep: 'number', length, values, nulls }),
      };
    }
    case 'long': {
      const values = new BigInt64Array(length);
      const nulls = new Uint8Array(length).fill(1);
      return {
        set: (row, v) => {
          const n = toBigIntOrNull(v);
          if (n === null) nulls[row] = 1;
          else {
            values[row] = n;
            nulls[row] = 0;
          }
        },
        finish: () => ({ rep: 'long', length, values, nulls }),
      };
    }
    case 'string': {
      const values: string[] = new Array<string>(length);
      return {
        set: (row, v) => {
          values[row] = typeof v === 'string' ? v : toKqlString(v, null);
        },
        finish: () => ({ rep: 'string', length, get: (row) => values[row] ?? '', dictionary: null, codes: null }),
      };
    }
    case 'value': {
      const values: ScalarValue[] = new Array<ScalarValue>(length);
      return {
        set: (row, v) => {
          values[row] = v;
        },
        finish: () => ({ rep: 'value', length, get: (row) => values[row] ?? null }),
      };
    }
  }
}

function toNumberOrNull(v: ScalarValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

function toBigIntOrNull(v: ScalarValue): bigint | null {
  if (typeof v === 'bigint') return BigInt.asIntN(64, v);
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return null;
}

/** A column holding `value` in every row (scalar broadcast, union fill, withsource labels). */
export function constantColumn(type: KqlType, value: ScalarValue, length: number): Column {
  switch (repOf(type)) {
    case 'string': {
      const s = typeof value === 'string' ? value : toKqlString(value, null);
      return { rep: 'string', length, get: () => s, dictionary: null, codes: null };
    }
    case 'value':
      return { rep: 'value', length, get: () => value };
    default: {
      const b = createColumnBuilder(type, length);
      if (value !== null) for (let i = 0; i < length; i++) b.set(i, value);
      return b.finish();
    }
  }
}

/** A column of `type` built from boxed values, one per row. */
export function columnFromValues(type: KqlType, values: readonly ScalarValue[]): Column {
  const b = createColumnBuilder(type, values.length);
  for (let i = 0; i < values.length; i++) b.set(i, values[i] ?? null);
  return b.finish();
}
