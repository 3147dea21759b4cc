import type { ScalarValue, TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { valueAt } from '../columns/column.js';
import { compactChunk, gatherRows } from '../columns/gather.js';
import { compareSortValues, type SortKeySpec } from '../kernels/sort-order.js';
import type { ColumnarValue, PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import { prepareExpressions, type ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

export interface PhysicalSortKey extends SortKeySpec {
  expr: PhysicalExpr;
}

/**
 * `sort by`: a pipeline breaker. Collects the selected rows of every input chunk (compacting
 * sparse chunks so whole input batches are not kept alive), evaluates the
 * keys once per chunk, sorts row references with a stable sort (kernels/sort-order.ts), then
 * gathers the rows into dense chunks of the batch size.
 */
export class SortExec implements ExecutionPlan {
  readonly name = 'SortExec';
  readonly metrics = newMetrics();

  constructor(
    readonly input: ExecutionPlan,
    readonly keys: readonly PhysicalSortKey[],
    /** With `take N` right after the sort: only the first N rows are kept (top-N). */
    readonly fetch: number | null = null,
  ) {}

  get schema(): TableSchema {
    return this.input.schema;
  }

  children(): readonly ExecutionPlan[] {
    return [this.input];
  }

  expressions(): readonly PhysicalExpr[] {
    return this.keys.map((k) => k.expr);
  }

  describe(): string {
    const keys = this.keys.map(
      (k) => `${k.expr.display()} ${k.descending ? 'desc' : 'asc'} nulls ${k.nullsFirst ? 'first' : 'last'}`,
    );
    return `keys=[${keys.join(', ')}]${this.fetch === null ? '' : ` fetch=${this.fetch}`}`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    await prepareExpressions(this.expressions(), ctx);
    let chunks: Chunk[] = [];
    let entries: SortEntry[] = [];
    const fetch = this.fetch;
    for await (const input of this.input.execute(ctx)) {
      this.metrics.rowsIn += input.selection.length;
      const chunk = compactChunk(input);
      const c = chunks.length;
      chunks.push(chunk);
      const evaluated = this.keys.map((k) => k.expr.evaluate(chunk, chunk.selection));
      const sel = chunk.selection;
      const words = this.keys.length === 1 ? nonNullLongWords(evaluated[0]!, sel) : null;
      if (words !== null) {
        // One long key without nulls: kept as its two 32-bit words, no BigInt per row.
        for (let k = 0; k < sel.length; k++) {
          const row = sel[k]!;
          const hi = words[2 * row + 1]!;
          const lo = words[2 * row]! >>> 0;
          entries.push({ chunk: c, row, keys: WORD_KEYS, approx: hi * 4294967296 + lo, hi, lo });
        }
      } else for (let k = 0; k < sel.length; k++) {
        const row = sel[k]!;
        const keys = new Array<ScalarValue>(evaluated.length);
        for (let i = 0; i < evaluated.length; i++) {
          const v = evaluated[i]!;
          keys[i] = v.kind === 'scalar' ? v.value : valueAt(v.column, row);
        }
        entries.push({ chunk: c, row, keys, approx: 0, hi: 0, lo: 0 });
      }
      // Top-N (`sort | take N`): keep only the best N rows seen so far once enough piled up.
      if (fetch !== null && entries.length > 2 * fetch + 1024) {
        entries = this.sorted(entries).slice(0, fetch);
        [chunks, entries] = dropUnreferenced(chunks, entries);
      }
    }
    entries = this.sorted(entries);
    if (fetch !== null) entries = entries.slice(0, fetch);
    const refs = {
      chunks,
      chunkOf: Uint32Array.from(entries, (e) => e.chunk),
      rowOf: Uint32Array.from(entries, (e) => e.row),
    };
    for (let start = 0; start < entries.length; start += ctx.batchSize) {
      yield gatherRows(this.schema, refs, start, Math.min(entries.length, start + ctx.batchSize));
    }
  }

  /** Stable sort: entries are in input order, and rows kept by a top-N prune precede later rows. */
  private sorted(entries: SortEntry[]): SortEntry[] {
    const keys = this.keys;
    if (keys.length === 1 && entries.every((e) => e.keys === WORD_KEYS)) return sortByWords(entries, keys[0]!.descending);
    // Chunks whose key came as words, mixed with others (a null key somewhere): box them now.
    for (const e of entries) if (e.keys === WORD_KEYS) e.keys = [BigInt.asIntN(64, (BigInt(e.hi) << 32n) | BigInt(e.lo))];
    if (keys.length === 1 && entries.every((e) => typeof e.keys[0] === 'bigint')) return sortByOneLong(entries, keys[0]!.descending);
    return entries.sort((x, y) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compareSortValues(x.keys[i]!, y.keys[i]!, keys[i]!);
        if (c !== 0) return c;
      }
      return 0;
    });
  }
}

interface SortEntry {
  chunk: number;
  row: number;
  /** The key values, or WORD_KEYS when the single long key is held in `hi`/`lo`. */
  keys: ScalarValue[];
  /** The single long key as a double, for sortByOneLong / sortByWords (0 otherwise). */
  approx: number;
  /** The single long key's high (signed) and low (unsigned) 32-bit words, with WORD_KEYS. */
  hi: number;
  lo: number;
}

/** Marks an entry whose single long key is in its `hi`/`lo` words (never read as values). */
const WORD_KEYS: ScalarValue[] = [];

/**
 * The key column's Int64 words (little-endian lo, hi per row) when it is a long/datetime/timespan
 * column without a null at any selected row; null otherwise.
 */
function nonNullLongWords(v: ColumnarValue, sel: Uint32Array): Int32Array | null {
  if (v.kind !== 'array' || v.column.rep !== 'long') return null;
  const { values, nulls } = v.column;
  if (nulls !== null) for (let k = 0; k < sel.length; k++) if (nulls[sel[k]!] === 1) return null;
  return new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
}

/**
 * sortByOneLong on words: `approx` is hi * 2^32 + lo rounded once, which is exactly Number() of
 * the 64-bit value (monotone, so differing doubles order correctly); equal doubles compare the
 * words exactly (signed high word, then unsigned low word).
 */
function sortByWords(entries: SortEntry[], descending: boolean): SortEntry[] {
  const sign = descending ? -1 : 1;
  return entries.sort((x, y) => {
    const d = x.approx - y.approx;
    if (d !== 0) return d < 0 ? -sign : sign;
    if (x.hi !== y.hi) return x.hi < y.hi ? -sign : sign;
    return x.lo === y.lo ? 0 : x.lo < y.lo ? -sign : sign;
  });
}

function dropUnreferenced(chunks: Chunk[], entries: SortEntry[]): [Chunk[], SortEntry[]] {
  const remap = new Map<number, number>();
  const kept: Chunk[] = [];
  const out = entries.map((e) => {
    let c = remap.get(e.chunk);
    if (c === undefined) {
      c = kept.length;
      remap.set(e.chunk, c);
      kept.push(chunks[e.chunk]!);
    }
    return { ...e, chunk: c };
  });
  return [kept, out];
}

/**
 * `sort by Timestamp desc` without nulls, the usual shape: one long/datetime key, compared first as
 * doubles (Number() is monotone, so differing doubles order the ticks correctly) and exactly only on
 * equal doubles. Number compares are fast even before the comparator is optimised, which a query's
 * first executions feel; BigInt compares through the generic path were most of its sort time.
 */
function sortByOneLong(entries: SortEntry[], descending: boolean): SortEntry[] {
  for (const e of entries) e.approx = Number(e.keys[0] as bigint);
  const sign = descending ? -1 : 1;
  return entries.sort((x, y) => {
    const d = x.approx - y.approx;
    if (d !== 0) return d < 0 ? -sign : sign;
    const a = x.keys[0] as bigint;
    const b = y.keys[0] as bigint;
    return a === b ? 0 : a < b ? -sign : sign;
  });
}
