import type { RangeJob, RangeSummary } from './range-job.js';

/** Main thread -> worker. Acks and cancels name the job they are for (a stale one is ignored). */
export type ToWorker = { type: 'job'; id: number; job: RangeJob } | { type: 'ack'; id: number } | { type: 'cancel'; id: number };

/** Worker -> main thread: a range's events in order; a batch is Arrow IPC stream bytes (transferred). */
export type FromWorker =
  | { type: 'batch'; ipc: Uint8Array }
  | { type: 'malformed'; reason: string; line: number | undefined }
  | { type: 'warning'; message: string }
  | { type: 'bytes'; n: number }
  | { type: 'done'; summary: RangeSummary }
  | { type: 'failed'; message: string; line: number | undefined; kind: 'too-long' | 'input' | 'bug' }
  | { type: 'cancelled' };

/** Whether the worker is finished with its job after this message. */
export function endsJob(m: FromWorker): boolean {
  return m.type === 'done' || m.type === 'failed' || m.type === 'cancelled';
}

/** Batches a worker may have in flight before it waits for the main thread (bounded memory). */
export const MAX_BATCHES_IN_FLIGHT = 4;
