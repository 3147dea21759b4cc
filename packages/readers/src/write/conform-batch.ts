import { DataType, makeData, makeVector, RecordBatch, Struct, type Data, type Dictionary, type Schema, type Utf8 } from 'apache-arrow';
import { Utf8Builder } from '../arrow/column-builders.js';
import type { BatchDictionaryEncoder } from './batch-dictionaries.js';

/**
 * Gives a batch the writer's schema, its string dictionaries holding only the values it uses
 * (batch-dictionaries.ts). An IPC writer starts a new stream when the schema changes (a reader
 * would then see only the first), so batches of one table coming from differently encoded inputs
 * (dictionary vs plain strings, other dictionary ids) are re-encoded here: Utf8 -> dictionary,
 * dictionary -> Utf8 by decoding, same layout -> re-typed.
 */
export function conformBatch(batch: RecordBatch, schema: Schema, dictionaries: BatchDictionaryEncoder): RecordBatch {
  if (batch.schema.fields.length !== schema.fields.length) {
    throw new Error(`cannot write batches with different columns (${batch.schema.fields.map((f) => f.name).join(',')})`);
  }
  const children = schema.fields.map((target, k) => {
    const source = batch.data.children[k]!;
    const from = source.type as DataType;
    const to = target.type as DataType;
    if (DataType.isDictionary(to)) {
      if (DataType.isDictionary(from)) return dictionaries.localize((from.id === to.id ? source : source.clone(to)) as Data<Dictionary>);
      return dictionaries.encode(source as Data<Utf8>, to as Dictionary);
    }
    if (DataType.isDictionary(from) && DataType.isUtf8(to)) {
      const keepNulls = target.nullable && target.metadata.get('kql.type') !== 'string';
      const decoded = dictionaries.decode(source as Data<Dictionary>, keepNulls);
      if (decoded !== undefined) return decoded;
      const vec = makeVector(source);
      const b = new Utf8Builder(keepNulls);
      for (let i = 0; i < source.length; i++) {
        const v = vec.get(i) as string | null;
        if (v === null) b.appendNull();
        else b.append(v);
      }
      return b.flush();
    }
    if (String(from) !== String(to)) throw new Error(`cannot write column ${target.name}: ${String(from)} does not match ${String(to)}`);
    return source;
  }) as Data[];
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}
