import type { LogicalPlan, ScalarExpr } from '../logical/plan.js';
import { childrenOf, mapExpr, mapNodeExprs, withChildren } from './plan-utils.js';

/**
 * Rule `order-scan-filters`: orders a scan's conjuncts cheapest first (stable), so the cheap
 * numeric/datetime tests narrow the rows before string kernels run (performance-notes.md §2.3).
 * A conjunction's value does not depend on the order of its conjuncts (three-valued `and` is
 * commutative and predicates have no side effects), so results are unchanged.
 */
export function orderScanFilters(plan: LogicalPlan): LogicalPlan {
  const node = mapNodeExprs(withChildren(plan, childrenOf(plan).map(orderScanFilters)), (e) =>
    mapExpr(e, (x) => (x.kind === 'Membership' && x.subquery !== null ? { ...x, subquery: orderScanFilters(x.subquery) } : x)));
  if (node.kind !== 'TableScan' || node.filters.length < 2) return node;
  const ranked = node.filters.map((f, i) => ({ f, i, cost: predicateCost(f) }));
  ranked.sort((a, b) => a.cost - b.cost || a.i - b.i);
  return { ...node, filters: ranked.map((r) => r.f) };
}

const isSimple = (e: ScalarExpr): boolean => e.kind === 'Column' || e.kind === 'Literal';
const isStringy = (e: ScalarExpr): boolean => e.type === 'string' || e.type === 'dynamic';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'between', '!between']);
const CHEAP_STRING = new Set(['==', '!=', '=~', '!~']);
const REGEX_OR_WORSE = new Set(['matches regex']);

/** 0: numeric/datetime comparison; 1: string equality or list; 2: substring/term search; 3: the rest. */
export function predicateCost(e: ScalarExpr): number {
  if (e.kind === 'Membership') {
    if (e.subquery !== null || !isSimple(e.left) || !e.values.every(isSimple)) return 3;
    return e.op === 'has_any' || e.op === 'has_all' ? 2 : 1;
  }
  if (e.kind !== 'Call' || !e.args.every(isSimple)) return 3;
  if (REGEX_OR_WORSE.has(e.fn)) return 3;
  if (COMPARISONS.has(e.fn) && !e.args.some(isStringy)) return 0;
  if (CHEAP_STRING.has(e.fn)) return 1;
  return 2;
}
