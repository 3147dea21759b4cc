import type { LogicalPlan, ScalarExpr } from './plan.js';

export interface ScannedTablesOptions {
  /**
   * Also count tables read by `in (T | ...)` / `has_any (T | ...)` subqueries. They only filter:
   * lineage scoring leaves them out, input loading and clock resolution need them.
   */
  subqueries: boolean;
}

/** The catalog tables a plan scans, in first-seen order. */
export function scannedTables(plan: LogicalPlan, options: ScannedTablesOptions): string[] {
  const found = new Set<string>();
  const visitExpr = (e: ScalarExpr): void => {
    if (e.kind === 'Call') e.args.forEach(visitExpr);
    else if (e.kind === 'Membership') {
      visitExpr(e.left);
      e.values.forEach(visitExpr);
      if (e.subquery !== null) visit(e.subquery);
    }
  };
  const visit = (p: LogicalPlan): void => {
    switch (p.kind) {
      case 'TableScan':
        found.add(p.table);
        if (options.subqueries) p.filters.forEach(visitExpr);
        return;
      case 'Values':
        return;
      case 'Union':
        p.inputs.forEach(visit);
        return;
      case 'Filter':
        if (options.subqueries) visitExpr(p.predicate);
        break;
      case 'Projection':
        if (options.subqueries) p.exprs.forEach((x) => visitExpr(x.expr));
        break;
      case 'Sort':
        if (options.subqueries) p.keys.forEach((k) => visitExpr(k.expr));
        break;
      case 'Count':
        // No input row reaches the output; its tables are still read.
        if (!options.subqueries) return;
        break;
    }
    visit(p.input);
  };
  visit(plan);
  return [...found];
}
