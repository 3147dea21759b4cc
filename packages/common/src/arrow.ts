import { Bool, Dictionary, Field, Float64, Int32, Int64, Schema, Utf8, type DataType } from 'apache-arrow';
import type { ColumnDef, KqlType, TableSchema } from './types.js';

/**
 * How KQL types live in Arrow. Arrow has no 100 ns time unit, and Kusto's datetime range
 * (0001..9999) overflows Arrow's nanosecond timestamps, so datetime and timespan are Int64 ticks
 * tagged with field metadata. guid and dynamic are UTF-8 (dynamic as compact JSON text).
 */
export const KQL_TYPE_METADATA_KEY = 'kql.type';

export function arrowTypeFor(type: KqlType, dictionaryEncoded = false): DataType {
  switch (type) {
    case 'bool':
      return new Bool();
    case 'int':
      return new Int32();
    case 'long':
    case 'datetime':
    case 'timespan':
      return new Int64();
    case 'real':
    case 'decimal':
      return new Float64();
    case 'string':
      return dictionaryEncoded ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
    case 'guid':
    case 'dynamic':
      return new Utf8();
  }
}

export function kqlField(column: ColumnDef, dictionaryEncoded = false): Field {
  return new Field(
    column.name,
    arrowTypeFor(column.type, dictionaryEncoded && column.type === 'string'),
    true,
    new Map([[KQL_TYPE_METADATA_KEY, column.type]]),
  );
}

/** Arrow schema for a KQL table schema; `dictionaryColumns` names string columns to dictionary-encode. */
export function arrowSchemaFor(schema: TableSchema, dictionaryColumns: ReadonlySet<string> = new Set()): Schema {
  return new Schema(schema.columns.map((c) => kqlField(c, dictionaryColumns.has(c.name))));
}

/** The KQL type of an Arrow field: from its metadata, else inferred from the Arrow type. */
export function kqlTypeOfField(field: Field): KqlType {
  const tagged = field.metadata.get(KQL_TYPE_METADATA_KEY);
  if (tagged) return tagged as KqlType;
  const t = field.type;
  if (DataTypeIs.bool(t)) return 'bool';
  if (DataTypeIs.int32(t)) return 'int';
  if (DataTypeIs.int64(t)) return 'long';
  if (DataTypeIs.float(t)) return 'real';
  return 'string';
}

const DataTypeIs = {
  bool: (t: DataType) => t instanceof Bool,
  int32: (t: DataType) => t instanceof Int32,
  int64: (t: DataType) => t instanceof Int64,
  float: (t: DataType) => t instanceof Float64,
};

export function tableSchemaOf(schema: Schema, name?: string): TableSchema {
  const columns = schema.fields.map((f) => ({ name: f.name, type: kqlTypeOfField(f) }));
  return name === undefined ? { columns } : { name, columns };
}
