import { ColumnExpr } from './column-expr.js';
import type { PhysicalExpr } from './physical-expr.js';

/**
 * The input columns (indices) an expression reads. Column references are `ColumnExpr` nodes only,
 * reached through `children()` (a subquery's columns belong to its own plan, not to this input).
 */
export function columnsRead(expr: PhysicalExpr): number[] {
  const out = new Set<number>();
  const visit = (e: PhysicalExpr): void => {
    if (e instanceof ColumnExpr) out.add(e.index);
    for (const c of e.children()) visit(c);
  };
  visit(expr);
  return [...out].sort((a, b) => a - b);
}
