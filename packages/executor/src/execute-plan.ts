import type { RecordBatch } from 'apache-arrow';
import type { TableProvider, TableSchema } from '@kqlr/common';
import type { LogicalPlan } from '@kqlr/planner';
import { chunkToRecordBatch } from './columns/to-arrow.js';
import { DEFAULT_BATCH_SIZE, type ExecContext } from './exec/exec-context.js';
import type { ExecutionPlan } from './exec/execution-plan.js';
import { planPhysical } from './plan-physical.js';

export interface ExecuteOptions {
  tables: ReadonlyMap<string, TableProvider>;
  /** Rows per batch for generated data (Values, sort output); inputs may be any size. */
  batchSize?: number;
  /** The run's `now`, for plans that still contain `now()`/`ago()`. */
  now?: bigint;
}

export interface ExecutionResult {
  schema: TableSchema;
  batches: AsyncIterable<RecordBatch>;
  /** The physical plan being run (metrics fill in as batches are consumed). */
  physicalPlan: ExecutionPlan;
}

/**
 * Plans and runs a logical plan. Planning errors (a bad constant regex) throw ExecutionError
 * here; run-time errors surface while iterating `batches`. Rows are gathered into Arrow batches
 * only here, at the output.
 */
export function executePlan(plan: LogicalPlan, options: ExecuteOptions): ExecutionResult {
  const physicalPlan = planPhysical(plan, options.now === undefined ? {} : { now: options.now });
  return executePhysicalPlan(physicalPlan, options);
}

export function executePhysicalPlan(physicalPlan: ExecutionPlan, options: ExecuteOptions): ExecutionResult {
  const ctx: ExecContext = { tables: options.tables, batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE) };
  async function* batches(): AsyncGenerator<RecordBatch> {
    for await (const chunk of physicalPlan.execute(ctx)) {
      if (chunk.selection.length > 0) yield chunkToRecordBatch(chunk);
    }
  }
  return { schema: physicalPlan.schema, batches: batches(), physicalPlan };
}
