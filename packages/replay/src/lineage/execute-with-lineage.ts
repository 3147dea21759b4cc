import type { ScalarValue, TableProvider, TableSchema } from '@kqlr/common';
import { executePlan, readRows } from '@kqlr/executor';
import { scannedTables, type LogicalPlan } from '@kqlr/planner';
import { withLineage } from './lineage-plan.js';
import { lineageTables, type ScanTap } from './lineage-tables.js';

export interface LineageRow {
  /** Row id of the input event the row came from (see row-id.ts), null when it has none. */
  id: bigint | null;
  /** The row as the user sees it (the id column stripped). */
  values: ScalarValue[];
}

export interface LineageResult {
  /** The user-visible output schema (the plan's own). */
  schema: TableSchema;
  rows: LineageRow[];
  /** Table names by table index of the row ids. */
  tableNames: string[];
}

export interface LineageRunOptions {
  batchSize?: number;
  now?: bigint;
  /** See LineageTableOptions.onScanEnd. */
  onScanEnd?: (table: string, rows: number) => void;
  /** See LineageTableOptions.tap. */
  tap?: (table: string) => ScanTap | undefined;
}

/**
 * Runs a plan with row lineage: the plan is rewritten to carry row ids, the providers are wrapped
 * to produce them, and the id column is split off every output row. Run-time errors propagate as
 * the executor's ExecutionError.
 */
export async function executeWithLineage(
  plan: LogicalPlan,
  tables: ReadonlyMap<string, TableProvider>,
  options: LineageRunOptions = {},
): Promise<LineageResult> {
  const lineage = withLineage(plan);
  const wrapped = lineageTables(tables, {
    ...(options.onScanEnd ? { onScanEnd: options.onScanEnd } : {}),
    ...(options.tap ? { tap: options.tap } : {}),
  });
  const execution = executePlan(lineage.plan, {
    tables: wrapped.tables,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const rows: LineageRow[] = [];
  const at = lineage.idColumn;
  for await (const batch of execution.batches) {
    for (const row of readRows(batch, execution.schema)) {
      if (at === null) {
        rows.push({ id: null, values: row });
      } else {
        const id = row[at];
        rows.push({ id: typeof id === 'bigint' ? id : null, values: [...row.slice(0, at), ...row.slice(at + 1)] });
      }
    }
  }
  return { schema: plan.schema, rows, tableNames: wrapped.tableNames };
}

/** Tables whose rows can reach the output (membership subqueries only filter, so they are left out). */
export function outputTables(plan: LogicalPlan): string[] {
  return scannedTables(plan, { subqueries: false });
}
