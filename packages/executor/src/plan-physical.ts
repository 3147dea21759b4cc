import type { LogicalPlan, ScalarExpr, Sort } from '@kqlr/planner';
import { CountExec } from './exec/count-exec.js';
import type { ExecutionPlan } from './exec/execution-plan.js';
import { FilterExec } from './exec/filter-exec.js';
import { LimitExec } from './exec/limit-exec.js';
import { ProjectionExec } from './exec/projection-exec.js';
import { SortExec } from './exec/sort-exec.js';
import { TableScanExec } from './exec/table-scan-exec.js';
import { scanTextNeedles } from './exec/scan-needles.js';
import { orderByCost } from './exec/conjunct-order.js';
import { UnionExec } from './exec/union-exec.js';
import { ValuesExec } from './exec/values-exec.js';
import { createPhysicalExpr, type PhysicalExprContext } from './physical/create-physical-expr.js';

export interface PhysicalPlanOptions {
  /** The run's `now`, only needed if the plan still holds `now()`/`ago()` calls. */
  now?: bigint;
}

/**
 * Lowers a logical plan to physical operators. Constant work happens here, once: needles are
 * folded, `has_any` term indexes and `in` sets built, constant regexes compiled (a bad pattern
 * throws an ExecutionError).
 */
export function planPhysical(plan: LogicalPlan, options: PhysicalPlanOptions = {}): ExecutionPlan {
  const ctx: PhysicalExprContext = {
    now: options.now,
    planSubquery: (sub) => planPhysical(sub, options),
  };
  const expr = (e: ScalarExpr) => createPhysicalExpr(e, ctx);
  switch (plan.kind) {
    case 'TableScan':
      return new TableScanExec(plan.table, plan.schema, orderByCost(plan.filters).map(expr), scanTextNeedles(plan.filters, plan.schema));
    case 'Values':
      return new ValuesExec(plan.schema, plan.rows);
    case 'Filter':
      return new FilterExec(planPhysical(plan.input, options), expr(plan.predicate));
    case 'Projection':
      return new ProjectionExec(
        planPhysical(plan.input, options),
        plan.schema,
        plan.exprs.map((e) => ({ name: e.name, expr: expr(e.expr) })),
      );
    case 'Sort':
      return sortExec(plan, expr, options, null);
    case 'Limit': {
      // `sort | take N` becomes a top-N sort; the LimitExec stays to keep the plan's shape obvious.
      const input = plan.input.kind === 'Sort' ? sortExec(plan.input, expr, options, plan.count) : planPhysical(plan.input, options);
      wantFirstRowsSoon(input);
      return new LimitExec(input, plan.count);
    }
    case 'Count':
      return new CountExec(planPhysical(plan.input, options), plan.schema);
    case 'Union':
      return new UnionExec(
        plan.inputs.map((p) => planPhysical(p, options)),
        plan.schema,
        plan.columnMaps,
        plan.withSource,
        plan.sourceLabels,
      );
  }
}

function sortExec(
  plan: Sort,
  expr: (e: ScalarExpr) => ReturnType<typeof createPhysicalExpr>,
  options: PhysicalPlanOptions,
  fetch: number | null,
): SortExec {
  return new SortExec(
    planPhysical(plan.input, options),
    plan.keys.map((k) => ({ expr: expr(k.expr), descending: k.descending, nullsFirst: k.nullsFirst })),
    fetch,
  );
}

/**
 * The scans a `take` reads through operators that pass rows on as they come (filter, project,
 * union, another take): the take may stop them after their first rows, so they ask readers for
 * those soon (TableScanExec.firstRowsSoon). A sort or count needs every row first.
 */
function wantFirstRowsSoon(plan: ExecutionPlan): void {
  if (plan instanceof TableScanExec) plan.firstRowsSoon = true;
  else if (plan instanceof FilterExec || plan instanceof ProjectionExec || plan instanceof UnionExec || plan instanceof LimitExec) {
    for (const child of plan.children()) wantFirstRowsSoon(child);
  }
}
