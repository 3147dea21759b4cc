import type { KqlType, ScalarValue } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import type { Column } from '../columns/column.js';
import type { ExecContext } from '../exec/exec-context.js';

/** An expression result: a column (meaningful at the selected rows) or one value for all rows. */
export type ColumnarValue = { kind: 'array'; column: Column } | { kind: 'scalar'; value: ScalarValue };

/**
 * A physical expression (DataFusion's PhysicalExpr): evaluates over a chunk under a selection.
 * `select` returns the subset of `selection` where the (bool) expression is true, dropping false
 * and null rows, as `where` does; predicate kernels implement it directly so that a filter never
 * builds a bool column.
 */
export interface PhysicalExpr {
  readonly type: KqlType;
  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue;
  /**
   * `out`, when given, is scratch the result may be written into (and returned as a view of): at
   * least `selection.length` long and never a view of the same memory as `selection`. The caller
   * reads the result before reusing `out`; implementations may ignore it and allocate.
   */
  select(chunk: Chunk, selection: Uint32Array, out?: Uint32Array): Uint32Array;
  /** Runs once before the first batch (e.g. executes an `in (subquery)` right side). */
  prepare(ctx: ExecContext): Promise<void>;
  children(): readonly PhysicalExpr[];
  display(): string;
}

export const scalar = (value: ScalarValue): ColumnarValue => ({ kind: 'scalar', value });
export const array = (column: Column): ColumnarValue => ({ kind: 'array', column });
