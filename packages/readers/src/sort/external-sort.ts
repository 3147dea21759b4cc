import { closeSync, openSync } from 'node:fs';
import { grow } from '@kqlr/common/core';
import { open } from 'node:fs/promises';
import { RunReader } from './run-reader.js';
import { SpillDir } from './spill-dir.js';

/** How an ExternalSorter orders and stores its items. */
export interface SortCodec<T> {
  /** Sort key, ascending; a signed 64-bit integer (the buffer keeps keys in a BigInt64Array). */
  key(item: T): bigint;
  /** Second sort key, ascending, among equal keys; items equal in both keep the order they were added in. */
  minor(item: T): number;
  /** The item as one line of text (no CR or LF in it): how it waits in the buffer and in a run. */
  encode(item: T): string;
  decode(line: string): T;
}

/** Default buffer budget: what a sort may hold in memory before it spills a sorted run. */
export const DEFAULT_SORT_BUDGET = 64 * 1024 * 1024;

export interface ExternalSorterOptions {
  /** Bytes each spilled run is read with in the merge (grown for a longer line); tests make it tiny. */
  readBytes?: number;
}

/** Buffered item bookkeeping besides its text: key (8), minor key (8), start (4), rounded up. */
const ITEM_OVERHEAD = 24;
const LF = 10;
const WRITE_BYTES = 1 << 20;

/**
 * A stable sort with bounded memory. Items are encoded as they are added, into one byte buffer
 * (UTF-8 lines) with their keys in typed arrays, up to a byte budget; a full buffer is sorted and
 * written as a run to a private temporary directory (`SpillDir`). `sorted()` yields the buffer
 * in order when nothing was spilled; otherwise it spills the buffer too, lets it go, and k-way
 * merges the runs. Ties keep insertion order: the buffer sort breaks ties by position,
 * runs hold consecutive stretches of the input, and the merge prefers the earlier run.
 *
 * Why bytes and not the items: an item waiting in the buffer outlives a few young-generation
 * collections, so it is promoted to old space and, once spilled, left there as garbage until a
 * full collection, which a long read rarely triggers (a 1e7-row Sysmon log's needle hits left
 * ~25 MiB behind). Encoded, the buffer is one reused block outside the JS heap, and an item is
 * a JS object only between `decode` and the caller dropping it. Runs are read the same way: one
 * reused buffer per run, a line decoded when the merge needs it (readline queued whole chunks
 * of lines, long enough for them to be promoted too).
 *
 * Use: `if (s.add(item)) await s.spill();` for each item, then `for await (... of s.sorted())`,
 * and `dispose()` in a `finally` (sorted() also disposes when it ends or is abandoned).
 */
export class ExternalSorter<T> {
  private data = Buffer.allocUnsafe(64 * 1024);
  private fill = 0;
  private keys = new BigInt64Array(1024);
  private minors = new Float64Array(1024);
  /** Where each item's line starts in `data`; it ends where the next starts (or at `fill`). */
  private starts = new Int32Array(1024);
  private count = 0;
  private readonly runs: string[] = [];
  private dir: SpillDir | undefined;
  private readonly readBytes: number;

  constructor(
    private readonly codec: SortCodec<T>,
    private readonly budget = DEFAULT_SORT_BUDGET,
    options: ExternalSorterOptions = {},
  ) {
    this.readBytes = options.readBytes ?? 64 * 1024;
  }

  /** Buffers an item; true when the buffer is over budget and should be spilled now. */
  add(item: T): boolean {
    const line = this.codec.encode(item);
    if (this.count >= this.keys.length) {
      this.keys = grow(this.keys, this.count + 1);
      this.minors = grow(this.minors, this.count + 1);
      this.starts = grow(this.starts, this.count + 1);
    }
    const need = this.fill + Buffer.byteLength(line, 'utf8');
    if (need > this.data.length) this.growData(need);
    const key = this.codec.key(item);
    if (BigInt.asIntN(64, key) !== key) throw new RangeError(`sort key ${key} does not fit in 64 bits`);
    this.keys[this.count] = key;
    this.minors[this.count] = this.codec.minor(item);
    this.starts[this.count] = this.fill;
    this.fill += this.data.write(line, this.fill, 'utf8');
    this.count++;
    return this.fill + this.count * ITEM_OVERHEAD > this.budget;
  }

  /** Number of runs written so far. */
  get spilledRuns(): number {
    return this.runs.length;
  }

  async spill(): Promise<void> {
    if (this.count === 0) return;
    const order = this.sortedOrder();
    this.dir ??= new SpillDir();
    const path = this.dir.file(`run-${this.runs.length}.txt`);
    const fh = await open(path, 'w');
    try {
      const out = Buffer.allocUnsafe(WRITE_BYTES);
      let used = 0;
      for (const i of order) {
        const [s, e] = this.span(i);
        if (used + (e - s) + 1 > out.length) {
          await fh.write(out, 0, used);
          used = 0;
        }
        if (e - s + 1 > out.length) {
          await fh.write(this.data, s, e - s);
          await fh.write(Buffer.of(LF));
          continue;
        }
        used += this.data.copy(out, used, s, e);
        out[used++] = LF;
      }
      if (used > 0) await fh.write(out, 0, used);
    } finally {
      await fh.close();
    }
    this.runs.push(path);
    this.fill = 0;
    this.count = 0;
  }

  async *sorted(): AsyncGenerator<T> {
    try {
      if (this.runs.length === 0) {
        for (const i of this.sortedOrder()) yield this.decodeAt(i);
        return;
      }
      // The last items become a run too, and the buffer goes: the merge then holds one read
      // buffer per run, and whatever follows the sort (building and consuming the rows) does not
      // share memory with a buffer kept only for its last stretch.
      await this.spill();
      this.release();
      yield* this.merge();
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    this.release();
    this.dir?.remove();
    this.dir = undefined;
  }

  private release(): void {
    this.fill = 0;
    this.count = 0;
    this.data = Buffer.alloc(0);
    this.keys = new BigInt64Array(0);
    this.minors = new Float64Array(0);
    this.starts = new Int32Array(0);
  }

  /** Buffered items by (key, minor key, position): positions, not items, are sorted. */
  private sortedOrder(): Int32Array {
    const order = new Int32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const { keys, minors } = this;
    order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : minors[a]! - minors[b]! || a - b));
    return order;
  }

  private span(i: number): [number, number] {
    return [this.starts[i]!, i + 1 < this.count ? this.starts[i + 1]! : this.fill];
  }

  private decodeAt(i: number): T {
    const [s, e] = this.span(i);
    return this.codec.decode(this.data.toString('utf8', s, e));
  }

  private *merge(): Generator<T> {
    const fds = this.runs.map((path) => openSync(path, 'r'));
    const sources = fds.map((fd) => new RunReader(fd, this.readBytes));
    const heap = new MergeHeap<T>();
    const pull = (run: number): void => {
      const line = sources[run]!.next();
      if (line === undefined) return;
      const item = this.codec.decode(line);
      heap.push({ key: this.codec.key(item), minor: this.codec.minor(item), run, item });
    };
    try {
      for (let r = 0; r < sources.length; r++) pull(r);
      while (heap.size > 0) {
        const top = heap.pop();
        yield top.item;
        pull(top.run);
      }
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  }


  private growData(need: number): void {
    let size = Math.max(64 * 1024, this.data.length * 2);
    while (size < need) size *= 2;
    const data = Buffer.allocUnsafe(size);
    this.data.copy(data, 0, 0, this.fill);
    this.data = data;
  }
}

interface HeapEntry<T> {
  key: bigint;
  minor: number;
  run: number;
  item: T;
}

/** Binary min-heap by (key, minor, run): equal keys come out from the earlier run first. */
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
  if (x.key !== y.key) return x.key < y.key;
  return x.minor !== y.minor ? x.minor < y.minor : x.run < y.run;
}
