/**
 * Overlaps reading with computing: while the consumer works on item k, the source already produces
 * item k+1 (for the Arrow IPC reader: its preads run on libuv's thread pool, i.e. the second core,
 * while the executor filters on the main thread). At most one item is held ahead, so memory grows
 * by one batch. Items and errors come out in the source's order; an error of item k+1 surfaces
 * only after item k was consumed, as without read-ahead. When the consumer stops early, the step in
 * flight is awaited and the source is closed (its `finally` runs) before this generator returns.
 */
export async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let pending: Promise<IteratorResult<T>> | null = source.next();
  try {
    for (;;) {
      const step: IteratorResult<T> = await pending;
      pending = null;
      if (step.done === true) return;
      pending = source.next();
      // Seen by `await pending` on the next turn, or dropped in `finally`: never unhandled.
      pending.catch(() => undefined);
      yield step.value;
    }
  } finally {
    if (pending !== null) {
      await pending.catch(() => undefined);
      await source.return(undefined);
    }
  }
}
