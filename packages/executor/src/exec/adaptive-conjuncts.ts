import type { Chunk } from '../chunk.js';
import { ColumnExpr } from '../physical/column-expr.js';
import { CompareExpr } from '../physical/compare-expr.js';
import { LiteralExpr } from '../physical/literal-expr.js';
import { LogicalExpr, NotExpr } from '../physical/logical-expr.js';
import { MembershipExpr } from '../physical/membership-expr.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import { StringOpExpr } from '../physical/string-op-expr.js';

/**
 * Evaluates a scan's conjuncts in the order their measured costs suggest (DuckDB's adaptive
 * filters). The static order (conjunct-order.ts) guesses from operator kinds; the real cost of a
 * conjunct depends on the data: `ActionType in (...)` is a memo lookup per row on a dictionary
 * column but a byte compare per row on plain UTF-8, where `FileName endswith ".service"` (which
 * keeps 0.6% of the rows) is cheaper and should run first. Each conjunct's time per input row and
 * pass rate are measured per batch (smoothed), and conjuncts run by ascending
 * cost / (1 - pass rate): the classic order for independent filters.
 *
 * The order is first learnt vector by vector: a query's first batch (64 Ki rows from a file)
 * otherwise ran whole in the static order, and on the seed rule over plain UTF-8 that was
 * `ActionType in (...)` first, at ~0.7 µs a row while V8 had not yet optimised it, on 94% of the
 * rows: ~45 ms of a ~200 ms end-to-end run, where `FileName endswith` first leaves it 0.7%. After
 * LEARNING_VECTORS vectors the order is revised once per batch.
 *
 * Exactness: all conjuncts must hold, so their order never changes which rows pass. Only
 * conjuncts that cannot fail at run time are moved (constant matchers and compares of columns with
 * constants, built at plan time); any other keeps its static place after them, so whether a
 * run-time error surfaces never depends on timing.
 */
export class AdaptiveConjuncts {
  private readonly cost: Float64Array;
  private readonly passRate: Float64Array;
  private readonly measured: Uint8Array;
  private readonly movable: boolean[];
  private order: number[];

  constructor(readonly filters: readonly PhysicalExpr[]) {
    const n = filters.length;
    this.cost = new Float64Array(n);
    this.passRate = new Float64Array(n);
    this.measured = new Uint8Array(n);
    this.movable = filters.map(cannotFail);
    this.order = filters.map((_, i) => i);
  }

  /**
   * Narrows `chunk.selection` by the conjuncts whose `active` flag is set (the others are decided
   * for this batch already, e.g. by zone maps), in the current order; then re-ranks.
   *
   * A large batch is filtered in vectors of VECTOR_SIZE rows (DuckDB's vector size): each
   * vector's selections stay in the L1 cache while every conjunct narrows them, and the kernels
   * run often enough in a query's first execution to be optimised whole (a 64 Ki-row batch gave
   * each kernel a handful of long calls, optimised mid-loop and deoptimised on the way out).
   */
  select(chunk: Chunk, active: Uint8Array): Uint32Array {
    const input = chunk.selection;
    let result: Uint32Array;
    if (input.length <= VECTOR_SIZE) {
      result = this.selectVector(chunk, input, active);
      // The batch's selection outlives this call; the scratch buffers do not belong to it.
      if (result.buffer === this.scratchA.buffer || result.buffer === this.scratchB.buffer) result = result.slice();
    } else {
      // Survivors gather in a buffer reused across batches; the batch keeps an exact-size copy.
      if (this.batchOut.length < input.length) this.batchOut = new Uint32Array(input.length);
      const out = this.batchOut;
      let n = 0;
      for (let start = 0; start < input.length; start += VECTOR_SIZE) {
        const kept = this.selectVector(chunk, input.subarray(start, Math.min(start + VECTOR_SIZE, input.length)), active);
        out.set(kept, n);
        n += kept.length;
        if (this.changed && this.vectors < LEARNING_VECTORS) this.rerank();
      }
      result = out.slice(0, n);
    }
    if (this.changed) this.rerank();
    return result;
  }

  private changed = false;
  private batchOut = new Uint32Array(0);

  /**
   * Two vector-sized buffers the conjuncts of a vector write their selections into, in turn (each
   * reads the other's output): a fresh 8 KiB typed array per conjunct per vector is an off-heap
   * allocation, and those were a tenth of a selective filter's time plus most of its GC.
   */
  private readonly scratchA = new Uint32Array(VECTOR_SIZE);
  private readonly scratchB = new Uint32Array(VECTOR_SIZE);

  /** Vectors filtered so far (see LEARNING_VECTORS). */
  private vectors = 0;

  private selectVector(chunk: Chunk, input: Uint32Array, active: Uint8Array): Uint32Array {
    this.vectors++;
    let selection = input;
    for (const f of this.order) {
      if (active[f] === 0) continue;
      const rowsIn = selection.length;
      if (rowsIn === 0) break;
      const out = selection.buffer === this.scratchA.buffer ? this.scratchB : this.scratchA;
      // Tiny inputs measure call overhead, not per-row cost: not worth a clock read.
      if (rowsIn < MIN_MEASURED_ROWS || !this.movable[f]) {
        selection = this.filters[f]!.select(chunk, selection, out);
        continue;
      }
      const start = performance.now();
      selection = this.filters[f]!.select(chunk, selection, out);
      const perRow = (performance.now() - start) / rowsIn;
      const pass = selection.length / rowsIn;
      if (this.measured[f] === 0) {
        this.cost[f] = perRow;
        this.passRate[f] = pass;
        this.measured[f] = 1;
      } else {
        this.cost[f] += SMOOTHING * (perRow - this.cost[f]!);
        this.passRate[f] += SMOOTHING * (pass - this.passRate[f]!);
      }
      this.changed = true;
    }
    return selection;
  }

  /** Current evaluation order (filter indices), for tests and explain. */
  currentOrder(): readonly number[] {
    return this.order;
  }

  /**
   * Measured movable conjuncts by rank, then unmeasured ones in static order (a conjunct goes
   * unmeasured when earlier ones leave it too few rows: moving it first would have it run on a
   * whole batch, blind), then conjuncts that may fail, in static order.
   */
  private rerank(): void {
    this.changed = false;
    const rank = (f: number) => this.cost[f]! / Math.max(1 - this.passRate[f]!, MIN_REJECT_RATE);
    const unmeasured: number[] = [];
    const measured: number[] = [];
    const fixed: number[] = [];
    for (let f = 0; f < this.filters.length; f++) {
      if (!this.movable[f]) fixed.push(f);
      else if (this.measured[f] === 0) unmeasured.push(f);
      else measured.push(f);
    }
    measured.sort((a, b) => rank(a) - rank(b) || a - b);
    this.order = [...measured, ...unmeasured, ...fixed];
  }
}

/** Rows per vector (DuckDB's STANDARD_VECTOR_SIZE): an 8 KiB selection fits the L1 cache. */
export const VECTOR_SIZE = 2048;
const MIN_MEASURED_ROWS = 256;
/** Vectors after each of which the order is revised; later, once per batch (a sort per vector costs ~1%). */
const LEARNING_VECTORS = 16;
/** Weight of the newest vector in the smoothed cost and pass rate. */
const SMOOTHING = 0.1;
/** A conjunct that rejects (almost) nothing is ranked as if it rejected 0.1%. */
const MIN_REJECT_RATE = 0.001;

/** A predicate built entirely at plan time over columns and constants: it cannot throw per row. */
function cannotFail(e: PhysicalExpr): boolean {
  if (e instanceof LogicalExpr) return cannotFail(e.left) && cannotFail(e.right);
  if (e instanceof NotExpr) return cannotFail(e.input);
  if (e instanceof CompareExpr) return isOperand(e.left) && isOperand(e.right);
  if (e instanceof StringOpExpr) return isOperand(e.left) && e.right instanceof LiteralExpr;
  if (e instanceof MembershipExpr) return e.subquery === null && isOperand(e.left) && e.values.every((v) => v instanceof LiteralExpr);
  return false;
}

function isOperand(e: PhysicalExpr): boolean {
  return e instanceof ColumnExpr || e instanceof LiteralExpr;
}
