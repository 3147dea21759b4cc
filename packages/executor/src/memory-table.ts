import { Dictionary, Int32, makeData, RecordBatch, vectorFromArray, Schema, Struct, Utf8, type Data } from 'apache-arrow';
import { attachBatchStatistics, kqlField, numberByFirstUse, type ScalarValue, type ScanOptions, type TableProvider, type TableSchema } from '@kqlr/common';
import { identitySelection } from './columns/column.js';
import { columnFromValues } from './columns/column-builder.js';
import { chunkToRecordBatch } from './columns/to-arrow.js';

export interface MemoryTableOptions {
  /** Rows per batch (default: all rows in one batch). */
  batchSize?: number;
  /** String columns to dictionary-encode (each batch gets its own dictionary). */
  dictionaryColumns?: readonly string[];
}

/**
 * An in-memory TableProvider over rows in the common/types.ts representation, for tests and
 * `datatable`-like inputs. Batches follow common/arrow.ts; `columns` in scan options is honoured
 * (only the requested columns, in schema order).
 */
export function memoryTable(
  name: string,
  schema: TableSchema,
  rows: readonly ScalarValue[][],
  options: MemoryTableOptions = {},
): TableProvider {
  const dict = new Set(options.dictionaryColumns ?? []);
  const fixedBatchSize = options.batchSize;
  // Batches are built once per requested column set and reused by every scan.
  const cache = new Map<string, RecordBatch[]>();
  const batchesFor = (columns: readonly string[] | undefined): RecordBatch[] => {
    const wanted = columns === undefined ? null : new Set(columns);
    const picked = schema.columns.map((c, j) => ({ c, j })).filter(({ c }) => wanted === null || wanted.has(c.name));
    const cacheKey = picked.map(({ j }) => j).join(',');
    let batches = cache.get(cacheKey);
    if (batches === undefined) {
      batches = [];
      const sub: TableSchema = { columns: picked.map(({ c }) => c) };
      const size = Math.max(1, fixedBatchSize ?? (rows.length || 1));
      for (let start = 0; start < rows.length; start += size) {
        const slice = rows.slice(start, start + size);
        batches.push(recordBatchFromRows(sub, slice.map((r) => picked.map(({ j }) => r[j] ?? null)), dict));
      }
      // Statistics once per built batch, as memoryTableFromBatches does, so scans can use zone maps.
      for (const b of batches) attachBatchStatistics(b.data.children);
      cache.set(cacheKey, batches);
    }
    return batches;
  };
  return {
    name,
    schema: { ...schema, name },
    async *scan(scan: ScanOptions = {}): AsyncIterable<RecordBatch> {
      yield* batchesFor(scan.columns);
    },
  };
}

/** One Arrow batch from rows; `dictionaryColumns` string columns become Dictionary<Int32, Utf8>. */
export function recordBatchFromRows(
  schema: TableSchema,
  rows: readonly ScalarValue[][],
  dictionaryColumns: ReadonlySet<string> = new Set(),
): RecordBatch {
  const columns = schema.columns.map((c, j) => columnFromValues(c.type, rows.map((r) => r[j] ?? null)));
  const plain = chunkToRecordBatch({ schema, columns, length: rows.length, selection: identitySelection(rows.length) });
  if (dictionaryColumns.size === 0) return plain;
  const fields = schema.columns.map((c) => kqlField(c, dictionaryColumns.has(c.name)));
  const children: Data[] = schema.columns.map((c, j) => {
    const data = plain.getChildAt(j)!.data[0]!;
    if (c.type !== 'string' || !dictionaryColumns.has(c.name)) return data;
    return dictionaryData(rows.map((r) => (typeof r[j] === 'string' ? (r[j] as string) : '')));
  });
  const arrowSchema = new Schema(fields);
  return new RecordBatch(arrowSchema, makeData({ type: new Struct(arrowSchema.fields), length: rows.length, nullCount: 0, children }));
}

function dictionaryData(values: readonly string[]): Data {
  const { codes, order } = numberByFirstUse(values.length, (i) => values[i]!);
  const dictionary = vectorFromArray(order, new Utf8());
  const type: Dictionary<Utf8, Int32> = new Dictionary(new Utf8(), new Int32());
  return makeData({ type, length: values.length, nullCount: 0, data: codes, dictionary });
}
