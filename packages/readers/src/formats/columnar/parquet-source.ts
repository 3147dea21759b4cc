import { tableFromIPC, type RecordBatch, type Schema, type Table } from 'apache-arrow';
import { InputError } from '../../input-error.js';
import { checkParquetFrame } from './parquet-frame.js';
import type { ParquetReply } from './parquet-worker-protocol.js';
import { ParquetWorkerCrash, type ParquetWorker } from './parquet-worker.js';
import { acquireParquetWorker, releaseParquetWorker } from './parquet-worker-pool.js';

/**
 * Parquet files are decoded by parquet-wasm in worker threads (see `parquet-worker-main.ts` for
 * why). Whatever the file does to the decoder, the outcome here is batches or an InputError that
 * names the file and, once the data is being read, the row group.
 */

/** The Arrow schema of a Parquet file (its footer), without reading data. */
export async function parquetSchemaOf(path: string): Promise<Schema> {
  await checkParquetFrame(path);
  const worker = await acquireParquetWorker();
  try {
    const reply = await worker.call({ type: 'schema', path }).catch((err: unknown) => crashed(err, path, undefined));
    if (reply.type !== 'schema') throw notReadable(path, reply);
    return fromIpc(reply.ipc, path, 'its schema').schema;
  } finally {
    releaseParquetWorker(worker);
  }
}

/** Batches of a Parquet file, reading only `columns` (and Timestamp) when given, and only `rowGroups` (file order) when given. */
export async function* parquetBatches(path: string, columns: readonly string[] | undefined, batchSize: number, rowGroups?: readonly number[]): AsyncGenerator<RecordBatch> {
  await checkParquetFrame(path);
  const worker = await acquireParquetWorker();
  worker.rowGroup = undefined;
  const wanted = columns === undefined ? null : [...new Set([...columns, 'Timestamp'])];
  let open = false;
  try {
    const opened = await worker.call({ type: 'open', path, columns: wanted, batchSize, rowGroups: rowGroups === undefined ? null : [...rowGroups] }).catch((err: unknown) => crashed(err, path, undefined));
    if (opened.type !== 'opened') throw notReadable(path, opened);
    open = true;
    const where = (): string => rowGroupAt(worker, opened.rowGroupRows);
    const pull = (): Promise<ParquetReply> => worker.call({ type: 'pull' }).catch((err: unknown) => crashed(err, path, where()));
    // One pull ahead: the worker decodes the next batch while this one is consumed.
    let next = pull();
    for (;;) {
      const reply = await next;
      if (reply.type === 'end') {
        open = false;
        return;
      }
      if (reply.type !== 'batch') {
        open = false;
        throw new InputError(`${path}: corrupt Parquet data in ${where()} (${describe(reply)})`, path);
      }
      next = pull();
      // The rejection of a read-ahead nobody awaits (the consumer stopped) is not unhandled.
      next.catch(() => undefined);
      for (const b of fromIpc(reply.ipc, path, where()).batches) yield b;
    }
  } finally {
    if (open && worker.alive) {
      // The consumer stopped early: close the file, then the worker can take the next one. Nobody
      // waits for it meanwhile, so it must not keep the process alive (e.g. still decoding ahead).
      worker.unref();
      worker
        .call({ type: 'close' })
        .then(() => releaseParquetWorker(worker))
        .catch(() => undefined);
    } else {
      releaseParquetWorker(worker);
    }
  }
}

function rowGroupAt(worker: ParquetWorker, rowGroupRows: readonly number[]): string {
  const i = worker.rowGroup;
  if (i === undefined || i >= rowGroupRows.length) return 'its data';
  let first = 1;
  for (let g = 0; g < i; g++) first += rowGroupRows[g]!;
  const last = first + rowGroupRows[i]! - 1;
  return `row group ${i + 1} of ${rowGroupRows.length} (rows ${first}-${last})`;
}

/** The worker's Arrow IPC bytes: written by parquet-wasm from what it decoded, so a failure is the file's. */
function fromIpc(ipc: Uint8Array, path: string, where: string): Table {
  try {
    return tableFromIPC(ipc);
  } catch (err) {
    throw new InputError(`${path}: corrupt Parquet data in ${where} (${err instanceof Error ? err.message : String(err)})`, path);
  }
}

function describe(reply: ParquetReply): string {
  return reply.type === 'error' ? reply.message : `unexpected reply '${reply.type}'`;
}

function notReadable(path: string, reply: ParquetReply): InputError {
  return new InputError(`${path}: not a readable Parquet file (${describe(reply)})`, path);
}

/**
 * A dead worker: the file's fault once the worker had started, ours before. `where` is the row
 * group being decoded, or undefined while the footer was.
 */
function crashed(err: unknown, path: string, where: string | undefined): never {
  if (err instanceof ParquetWorkerCrash && err.started) {
    const what = where === undefined ? 'not a readable Parquet file: the decoder (parquet-wasm) crashed on its footer' : `corrupt Parquet data in ${where}: the decoder (parquet-wasm) crashed`;
    throw new InputError(`${path}: ${what} (${err.message})`, path);
  }
  throw err;
}
