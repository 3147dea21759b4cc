import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { SpillDir } from './spill-dir.js';

/** How an ExternalSorter orders, measures and spills its items. */
export interface SortCodec<T> {
  /** Sort key, ascending; items with equal keys keep the order they were added in. */
  key(item: T): bigint;
  /** Approximate memory the item holds, in bytes (for the buffer budget). */
  size(item: T): number;
  /** The item as one line of text (no line break), for a spilled run. */
  encode(item: T): string;
  decode(line: string): T;
}

/** Default buffer budget: what a sort may hold in memory before it spills a sorted run. */
export const DEFAULT_SORT_BUDGET = 64 * 1024 * 1024;

/**
 * A stable sort with bounded memory. Items are buffered up to a byte budget; a full buffer is
 * sorted and written as a run to a private temporary directory (`SpillDir`), and `sorted()`
 * k-way merges the runs with the last buffer. Ties keep insertion order: the buffer sort is
 * stable, runs hold consecutive stretches of the input, and the merge prefers the earlier run.
 *
 * Use: `if (s.add(item)) await s.spill();` for each item, then `for await (... of s.sorted())`,
 * and `dispose()` in a `finally` (sorted() also disposes when it ends or is abandoned).
 */
export class ExternalSorter<T> {
  private buffer: T[] = [];
  private bytes = 0;
  private readonly runs: string[] = [];
  private dir: SpillDir | undefined;

  constructor(
    private readonly codec: SortCodec<T>,
    private readonly budget = DEFAULT_SORT_BUDGET,
  ) {}

  /** Buffers an item; true when the buffer is over budget and should be spilled now. */
  add(item: T): boolean {
    this.buffer.push(item);
    this.bytes += this.codec.size(item);
    return this.bytes > this.budget;
  }

  /** Number of runs written so far. */
  get spilledRuns(): number {
    return this.runs.length;
  }

  async spill(): Promise<void> {
    if (this.buffer.length === 0) return;
    const items = this.sortBuffer();
    this.dir ??= new SpillDir();
    const path = this.dir.file(`run-${this.runs.length}.txt`);
    const fh = await open(path, 'w');
    try {
      let text = '';
      for (const item of items) {
        text += this.codec.encode(item) + '\n';
        if (text.length >= 1 << 20) {
          await fh.write(text);
          text = '';
        }
      }
      if (text.length > 0) await fh.write(text);
    } finally {
      await fh.close();
    }
    this.runs.push(path);
  }

  async *sorted(): AsyncGenerator<T> {
    try {
      const last = this.sortBuffer();
      if (this.runs.length === 0) {
        yield* last;
        return;
      }
      yield* this.merge(last);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    this.buffer = [];
    this.bytes = 0;
    this.dir?.remove();
    this.dir = undefined;
  }

  private sortBuffer(): T[] {
    const items = this.buffer;
    this.buffer = [];
    this.bytes = 0;
    const key = this.codec.key;
    // Array.prototype.sort is stable; keys are computed once per item, not once per comparison.
    const keyed = items.map((item, i) => ({ k: key(item), i }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
    return keyed.map((x) => items[x.i]!);
  }

  private async *merge(last: T[]): AsyncGenerator<T> {
    const sources: Source<T>[] = this.runs.map((path) => fileSource(path, this.codec));
    sources.push(arraySource(last));
    const heap = new MergeHeap<T>();
    try {
      for (let r = 0; r < sources.length; r++) {
        const first = await sources[r]!.next();
        if (first !== undefined) heap.push({ key: this.codec.key(first), run: r, item: first });
      }
      while (heap.size > 0) {
        const top = heap.pop();
        yield top.item;
        const next = await sources[top.run]!.next();
        if (next !== undefined) heap.push({ key: this.codec.key(next), run: top.run, item: next });
      }
    } finally {
      for (const s of sources) s.close();
    }
  }
}

interface Source<T> {
  next(): Promise<T | undefined>;
  close(): void;
}

function arraySource<T>(items: T[]): Source<T> {
  let i = 0;
  return { next: async () => items[i++], close: () => undefined };
}

function fileSource<T>(path: string, codec: SortCodec<T>): Source<T> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await lines.next();
      return r.done ? undefined : codec.decode(r.value);
    },
    close: () => stream.destroy(),
  };
}

interface HeapEntry<T> {
  key: bigint;
  run: number;
  item: T;
}

/** Binary min-heap by (key, run): equal keys come out from the earlier run first. */
class MergeHeap<T> {
  private readonly a: HeapEntry<T>[] = [];

  get size(): number {
    return this.a.length;
  }

  push(e: HeapEntry<T>): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!less(a[i]!, a[up]!)) break;
      [a[i], a[up]] = [a[up]!, a[i]!];
      i = up;
    }
  }

  pop(): HeapEntry<T> {
    const a = this.a;
    const top = a[0]!;
    const end = a.pop()!;
    if (a.length > 0) {
      a[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less<T>(x: HeapEntry<T>, y: HeapEntry<T>): boolean {
  return x.key < y.key || (x.key === y.key && x.run < y.run);
}
