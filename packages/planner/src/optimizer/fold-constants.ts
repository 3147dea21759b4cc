import { evaluateConstant } from '../constant-eval.js';
import type { LogicalPlan, ScalarExpr } from '../logical/plan.js';
import { childrenOf, mapExpr, mapNodeExprs, withChildren } from './plan-utils.js';

/**
 * Rule `fold-constants`: replaces constant sub-expressions by their value (constant-eval.ts is
 * exact or declines), simplifies `and`/`or` with a constant side where three-valued logic allows
 * it (`x and true` = x, `x and false` = false, `x or false` = x, `x or true` = true, all also for
 * a null x), and drops a Filter (or a scan filter) that is the literal `true`.
 */
export function foldConstants(plan: LogicalPlan): LogicalPlan {
  const folded = mapNodeExprs(withChildren(plan, childrenOf(plan).map(foldConstants)), foldExpr);
  if (folded.kind === 'Filter' && folded.predicate.kind === 'Literal' && folded.predicate.value === true) return folded.input;
  if (folded.kind === 'TableScan') return { ...folded, filters: folded.filters.filter((f) => !(f.kind === 'Literal' && f.value === true)) };
  return folded;
}

export function foldExpr(expr: ScalarExpr): ScalarExpr {
  const withSubqueries = mapExpr(expr, (e) =>
    e.kind === 'Membership' && e.subquery !== null ? { ...e, subquery: foldConstants(e.subquery) } : e);
  return mapExpr(withSubqueries, foldNode);
}

function foldNode(e: ScalarExpr): ScalarExpr {
  if (e.kind !== 'Call') return e;
  if (e.fn === 'and' || e.fn === 'or') {
    const simplified = simplifyLogical(e.fn, e.args[0]!, e.args[1]!);
    if (simplified !== undefined) return simplified;
  }
  if (!e.args.every((a) => a.kind === 'Literal')) return e;
  const value = evaluateConstant(e);
  return value === undefined ? e : { kind: 'Literal', type: e.type, value };
}

function simplifyLogical(fn: 'and' | 'or', a: ScalarExpr, b: ScalarExpr): ScalarExpr | undefined {
  const absorbing = fn === 'and' ? false : true;
  for (const [constant, other] of [[a, b], [b, a]] as const) {
    if (constant.kind !== 'Literal' || constant.value === null) continue;
    return constant.value === absorbing ? constant : other;
  }
  return undefined;
}
