import * as arrow from 'apache-arrow';
import { Bool, Field, Float64, Int32, Int64, Schema, type DataType } from 'apache-arrow';
import { arrowTypeWith, KQL_TYPE_METADATA_KEY, kqlFieldWith } from './arrow-fields.js';
import type { ColumnDef, KqlType, TableSchema } from './types.js';

export function arrowTypeFor(type: KqlType, dictionaryEncoded = false): DataType {
  return arrowTypeWith(arrow, type, dictionaryEncoded);
}

export function kqlField(column: ColumnDef, dictionaryEncoded = false): Field {
  return kqlFieldWith(arrow, column, dictionaryEncoded);
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
