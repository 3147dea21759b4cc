import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RangeJob } from './range-job.js';
import { endsJob, type FromWorker, type ToWorker } from './worker-protocol.js';
import { WORKER_YOUNG_GENERATION_MB } from './worker-limits.js';
import { arrowBundleWorkerData } from '../arrow/arrow-worker-data.js';

/** The events of one submitted range, in order, as the worker posted them. */
export interface RangeHandle {
  readonly job: RangeJob;
  events(): AsyncIterable<FromWorker>;
  /** Lets the worker post one more batch (call once per batch consumed). */
  ack(): void;
  /** Stops the range (not yet started: never starts); its events end. */
  cancel(): void;
}

/**
 * Worker threads reading ranges (range-job.ts) in submission order: the oldest waiting range goes
 * to the next idle worker, so the range a consumer waits for is always being read (no deadlock
 * with the per-worker batch limit). One pool serves the whole process: a worker loads its modules
 * (apache-arrow, the readers) once, which costs about as much as reading 30 MB, so the pool is
 * started early (`warm`) and kept; its threads are unref'd and never keep the process alive.
 */
export class RangePool {
  private readonly idle: PoolWorker[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private busy = 0;
  /** Bytes of the ranges given out since the threads started (see release). */
  private given = 0;

  constructor(
    readonly size: number,
    private readonly retireAfterBytes = RETIRE_AFTER_BYTES,
    /** See worker-limits.ts. */
    private readonly youngGenerationMb = WORKER_YOUNG_GENERATION_MB,
  ) {
    this.revive();
  }

  /** Threads running (idle or reading); 0 after a retirement. */
  get threads(): number {
    return this.idle.length + this.busy;
  }

  /** Starts the threads (again, after a retirement). */
  revive(): void {
    if (this.idle.length + this.busy > 0) return;
    this.given = 0;
    for (let i = 0; i < this.size; i++) this.idle.push(this.spawn());
  }

  /** A thread that dies (it fails its range) is replaced, so the pool never shrinks to a halt. */
  private spawn(): PoolWorker {
    return new PoolWorker(new Worker(workerUrl(), { workerData: arrowBundleWorkerData(), resourceLimits: { maxYoungGenerationSizeMb: this.youngGenerationMb } }), (pw) => this.release(pw), (pw) => {
      // A thread the pool ended itself (retire) is not replaced.
      if (pw.ended) return;
      const i = this.idle.indexOf(pw);
      if (i >= 0) this.idle.splice(i, 1);
      else this.busy--;
      this.addIdle(this.spawn());
    });
  }

  submit(job: RangeJob): RangeHandle {
    this.revive();
    const p = new Pending(this.nextId++, job, (q) => this.drop(q));
    this.waiting.push(p);
    this.dispatch();
    return p;
  }

  private drop(p: Pending): void {
    const i = this.waiting.indexOf(p);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /** A worker done with its range. */
  private release(w: PoolWorker): void {
    this.busy--;
    this.addIdle(w);
    // After a large read, once every range is read, the threads go at once: their heaps (tens of
    // MiB) would otherwise stay resident through the caller's end of the query (sorting and
    // writing the result), which makes the process's peak when a large input has a large result.
    // Not on a timer: that end is one synchronous stretch of the main thread. The next scan starts
    // them again (revive), whose module loading is then small beside the read before it; after
    // small reads they are kept, as restarting them per scan would cost more than the read.
    if (this.busy === 0 && this.waiting.length === 0 && this.given >= this.retireAfterBytes) this.retire();
  }

  private addIdle(w: PoolWorker): void {
    this.idle.push(w);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      this.busy++;
      const p = this.waiting.shift()!;
      this.given += p.job.end - p.job.start;
      this.idle.shift()!.start(p);
    }
  }

  private retire(): void {
    for (const w of this.idle.splice(0)) w.terminate();
  }
}

/** Bytes read by a pool's threads past which they end when idle (RangePool.release). */
const RETIRE_AFTER_BYTES = 1024 * 1024 * 1024;

/** The process's pools, by their workers' young generation (see worker-limits.ts). */
const shared = new Map<number, RangePool>();

/**
 * The process's pool whose workers have a `youngGenerationMb` young generation, with at least
 * `size` workers (a smaller one is replaced; its threads end when idle).
 */
export function sharedRangePool(size: number, youngGenerationMb: number = WORKER_YOUNG_GENERATION_MB): RangePool {
  let pool = shared.get(youngGenerationMb);
  if (pool === undefined || pool.size < size) {
    pool = new RangePool(size, RETIRE_AFTER_BYTES, youngGenerationMb);
    shared.set(youngGenerationMb, pool);
  } else pool.revive();
  return pool;
}

class PoolWorker {
  private current: Pending | undefined;
  private terminated = false;

  constructor(
    private readonly worker: Worker,
    private readonly onIdle: (w: PoolWorker) => void,
    onExit: (w: PoolWorker) => void,
  ) {
    worker.on('message', (m: FromWorker) => {
      const p = this.current;
      if (p === undefined) return;
      p.push(m);
      if (endsJob(m)) {
        this.current = undefined;
        worker.unref();
        this.onIdle(this);
      }
    });
    // A crashed thread fails its range; it is not reused.
    worker.on('error', (err) => this.fail(err.stack ?? err.message));
    worker.on('exit', (code) => {
      this.fail(`worker thread exited with code ${code}`);
      onExit(this);
    });
    // After the listeners: adding a 'message' listener refs the thread again.
    worker.unref();
  }

  get ended(): boolean {
    return this.terminated;
  }

  /** Ends an idle thread for good (its exit is expected: see RangePool.retire). */
  terminate(): void {
    this.terminated = true;
    void this.worker.terminate();
  }

  start(p: Pending): void {
    // A busy thread keeps the process alive: the consumer may be waiting for nothing but it.
    this.worker.ref();
    this.current = p;
    // Acks of a finished range may come after the pool ended this thread: nobody needs them then.
    p.attach((m) => {
      if (!this.terminated) this.worker.postMessage(m);
    });
    const msg: ToWorker = { type: 'job', id: p.id, job: p.job };
    this.worker.postMessage(msg);
  }

  private fail(message: string): void {
    const p = this.current;
    this.current = undefined;
    this.worker.unref();
    p?.push({ type: 'failed', message, line: undefined, kind: 'bug' });
  }
}

/** A submitted range: its events queue up until the consumer takes them. */
class Pending implements RangeHandle {
  private readonly queue: FromWorker[] = [];
  private wake: (() => void) | undefined;
  private send: ((m: ToWorker) => void) | undefined;
  private ended = false;

  constructor(
    readonly id: number,
    readonly job: RangeJob,
    private readonly onCancelWaiting: (p: Pending) => void,
  ) {}

  attach(send: (m: ToWorker) => void): void {
    this.send = send;
  }

  push(m: FromWorker): void {
    if (this.ended) return;
    if (endsJob(m)) this.ended = true;
    this.queue.push(m);
    this.wake?.();
    this.wake = undefined;
  }

  ack(): void {
    this.send?.({ type: 'ack', id: this.id });
  }

  cancel(): void {
    if (this.ended) return;
    if (this.send === undefined) {
      this.onCancelWaiting(this);
      this.push({ type: 'cancelled' });
    } else {
      this.send({ type: 'cancel', id: this.id });
    }
  }

  async *events(): AsyncIterable<FromWorker> {
    for (;;) {
      while (this.queue.length > 0) {
        const m = this.queue.shift()!;
        yield m;
        if (endsJob(m)) return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/**
 * The compiled worker entry next to this module. Under a test runner executing the TypeScript
 * sources, the sibling is a `.ts` file a worker cannot load: the package's built `dist` is used.
 */
function workerUrl(): URL {
  const here = new URL('./range-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL(import.meta.url.replace('/src/parallel/', '/dist/parallel/').replace(/range-pool\.ts$/, 'range-worker.js'));
}
