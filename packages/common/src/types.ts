/**
 * KQL scalar types. `int` is 32-bit, `long` 64-bit, `real` a double. `decimal` is carried as a
 * double (precision loss is documented; not used by the subset's rules).
 * See kql-semantics.md §2 and https://learn.microsoft.com/en-us/kusto/query/scalar-data-types/
 */
export type KqlType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'string'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic';

export const KQL_TYPES: readonly KqlType[] = [
  'bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic',
];

/**
 * Type names accepted in `datatable` schemas and typed literals, with their aliases
 * (kql-semantics.md §1.2). `uuid` is deliberately absent: Kusto.Language rejects it.
 */
export const TYPE_NAME_ALIASES: Readonly<Record<string, KqlType>> = {
  bool: 'bool', boolean: 'bool',
  int: 'int',
  long: 'long', int64: 'long',
  real: 'real', double: 'real',
  decimal: 'decimal',
  string: 'string',
  datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan',
  guid: 'guid', uniqueid: 'guid',
  dynamic: 'dynamic',
};

export function isNumericType(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** A JSON-like value held by a `dynamic`. Datetimes/timespans inside are kept in their text forms. */
export type DynamicValue = null | boolean | number | string | DynamicValue[] | { [key: string]: DynamicValue };

/**
 * One scalar value in its canonical JS representation, by KQL type:
 * - bool: boolean | null
 * - int, real, decimal: number | null
 * - long: bigint | null
 * - datetime: bigint ticks (100 ns) since 1970-01-01T00:00:00Z, or null
 * - timespan: bigint ticks (100 ns), or null
 * - string: string (never null: Kusto strings have no null, missing is "")
 * - guid: string | null
 * - dynamic: DynamicValue (JSON null is dynamic null)
 */
export type ScalarValue = boolean | number | bigint | string | DynamicValue | null;

export interface TypedValue {
  type: KqlType;
  value: ScalarValue;
}

export interface ColumnDef {
  name: string;
  type: KqlType;
}

export interface TableSchema {
  /** Table name when the schema belongs to a catalog table; absent for derived schemas. */
  name?: string;
  columns: ColumnDef[];
}

export function columnIndex(schema: TableSchema, name: string): number {
  return schema.columns.findIndex((c) => c.name === name);
}
