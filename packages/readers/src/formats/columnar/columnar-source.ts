import { open } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Schema } from 'apache-arrow';
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
