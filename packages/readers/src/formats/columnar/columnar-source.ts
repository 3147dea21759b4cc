import { open } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Schema } from 'apache-arrow';
import { InputError } from '../../input-error.js';
import { describeFsError } from '../../io/byte-stream.js';
import { ArrowIpcSource } from './arrow-ipc-projected-reader.js';
import { gunzippedCopy } from './gunzipped-copy.js';

/**
 * Batches of an Arrow IPC file or stream through apache-arrow's reader, every column decoded (for
 * column types the positional reader cannot skip). `readPath` is the file read (a gzip input's
 * decompressed copy); `path` names it in messages. Memory stays at one batch: the IPC file format's
 * footer is used through the file handle.
 */
export async function* arrowBatches(path: string, onBytes: (n: number) => void, readPath: string = path): AsyncGenerator<{ schema: Schema; batch: RecordBatch }> {
  const handle = await open(readPath, 'r').catch((err: unknown) => {
    throw new InputError(`${path}: cannot open (${describeFsError(err)})`, path);
  });
  try {
    let reader;
    try {
      reader = await RecordBatchReader.from(handle);
      await reader.open();
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${path}: not a readable Arrow IPC file (${(err as Error).message})`, path);
    }
    try {
      for await (const batch of reader) {
        onBytes(batch.data.byteLength);
        yield { schema: reader.schema, batch };
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${path}: corrupt Arrow IPC data (${(err as Error).message})`, path);
    }
  } finally {
    await handle.close();
  }
}

/** The schema of an Arrow IPC file from its footer or schema message (no batch decoded). */
export async function arrowSchemaOf(path: string, gzip: boolean): Promise<Schema> {
  const source = await ArrowIpcSource.open(path, gzip ? await gunzippedCopy(path) : path);
  await source.close();
  return source.schema;
}
