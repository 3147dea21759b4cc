import { Dictionary, Int32, RecordBatch, Schema, Struct, Utf8, makeData, vectorFromArray, type Data, type Field } from 'apache-arrow';
import { kqlTypeOfField, kqlField, numberByFirstUse } from '@kqlr/common';

/**
 * Re-encodes the named Utf8 columns of a batch as Dictionary<Int32, Utf8> with a per-batch
 * dictionary (as common/arrow.ts allows), for the "dictionary-encoded in memory" contender.
 */
export function dictionaryEncodeBatch(batch: RecordBatch, columns: ReadonlySet<string>): RecordBatch {
  const fields: Field[] = [];
  const children: Data[] = [];
  batch.schema.fields.forEach((field, j) => {
    const vector = batch.getChildAt(j)!;
    if (!columns.has(field.name) || !(field.type instanceof Utf8)) {
      fields.push(field);
      children.push(vector.data[0]!);
      return;
    }
    const data = vector.data[0]!;
    const offsets = data.valueOffsets as Int32Array;
    const bytes = Buffer.from(data.values.buffer, data.values.byteOffset, data.values.byteLength);
    const valid = data.nullCount > 0 ? data.nullBitmap : null;
    const { codes, order } = numberByFirstUse(batch.numRows, (i) => {
      // Decoding straight from the UTF-8 buffer is several times faster than Vector.get; null is "".
      const j = data.offset + i;
      const isNull = valid !== null && ((valid[j >> 3]! >> (j & 7)) & 1) === 0;
      return isNull ? '' : bytes.toString('utf8', offsets[j]!, offsets[j + 1]!);
    });
    const type = new Dictionary(new Utf8(), new Int32());
    fields.push(kqlField({ name: field.name, type: kqlTypeOfField(field) }, true));
    children.push(makeData({ type, length: batch.numRows, nullCount: 0, data: codes, dictionary: vectorFromArray(order, new Utf8()) }));
  });
  const schema = new Schema(fields, batch.schema.metadata);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}
