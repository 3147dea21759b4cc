import type { ScalarValue, TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { valueAt } from '../columns/column.js';
import { compactChunk, gatherRows } from '../columns/gather.js';
import { compareSortValues, type SortKeySpec } from '../kernels/sort-order.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
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
    return `keys=[${keys.join(', ')}]`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    await prepareExpressions(this.expressions(), ctx);
    const chunks: Chunk[] = [];
    const chunkOf: number[] = [];
    const rowOf: number[] = [];
    const keyValues: ScalarValue[][] = this.keys.map(() => []);
    for await (const input of this.input.execute(ctx)) {
      this.metrics.rowsIn += input.selection.length;
      const chunk = compactChunk(input);
      const c = chunks.length;
      chunks.push(chunk);
      const evaluated = this.keys.map((k) => k.expr.evaluate(chunk, chunk.selection));
      for (const row of chunk.selection) {
        chunkOf.push(c);
        rowOf.push(row);
        evaluated.forEach((v, i) => keyValues[i]!.push(v.kind === 'scalar' ? v.value : valueAt(v.column, row)));
      }
    }
    const order = Array.from({ length: rowOf.length }, (_, i) => i);
    order.sort((x, y) => {
      for (let i = 0; i < this.keys.length; i++) {
        const c = compareSortValues(keyValues[i]![x]!, keyValues[i]![y]!, this.keys[i]!);
        if (c !== 0) return c;
      }
      return x - y;
    });
    const refs = {
      chunks,
      chunkOf: Uint32Array.from(order, (i) => chunkOf[i]!),
      rowOf: Uint32Array.from(order, (i) => rowOf[i]!),
    };
    for (let start = 0; start < order.length; start += ctx.batchSize) {
      yield gatherRows(this.schema, refs, start, Math.min(order.length, start + ctx.batchSize));
    }
  }
}
