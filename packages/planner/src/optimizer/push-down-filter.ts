import type { LogicalPlan, ScalarExpr } from '../logical/plan.js';
import { childrenOf, columnsUsed, conjuncts, mapExpr, mapNodeExprs, remapColumns, withChildren } from './plan-utils.js';

/**
 * Rule `push-down-filter`: moves predicates towards the scan.
 * - A Filter directly on a TableScan becomes the scan's `filters` (its conjuncts, in order), so a
 *   provider can skip rows (and, later, whole batches) early.
 * - A Filter above a Sort moves below it (filtering commutes with ordering).
 * - A Filter above a Projection moves below it when it reads only columns the Projection passes
 *   through unchanged (renumbered to the input's indices).
 * Never across Limit, Count or Union: that would change which rows are counted or taken.
 */
export function pushDownFilter(plan: LogicalPlan): LogicalPlan {
  const node = mapNodeExprs(withChildren(plan, childrenOf(plan).map(pushDownFilter)), pushIntoSubqueries);
  return node.kind === 'Filter' ? pushFilter(node.input, node.predicate) : node;
}

function pushIntoSubqueries(expr: ScalarExpr): ScalarExpr {
  return mapExpr(expr, (e) =>
    e.kind === 'Membership' && e.subquery !== null ? { ...e, subquery: pushDownFilter(e.subquery) } : e);
}

function pushFilter(input: LogicalPlan, predicate: ScalarExpr): LogicalPlan {
  switch (input.kind) {
    case 'TableScan':
      return { ...input, filters: [...input.filters, ...conjuncts(predicate)] };
    case 'Sort':
      return { ...input, input: pushFilter(input.input, predicate) };
    case 'Projection': {
      const mapping = new Map<number, number>();
      for (const index of columnsUsed(predicate)) {
        const source = input.exprs[index]?.expr;
        if (source?.kind !== 'Column') return filter(input, predicate);
        mapping.set(index, source.index);
      }
      return { ...input, input: pushFilter(input.input, remapColumns(predicate, mapping)) };
    }
    default:
      return filter(input, predicate);
  }
}

function filter(input: LogicalPlan, predicate: ScalarExpr): LogicalPlan {
  return { kind: 'Filter', input, predicate, schema: input.schema };
}
