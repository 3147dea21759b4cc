import type { ScalarValue, TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { identitySelection } from '../columns/column.js';
import { columnFromValues } from '../columns/column-builder.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import type { ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

/** Constant rows (`datatable`, `print`), emitted in chunks of the run's batch size. */
export class ValuesExec implements ExecutionPlan {
  readonly name = 'ValuesExec';
  readonly metrics = newMetrics();

  constructor(
    readonly schema: TableSchema,
    readonly rows: readonly ScalarValue[][],
  ) {}

  children(): readonly ExecutionPlan[] {
    return [];
  }

  expressions(): readonly PhysicalExpr[] {
    return [];
  }

  describe(): string {
    return `rows=${this.rows.length} columns=[${this.schema.columns.map((c) => `${c.name}:${c.type}`).join(', ')}]`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    for (let start = 0; start < this.rows.length; start += ctx.batchSize) {
      const slice = this.rows.slice(start, start + ctx.batchSize);
      this.metrics.rowsIn += slice.length;
      const columns = this.schema.columns.map((c, j) => columnFromValues(c.type, slice.map((r) => r[j] ?? null)));
      yield { schema: this.schema, columns, length: slice.length, selection: identitySelection(slice.length) };
    }
  }
}
