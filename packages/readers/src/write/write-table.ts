import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { DataType, Field, RecordBatchStreamWriter, Schema, Table, tableToIPC, Utf8, type Data, type Dictionary, type RecordBatch } from 'apache-arrow';
import type * as parquet from 'parquet-wasm';
import { loadParquetWasm } from '../io/parquet-module.js';
import { BatchDictionaryEncoder } from './batch-dictionaries.js';
import { conformBatch } from './conform-batch.js';

export type OutputFormat = 'arrow' | 'parquet';

export interface WriteResult {
  rows: number;
  bytes: number;
}

/**
 * Streams batches to an Arrow IPC stream or a Parquet file at `path`, one batch in memory at a
 * time. Arrow output is the IPC *stream* format: each batch's string dictionaries hold the values
 * it uses (batch-dictionaries.ts), which the stream format carries as replacement dictionaries and
 * the file format cannot.
 * Field metadata (`kql.type`) is kept, so datetime ticks read back as datetimes.
 */
export async function writeBatches(
  batches: AsyncIterable<RecordBatch>,
  path: string,
  format: OutputFormat,
  /** Schema of the file when there are no batches (an empty result still gets a valid file). */
  emptySchema?: Schema,
  /** Rows per Parquet row group (default PARQUET_ROW_GROUP_ROWS). */
  rowGroupRows: number = PARQUET_ROW_GROUP_ROWS,
): Promise<WriteResult> {
  const it = batches[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return writeEmpty(path, format, emptySchema);
  const all = prepend(first.value, it);
  const out = createWriteStream(path);
  let schema: Schema | undefined;
  const dictionaries = new BatchDictionaryEncoder();
  const conform = (b: RecordBatch): RecordBatch => {
    schema ??= writtenSchema(b, dictionaries);
    return conformBatch(b, schema, dictionaries);
  };
  let bytes = 0;
  let rows = 0;
  const write = async (chunk: Uint8Array): Promise<void> => {
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    if (format === 'arrow') {
      const writer = new RecordBatchStreamWriter();
      const pump = (async () => {
        for await (const chunk of writer) await write(chunk);
      })();
      for await (const b of all) {
        rows += b.numRows;
        writer.write(conform(b));
      }
      writer.finish();
      await pump;
    } else {
      const pq = await loadParquetWasm();
      const source = new ReadableStream<parquet.RecordBatch>({
        async pull(controller) {
          const next = await all.next();
          if (next.done) {
            controller.close();
            return;
          }
          rows += next.value.numRows;
          const wasm = pq.Table.fromIPCStream(tableToIPC(new Table([conform(next.value)]), 'stream'));
          for (const rb of wasm.recordBatches()) controller.enqueue(rb);
        },
      });
      // Row groups of 128 Ki rows with page statistics (min/max per column, Timestamp included) let
      // Parquet readers skip row groups outside a time window (performance-notes §2.6).
      const props = new pq.WriterPropertiesBuilder()
        .setCompression(pq.Compression.ZSTD)
        .setMaxRowGroupSize(rowGroupRows)
        .setStatisticsEnabled(pq.EnabledStatistics.Page)
        .build();
      const encoded = await pq.transformParquetStream(source, props);
      for await (const chunk of encoded as unknown as AsyncIterable<Uint8Array>) await write(chunk);
    }
    out.end();
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    throw err;
  }
  return { rows, bytes };
}

/**
 * Strings with many distinct values per batch (a full path, a command line) are written plain: a
 * dictionary as large as its batch only adds codes and per-batch dictionaries to read. Decided on
 * the first batch (one schema per file): dictionary columns whose first batch uses more distinct
 * values than half its rows (and more than DICTIONARY_MAX_SMALL) become Utf8.
 */
function writtenSchema(first: RecordBatch, dictionaries: BatchDictionaryEncoder): Schema {
  const fields = first.schema.fields.map((f, k) => {
    if (!DataType.isDictionary(f.type)) return f;
    const distinct = dictionaries.localize(first.data.children[k] as Data<Dictionary>).dictionary?.length ?? 0;
    if (distinct <= Math.max(first.numRows / 2, DICTIONARY_MAX_SMALL)) return f;
    return new Field(f.name, new Utf8(), f.nullable, f.metadata);
  });
  return fields.every((f, k) => f === first.schema.fields[k]) ? first.schema : new Schema(fields, first.schema.metadata);
}

/** Rows per Parquet row group: each has Timestamp statistics, by which a reader skips it. */
export const PARQUET_ROW_GROUP_ROWS = 128 * 1024;

/** A dictionary of up to this many values is kept whatever the batch's size. */
const DICTIONARY_MAX_SMALL = 4096;

async function* prepend(first: RecordBatch, rest: AsyncIterator<RecordBatch>): AsyncGenerator<RecordBatch> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** A schema-only file: zero rows but the columns and their `kql.type` metadata. */
async function writeEmpty(path: string, format: OutputFormat, schema: Schema | undefined): Promise<WriteResult> {
  if (schema === undefined) throw new Error(`cannot write ${path}: no batches and no schema`);
  const pq = await loadParquetWasm();
  const ipc = tableToIPC(new Table(schema), 'stream');
  const bytes = format === 'arrow' ? ipc : pq.writeParquet(pq.Table.fromIPCStream(ipc));
  await writeFile(path, bytes);
  return { rows: 0, bytes: bytes.length };
}
