import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import { prepareExpressions, type ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

/**
 * `where`: narrows each chunk's selection to the rows where the predicate is true (false and null
 * are dropped, kql-semantics.md §4). No row is copied here.
 */
export class FilterExec implements ExecutionPlan {
  readonly name = 'FilterExec';
  readonly metrics = newMetrics();

  constructor(
    readonly input: ExecutionPlan,
    readonly predicate: PhysicalExpr,
  ) {}

  get schema(): TableSchema {
    return this.input.schema;
  }

  children(): readonly ExecutionPlan[] {
    return [this.input];
  }

  expressions(): readonly PhysicalExpr[] {
    return [this.predicate];
  }

  describe(): string {
    return `predicate=${this.predicate.display()}`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    await prepareExpressions([this.predicate], ctx);
    for await (const chunk of this.input.execute(ctx)) {
      this.metrics.rowsIn += chunk.selection.length;
      const selection = this.predicate.select(chunk, chunk.selection);
      if (selection.length > 0) yield { ...chunk, selection };
    }
  }
}
