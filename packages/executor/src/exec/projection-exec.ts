import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { constantColumn } from '../columns/column-builder.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import { ColumnExpr } from '../physical/column-expr.js';
import type { ExecContext } from './exec-context.js';
import { prepareExpressions, type ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

/**
 * `extend` / `project` / `project-away` / `project-rename`: one expression per output column,
 * evaluated only at the selected rows. Column references pass through without copying; the
 * selection is kept, so rows are still not gathered here.
 */
export class ProjectionExec implements ExecutionPlan {
  readonly name = 'ProjectionExec';
  readonly metrics = newMetrics();

  constructor(
    readonly input: ExecutionPlan,
    readonly schema: TableSchema,
    readonly exprs: readonly { name: string; expr: PhysicalExpr }[],
  ) {}

  children(): readonly ExecutionPlan[] {
    return [this.input];
  }

  expressions(): readonly PhysicalExpr[] {
    return this.exprs.map((e) => e.expr);
  }

  describe(): string {
    return `exprs=[${this.exprs.map((e) => (e.expr instanceof ColumnExpr && e.expr.name === e.name ? e.expr.display() : `${e.name}=${e.expr.display()}`)).join(', ')}]`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    await prepareExpressions(this.expressions(), ctx);
    for await (const chunk of this.input.execute(ctx)) {
      this.metrics.rowsIn += chunk.selection.length;
      const columns = this.exprs.map(({ expr }, i) => {
        const v = expr.evaluate(chunk, chunk.selection);
        return v.kind === 'array' ? v.column : constantColumn(this.schema.columns[i]!.type, v.value, chunk.length);
      });
      yield { schema: this.schema, columns, length: chunk.length, selection: chunk.selection };
    }
  }
}
