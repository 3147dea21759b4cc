import { ParquetWorker } from './parquet-worker.js';

/**
 * Decoder workers are reused: starting one costs ~40-60 ms (a thread, the glue, instantiating the
 * shared compiled module), paid once per process instead of twice per file (schema, then scan).
 * Each worker serves one caller at a time, so a crash is always the file that caller was reading.
 * Kept: one decodes file after file; a second serves a concurrent scan.
 */
const MAX_IDLE = 2;
const idle: ParquetWorker[] = [];

/** A worker to this caller alone until `releaseParquetWorker`; a dead one is never handed out. */
export async function acquireParquetWorker(): Promise<ParquetWorker> {
  for (let w = idle.pop(); w !== undefined; w = idle.pop()) {
    if (w.alive) {
      w.ref();
      return w;
    }
  }
  return ParquetWorker.spawn();
}

/** Back to the pool once its job is closed; a worker that died, or one too many, is ended. */
export function releaseParquetWorker(w: ParquetWorker): void {
  if (w.alive && idle.length < MAX_IDLE) {
    w.unref();
    idle.push(w);
  } else if (w.alive) {
    w.terminate();
  }
}
