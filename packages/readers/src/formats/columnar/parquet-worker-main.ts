import type { MessagePort } from 'node:worker_threads';
import type * as ParquetWasm from 'parquet-wasm/esm';
import type { WasmModule } from '../../io/parquet-module.js';
import type { ParquetRequest, ParquetWorkerData, ParquetWorkerMessage } from './parquet-worker-protocol.js';

export interface ParquetWorkerDeps {
  port: MessagePort;
  data: ParquetWorkerData;
  /** Dynamic `import()`, passed in because this function's source is evaluated on its own. */
  load: (specifier: string) => Promise<unknown>;
}

/**
 * The body of a Parquet decoder worker: opens files with parquet-wasm and answers requests one at
 * a time, a batch per `pull`, a row group at a time (so memory stays at a batch or two).
 *
 * Why a worker: parquet-wasm decodes inside Rust futures that wasm-bindgen polls from
 * `queueMicrotask` callbacks. A Rust panic on corrupt data is a WebAssembly trap (`RuntimeError:
 * unreachable`) thrown from such a callback: no promise is rejected, the exception is uncaught
 * and ends the process, and the pending read never settles. In a worker it ends only the worker;
 * the reader sees the worker die and reports an input error. A trap that does reach a caller here
 * is fatal too: a trapped instance may hold half-updated state, so the worker exits instead of
 * decoding anything else with it.
 *
 * It runs as `eval` code made from this function's source (the same from the TypeScript sources
 * under vitest and from dist), so it refers only to its parameters, its own locals and globals.
 */
export async function parquetWorkerMain({ port, data, load }: ParquetWorkerDeps): Promise<void> {
  // A trap (a Rust panic or an out-of-bounds access) is a WebAssembly.RuntimeError.
  const { RuntimeError } = (globalThis as unknown as { WebAssembly: { RuntimeError: abstract new () => Error } }).WebAssembly;
  // The compiled module arrives as the first message ('init'), while the glue loads.
  let receiveModule: (m: WasmModule) => void = () => undefined;
  const module = new Promise<WasmModule>((resolve) => (receiveModule = resolve));
  let pq: typeof ParquetWasm | undefined;
  let fs: typeof import('node:fs') | undefined;
  const setup = (async (): Promise<void> => {
    const glue = (await load(data.glueUrl)) as typeof ParquetWasm;
    fs = (await load('node:fs')) as typeof import('node:fs');
    glue.initSync({ module: await module });
    pq = glue;
  })();

  interface Job {
    file: ParquetWasm.ParquetFile;
    options: ParquetWasm.ReaderOptions;
    /** The row groups to read, in order; `next` indexes this list. */
    rowGroups: number[];
    next: number;
    reader: ReadableStreamDefaultReader<unknown> | undefined;
  }
  let job: Job | undefined;

  const post = (m: ParquetWorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

  const openFile = async (path: string): Promise<ParquetWasm.ParquetFile> => pq!.ParquetFile.fromFile(await fs!.openAsBlob(path));

  const rowGroupRows = (file: ParquetWasm.ParquetFile): number[] => {
    const meta = file.metadata();
    try {
      return meta.rowGroups().map((rg) => {
        const n = rg.numRows();
        rg.free();
        return n;
      });
    } finally {
      meta.free();
    }
  };

  const closeJob = async (): Promise<void> => {
    const j = job;
    job = undefined;
    if (j === undefined) return;
    // Cancel the stream before freeing the file: its read-ahead must not run on a freed file.
    if (j.reader !== undefined) {
      await j.reader.cancel().catch(() => undefined);
      j.reader.releaseLock();
    }
    j.file.free();
  };

  const pull = async (j: Job): Promise<void> => {
    for (;;) {
      if (j.reader === undefined) {
        if (j.next >= j.rowGroups.length) {
          await closeJob();
          post({ type: 'end' });
          return;
        }
        const rowGroup = j.rowGroups[j.next++]!;
        post({ type: 'at', rowGroup });
        const stream = (await j.file.stream({ ...j.options, rowGroups: [rowGroup] })) as ReadableStream<unknown>;
        j.reader = stream.getReader();
      }
      const next = await j.reader.read();
      if (next.done) {
        j.reader.releaseLock();
        j.reader = undefined;
        continue;
      }
      // intoIPCStream copies the batch out of wasm memory into its own buffer: transferred, not copied again.
      const ipc = (next.value as ParquetWasm.RecordBatch).intoIPCStream();
      post({ type: 'batch', ipc }, [ipc.buffer as ArrayBuffer]);
      return;
    }
  };

  const handle = async (req: ParquetRequest): Promise<void> => {
    switch (req.type) {
      case 'init':
        return;
      case 'schema': {
        const file = await openFile(req.path);
        try {
          const rows = rowGroupRows(file);
          const ipc = file.schema().intoIPCStream();
          post({ type: 'schema', ipc, rowGroupRows: rows }, [ipc.buffer as ArrayBuffer]);
        } finally {
          file.free();
        }
        return;
      }
      case 'open': {
        await closeJob();
        const file = await openFile(req.path);
        let rows: number[];
        const options: ParquetWasm.ReaderOptions = { batchSize: req.batchSize };
        try {
          rows = rowGroupRows(file);
          if (req.columns !== null) {
            const schema = file.schema();
            // Columns the file lacks are left out (the reader fills them with nulls / ""); indexOf
            // throws for a name that is not in the schema.
            const has = (name: string): boolean => {
              try {
                return schema.indexOf(name) >= 0;
              } catch {
                return false;
              }
            };
            options.columns = req.columns.filter(has);
            schema.free();
          }
        } catch (err) {
          file.free();
          throw err;
        }
        const all = rows.map((_, g) => g);
        job = { file, options, rowGroups: req.rowGroups === null ? all : req.rowGroups.filter((g) => g >= 0 && g < rows.length), next: 0, reader: undefined };
        post({ type: 'opened', rowGroupRows: rows });
        return;
      }
      case 'pull':
        if (job === undefined) post({ type: 'end' });
        else await pull(job);
        return;
      case 'close':
        await closeJob();
        post({ type: 'closed' });
        return;
    }
  };

  // Requests wait for the setup; if it fails, the rejection is left unhandled and ends the worker
  // before it said 'ready' (the reader's fault, not the file's).
  let queue: Promise<void> = setup;
  port.on('message', (req: ParquetRequest) => {
    if (req.type === 'init') receiveModule(req.module);
    queue = queue
      .then(() => handle(req))
      .catch(async (err: unknown) => {
        if (pq === undefined) throw err;
        const fatal = err instanceof RuntimeError;
        if (!fatal) await closeJob().catch(() => undefined);
        post({ type: 'error', message: err instanceof Error ? err.message : String(err), fatal });
        if (fatal) process.exit(1);
      });
  });
  await setup;
  post({ type: 'ready' });
}
