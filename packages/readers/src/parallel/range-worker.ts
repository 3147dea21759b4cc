import { parentPort } from 'node:worker_threads';
import type { RecordBatch } from 'apache-arrow';
import { Arrow } from '../arrow/arrow-runtime.js';
import { RangeCancelled, RangeFailure, runRangeJob } from './range-job.js';
import { MAX_BATCHES_IN_FLIGHT, type FromWorker, type ToWorker } from './worker-protocol.js';

/**
 * Worker thread entry: reads the ranges it is given, one at a time, and posts each batch as Arrow
 * IPC bytes (the buffer is transferred, not copied). At most MAX_BATCHES_IN_FLIGHT batches wait
 * unacknowledged: a worker ahead of the consumer stops reading instead of filling memory. A
 * cancelled job stops at its next event (at least once per MiB read).
 */
const port = parentPort;
if (port === null) throw new Error('range-worker.js runs as a worker thread');

let jobId = -1;
let credits = 0;
let cancelled = false;
let wake: (() => void) | undefined;
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);

async function postBatch(batch: RecordBatch): Promise<void> {
  while (credits <= 0 && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
  if (cancelled) throw new RangeCancelled();
  credits--;
  const ipc = Arrow.tableToIPC(new Arrow.Table([batch]), 'stream');
  post({ type: 'batch', ipc }, [ipc.buffer as ArrayBuffer]);
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'job') {
    jobId = m.id;
    credits = MAX_BATCHES_IN_FLIGHT;
    cancelled = false;
    void run(m.job);
    return;
  }
  if (m.id !== jobId) return;
  if (m.type === 'ack') credits++;
  else cancelled = true;
  wake?.();
  wake = undefined;
});

async function run(job: Extract<ToWorker, { type: 'job' }>['job']): Promise<void> {
  try {
    // Only the batch event is awaited; the others are posted at once and never throw (a rejected
    // promise nobody awaits would end the thread).
    await runRangeJob(job, (e) => {
      switch (e.kind) {
        case 'batch':
          return postBatch(e.batch);
        case 'malformed':
          return post({ type: 'malformed', reason: e.reason, line: e.line });
        case 'warning':
          return post({ type: 'warning', message: e.message });
        case 'bytes':
          return post({ type: 'bytes', n: e.n });
        case 'done':
          return post({ type: 'done', summary: e.summary });
      }
    }, () => cancelled);
  } catch (err) {
    if (err instanceof RangeCancelled || cancelled) post({ type: 'cancelled' });
    else if (err instanceof RangeFailure) post({ type: 'failed', message: err.message, line: err.line, kind: err.kind });
    else post({ type: 'failed', message: (err as Error).stack ?? String(err), line: undefined, kind: 'bug' });
  }
}
