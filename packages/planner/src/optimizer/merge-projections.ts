import type { LogicalPlan, Projection, ScalarExpr } from '../logical/plan.js';
import { childrenOf, mapExpr, mapNodeExprs, withChildren } from './plan-utils.js';

/**
 * Rule `merge-projections`: a Projection directly over another Projection becomes one, by
 * substituting the inner expressions into the outer ones (`extend x = f(a) | project x, b` ->
 * `project x = f(a), b`). Expressions are pure, so this preserves results. To avoid computing an
 * expression twice, it only merges when each computed inner column is used at most once above.
 */
export function mergeProjections(plan: LogicalPlan): LogicalPlan {
  const node = mapNodeExprs(withChildren(plan, childrenOf(plan).map(mergeProjections)), (e) =>
    mapExpr(e, (x) => (x.kind === 'Membership' && x.subquery !== null ? { ...x, subquery: mergeProjections(x.subquery) } : x)));
  if (node.kind !== 'Projection' || node.input.kind !== 'Projection') return node;
  return canMerge(node, node.input) ? merge(node, node.input) : node;
}

function canMerge(outer: Projection, inner: Projection): boolean {
  const uses = new Map<number, number>();
  for (const { expr } of outer.exprs) {
    const counted = countColumnUses(expr);
    for (const [index, n] of counted) uses.set(index, (uses.get(index) ?? 0) + n);
  }
  for (const [index, n] of uses) {
    const source = inner.exprs[index]!.expr;
    if (n > 1 && source.kind !== 'Column' && source.kind !== 'Literal') return false;
  }
  return true;
}

function countColumnUses(expr: ScalarExpr): Map<number, number> {
  const counts = new Map<number, number>();
  mapExpr(expr, (e) => {
    if (e.kind === 'Column') counts.set(e.index, (counts.get(e.index) ?? 0) + 1);
    return e;
  });
  return counts;
}

function merge(outer: Projection, inner: Projection): LogicalPlan {
  const substitute = (expr: ScalarExpr): ScalarExpr =>
    mapExpr(expr, (e) => (e.kind === 'Column' ? inner.exprs[e.index]!.expr : e));
  const exprs = outer.exprs.map(({ name, expr }) => ({ name, expr: substitute(expr) }));
  const merged: Projection = { ...outer, input: inner.input, exprs };
  // Merging may cascade (extend | extend | project): try again one level down.
  return merged.input.kind === 'Projection' && canMerge(merged, merged.input) ? merge(merged, merged.input) : merged;
}

