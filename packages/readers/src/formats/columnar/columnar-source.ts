import { openAsBlob } from 'node:fs';
import { open } from 'node:fs/promises';
import { RecordBatchReader, tableFromIPC, type RecordBatch, type Schema } from 'apache-arrow';
import type * as parquet from 'parquet-wasm';
import { loadParquetWasm } from '../../io/parquet-module.js';
import { InputError } from '../../input-error.js';
import { byteStream, describeFsError } from '../../io/byte-stream.js';
import { ArrowIpcSource } from './arrow-ipc-projected-reader.js';

/**
 * Batches of an Arrow IPC file or stream. Uncompressed files are read through a file handle, so the
 * IPC file format's footer is used and memory stays at one batch; gzip input is read as a stream.
 */
export async function* arrowBatches(path: string, gzip: boolean, onBytes: (n: number) => void): AsyncGenerator<{ schema: Schema; batch: RecordBatch }> {
  let reader;
  const handle = gzip ? undefined : await open(path, 'r').catch((err: unknown) => {
    throw new InputError(`${path}: cannot open (${describeFsError(err)})`, path);
  });
  try {
    try {
      reader = handle ? await RecordBatchReader.from(handle) : await RecordBatchReader.from(byteStream(path, gzip, onBytes));
      await reader.open();
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${path}: not a readable Arrow IPC file (${(err as Error).message})`, path);
    }
    try {
      for await (const batch of reader) {
        if (handle) onBytes(batch.data.byteLength);
        yield { schema: reader.schema, batch };
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${path}: corrupt Arrow IPC data (${(err as Error).message})`, path);
    }
  } finally {
    await handle?.close();
  }
}

/** The schema of an Arrow IPC file: from its footer or first message (no batch decoded) unless gzip. */
export async function arrowSchemaOf(path: string, gzip: boolean): Promise<Schema> {
  if (!gzip) {
    const source = await ArrowIpcSource.open(path);
    await source.close();
    return source.schema;
  }
  for await (const { schema } of arrowBatches(path, gzip, () => undefined)) return schema;
  // No batch: the schema message alone.
  const reader = await RecordBatchReader.from(byteStream(path, gzip, () => undefined));
  await reader.open();
  return reader.schema;
}

/** Batches of a Parquet file through parquet-wasm, reading only `columns` when given. */
export async function* parquetBatches(path: string, columns: readonly string[] | undefined, batchSize: number): AsyncGenerator<RecordBatch> {
  const file = await openParquet(path);
  const fileColumns = parquetColumnNames(file);
  const options: parquet.ReaderOptions = { batchSize };
  if (columns !== undefined) options.columns = [...new Set([...columns, 'Timestamp'])].filter((c) => fileColumns.includes(c));
  let stream: ReadableStream;
  try {
    stream = await file.stream(options);
  } catch (err) {
    throw new InputError(`${path}: cannot read Parquet data (${String(err)})`, path);
  }
  const reader = stream.getReader();
  try {
    for (;;) {
      let next;
      try {
        next = await reader.read();
      } catch (err) {
        throw new InputError(`${path}: corrupt Parquet data (${String(err)})`, path);
      }
      if (next.done) break;
      const wasmBatch = next.value as parquet.RecordBatch;
      for (const b of tableFromIPC(wasmBatch.intoIPCStream()).batches) yield b;
    }
  } finally {
    // Stop the stream's read-ahead before freeing the file: a pull still running on a freed
    // parquet-wasm file panics ("RuntimeError: unreachable") outside any caller (found by fuzzing).
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
    file.free();
  }
}

async function openParquet(path: string): Promise<parquet.ParquetFile> {
  const pq = await loadParquetWasm();
  try {
    return await pq.ParquetFile.fromFile(await openAsBlob(path));
  } catch (err) {
    throw new InputError(`${path}: not a readable Parquet file (${err instanceof Error ? err.message : String(err)})`, path);
  }
}

function parquetColumnNames(file: parquet.ParquetFile): string[] {
  const ipc = tableFromIPC(file.schema().intoIPCStream());
  return ipc.schema.fields.map((f) => f.name);
}

export async function parquetSchemaOf(path: string): Promise<Schema> {
  const file = await openParquet(path);
  try {
    return tableFromIPC(file.schema().intoIPCStream()).schema;
  } finally {
    file.free();
  }
}
