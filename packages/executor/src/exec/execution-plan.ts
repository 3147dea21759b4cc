import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import type { OperatorMetrics } from './metrics.js';

/**
 * A physical operator (DataFusion's ExecutionPlan). `execute` streams chunks; operators pass
 * selections along instead of copying rows. Each operator owns metrics filled while it runs.
 */
export interface ExecutionPlan {
  readonly name: string;
  readonly schema: TableSchema;
  readonly metrics: OperatorMetrics;
  children(): readonly ExecutionPlan[];
  /** Expressions the operator evaluates (for prepare and printing). */
  expressions(): readonly PhysicalExpr[];
  /** One-line description of the operator's parameters, for the plan printer. */
  describe(): string;
  execute(ctx: ExecContext): AsyncIterable<Chunk>;
}

export async function prepareExpressions(exprs: readonly PhysicalExpr[], ctx: ExecContext): Promise<void> {
  for (const e of exprs) await e.prepare(ctx);
}
