import type { RecordBatch } from 'apache-arrow';
import { RangeFailure, runRangeJob, type RangeEvent, type RangeJob } from './range-job.js';
import type { FromWorker } from './worker-protocol.js';

/** A range's events as a worker posts them, except that a batch is the batch itself. */
export type LocalEvent = Exclude<FromWorker, { type: 'batch' }> | { type: 'local-batch'; batch: RecordBatch };

/**
 * Reads a range on the calling thread, as a worker would (the re-read of a CSV file's rest after
 * a range that did not start at a record). The reader waits while a batch is not yet taken.
 */
export async function* inProcessRange(job: RangeJob): AsyncGenerator<LocalEvent> {
  const queue: LocalEvent[] = [];
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  let finished = false;
  const emit = (e: RangeEvent): void | Promise<void> => {
    queue.push(toLocal(e));
    wake?.();
    if (e.kind === 'batch') return new Promise<void>((resolve) => (resume = resolve));
  };
  void runRangeJob(job, emit).then(
    () => (finished = true),
    (err: unknown) => {
      queue.push(err instanceof RangeFailure
        ? { type: 'failed', message: err.message, line: err.line, kind: err.kind }
        : { type: 'failed', message: (err as Error).stack ?? String(err), line: undefined, kind: 'bug' });
      finished = true;
    },
  ).finally(() => wake?.());
  for (;;) {
    while (queue.length > 0) {
      const e = queue.shift()!;
      yield e;
      if (e.type === 'local-batch') {
        const r = resume;
        resume = undefined;
        r?.();
      }
      if (e.type === 'done' || e.type === 'failed') return;
    }
    if (finished && queue.length === 0) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

function toLocal(e: RangeEvent): LocalEvent {
  switch (e.kind) {
    case 'batch':
      return { type: 'local-batch', batch: e.batch };
    case 'malformed':
      return { type: 'malformed', reason: e.reason, line: e.line };
    case 'warning':
      return { type: 'warning', message: e.message };
    case 'bytes':
      return { type: 'bytes', n: e.n };
    case 'done':
      return { type: 'done', summary: e.summary };
  }
}
