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

/** Wraps an operator's chunk stream so that rows out and elapsed time are counted. */
export async function* metered<T extends { selection: Uint32Array }>(
  metrics: OperatorMetrics,
  source: AsyncIterable<T>,
): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    const start = performance.now();
    const next = await it.next();
    metrics.elapsedMs += performance.now() - start;
    if (next.done) return;
    metrics.rowsOut += next.value.selection.length;
    metrics.batchesOut++;
    yield next.value;
  }
}
