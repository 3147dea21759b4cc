import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import type { ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

/** `count`: one row, one column `Count:long` (0 for an empty input). */
export class CountExec implements ExecutionPlan {
  readonly name = 'CountExec';
  readonly metrics = newMetrics();

  constructor(
    readonly input: ExecutionPlan,
    readonly schema: TableSchema,
  ) {}

  children(): readonly ExecutionPlan[] {
    return [this.input];
  }

  expressions(): readonly PhysicalExpr[] {
    return [];
  }

  describe(): string {
    return '';
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    let n = 0n;
    for await (const chunk of this.input.execute(ctx)) {
      this.metrics.rowsIn += chunk.selection.length;
      n += BigInt(chunk.selection.length);
    }
    const values = BigInt64Array.of(n);
    yield { schema: this.schema, columns: [{ rep: 'long', length: 1, values, nulls: null }], length: 1, selection: Uint32Array.of(0) };
  }
}
