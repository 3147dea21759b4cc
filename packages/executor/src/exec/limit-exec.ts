import type { TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import type { ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';

/** `take N`: the first N rows in input order (a stable prefix); stops reading once N are out. */
export class LimitExec implements ExecutionPlan {
  readonly name = 'LimitExec';
  readonly metrics = newMetrics();

  constructor(
    readonly input: ExecutionPlan,
    readonly count: number,
  ) {}

  get schema(): TableSchema {
    return this.input.schema;
  }

  children(): readonly ExecutionPlan[] {
    return [this.input];
  }

  expressions(): readonly PhysicalExpr[] {
    return [];
  }

  describe(): string {
    return `fetch=${this.count}`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    let remaining = this.count;
    if (remaining <= 0) return;
    for await (const chunk of this.input.execute(ctx)) {
      this.metrics.rowsIn += chunk.selection.length;
      if (chunk.selection.length >= remaining) {
        yield { ...chunk, selection: chunk.selection.subarray(0, remaining) };
        return;
      }
      remaining -= chunk.selection.length;
      yield chunk;
    }
  }
}
