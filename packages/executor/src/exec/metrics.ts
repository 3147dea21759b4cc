/** Per-operator counters for `explain --analyze`. Time is inclusive of the operator's inputs. */
export interface OperatorMetrics {
  rowsIn: number;
  rowsOut: number;
  batchesOut: number;
  elapsedMs: number;
}

export function newMetrics(): OperatorMetrics {
  return { rowsIn: 0, rowsOut: 0, batchesOut: 0, elapsedMs: 0 };
}

/**
 * Wraps an operator's chunk stream so that rows out and elapsed time are counted. A consumer that
 * stops early (`take`) closes the source too: the scans under it then end, closing their files and
 * cancelling the worker ranges they had started.
 */
export async function* metered<T extends { selection: Uint32Array }>(
  metrics: OperatorMetrics,
  source: AsyncIterable<T>,
): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      const start = performance.now();
      const next = await it.next();
      metrics.elapsedMs += performance.now() - start;
      if (next.done) {
        done = true;
        return;
      }
      metrics.rowsOut += next.value.selection.length;
      metrics.batchesOut++;
      yield next.value;
    }
  } finally {
    if (!done) await it.return?.();
  }
}
