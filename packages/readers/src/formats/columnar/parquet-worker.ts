import { Worker } from 'node:worker_threads';
import { compiledParquetWasm, parquetGlueUrl } from '../../io/parquet-module.js';
import { parquetWorkerMain } from './parquet-worker-main.js';
import type { ParquetReply, ParquetRequest, ParquetWorkerData, ParquetWorkerMessage } from './parquet-worker-protocol.js';

/** The decoder worker died (a WebAssembly trap, an uncaught exception, an exit) while answering. */
export class ParquetWorkerCrash extends Error {
  constructor(
    message: string,
    /** False when the worker died before it was ready: our fault, not the file's. */
    readonly started: boolean,
  ) {
    super(message);
    this.name = 'ParquetWorkerCrash';
  }
}

/**
 * The worker runs as `eval` code made from parquetWorkerMain's own source: the same whether this
 * module was loaded from dist or from the TypeScript sources (vitest), where a worker file next to
 * it would not exist as JavaScript.
 */
const SOURCE = `(${parquetWorkerMain.toString()})({
  port: require('node:worker_threads').parentPort,
  data: require('node:worker_threads').workerData,
  load: (specifier) => import(specifier),
})`;

/** Characters of the worker's stderr put into a crash message (a panic message, if any). */
const STDERR_TAIL = 1000;

/**
 * One Parquet decoder worker: requests go out in order and replies come back in order. When the
 * worker dies, every pending and later request rejects with a `ParquetWorkerCrash`.
 */
export class ParquetWorker {
  private readonly pending: { resolve: (r: ParquetReply) => void; reject: (e: Error) => void }[] = [];
  private crash: ParquetWorkerCrash | undefined;
  private started = false;
  private stopping = false;
  private cause: string | undefined;
  /** The row group the worker announced last (0-based), for placing a crash in the file. */
  rowGroup: number | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: ParquetWorkerMessage) => this.onMessage(m));
    // Requests fail on 'exit', not on 'error': Node delivers the messages the worker posted before
    // it died (its last `at`, placing the crash) before 'exit', but not necessarily before 'error'.
    worker.on('error', (err) => this.dying(`${err.name}: ${err.message}`));
    worker.on('messageerror', (err) => this.dying(`unreadable message (${err.message})`));
    worker.on('exit', (code) => this.die(this.cause ?? `exited with code ${code}`));
  }

  /** The thread starts while parquet-wasm compiles (the first time); the module follows as 'init'. */
  static async spawn(): Promise<ParquetWorker> {
    const workerData: ParquetWorkerData = { glueUrl: parquetGlueUrl() };
    // stdout/stderr piped (and never read unless it crashes): nothing it prints reaches the terminal.
    const w = new ParquetWorker(new Worker(SOURCE, { eval: true, workerData, stdout: true, stderr: true }));
    try {
      w.worker.postMessage({ type: 'init', module: await compiledParquetWasm() } satisfies ParquetRequest);
    } catch (err) {
      w.terminate();
      throw err;
    }
    return w;
  }

  get alive(): boolean {
    return this.crash === undefined && !this.stopping;
  }

  call(req: ParquetRequest): Promise<ParquetReply> {
    if (this.crash !== undefined) return Promise.reject(this.crash);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(req);
    });
  }

  /** Idle workers must not keep the process alive. */
  ref(): void {
    this.worker.ref();
  }

  unref(): void {
    this.worker.unref();
  }

  terminate(): void {
    this.stopping = true;
    void this.worker.terminate();
  }

  private onMessage(m: ParquetWorkerMessage): void {
    if (m.type === 'ready') this.started = true;
    else if (m.type === 'at') this.rowGroup = m.rowGroup;
    else {
      if (m.type === 'error' && m.fatal) this.stopping = true;
      this.pending.shift()?.resolve(m);
    }
  }

  private dying(why: string): void {
    this.cause ??= why;
    this.stopping = true;
  }

  private die(why: string): void {
    if (this.crash !== undefined) return;
    // Read only now: a 'data' listener would keep an idle (unref'd) worker alive.
    const buffered: unknown = this.worker.stderr.read();
    const printed = buffered === null ? '' : String(buffered).trim().slice(-STDERR_TAIL);
    this.crash = new ParquetWorkerCrash(printed === '' ? why : `${why}; it printed: ${printed}`, this.started);
    for (const p of this.pending.splice(0)) p.reject(this.crash);
    if (!this.stopping) void this.worker.terminate();
  }
}
