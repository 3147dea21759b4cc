import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import type { Column } from '../columns/column.js';
import { constantColumn } from '../columns/column-builder.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import type { ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

/**
 * `union`: streams each leg in turn, re-mapping its columns onto the union schema without copying.
 * A column a leg lacks is null, or "" for a string column (strings have no null). With
 * `withsource`, output column 0 holds the leg's label. Row order across legs is unspecified by
 * KQL; here it is leg order.
 */
export class UnionExec implements ExecutionPlan {
  readonly name = 'UnionExec';
  readonly metrics = newMetrics();

  constructor(
    readonly inputs: readonly ExecutionPlan[],
    readonly schema: TableSchema,
    readonly columnMaps: readonly (readonly number[])[],
    readonly withSource: string | null,
    readonly sourceLabels: readonly string[],
  ) {}

  children(): readonly ExecutionPlan[] {
    return this.inputs;
  }

  expressions(): readonly PhysicalExpr[] {
    return [];
  }

  describe(): string {
    const src = this.withSource === null ? '' : ` withsource=${this.withSource} labels=[${this.sourceLabels.join(', ')}]`;
    return `legs=${this.inputs.length}${src}`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    const offset = this.withSource === null ? 0 : 1;
    for (let leg = 0; leg < this.inputs.length; leg++) {
      const map = this.columnMaps[leg] ?? [];
      for await (const chunk of this.inputs[leg]!.execute(ctx)) {
        this.metrics.rowsIn += chunk.selection.length;
        const columns: Column[] = this.schema.columns.map((c, j) => {
          if (offset === 1 && j === 0) return constantColumn('string', this.sourceLabels[leg] ?? '', chunk.length);
          const from = map[j - offset] ?? -1;
          return from >= 0 ? chunk.columns[from]! : constantColumn(c.type, c.type === 'string' ? '' : null, chunk.length);
        });
        yield { schema: this.schema, columns, length: chunk.length, selection: chunk.selection };
      }
    }
  }
}
