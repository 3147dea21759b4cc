import type { LogicalPlan } from '../logical/plan.js';
import { foldConstants } from './fold-constants.js';
import { pruneColumns } from './prune-columns.js';
import { mergeProjections } from './merge-projections.js';
import { orderScanFilters } from './order-scan-filters.js';
import { pushDownFilter } from './push-down-filter.js';

export interface OptimizerRule {
  name: string;
  apply(plan: LogicalPlan): LogicalPlan;
}

/**
 * The rules, in order: folding first (so pushed filters are simple), push-down next, then the
 * cheapest-first order of scan filters, then pruning (it must see the final position of every
 * predicate), and merging of stacked projections last (on the already pruned columns). Each rule preserves query results; the
 * executor's metamorphic tests run plans with and without each one.
 */
export const OPTIMIZER_RULES: readonly OptimizerRule[] = [
  { name: 'fold-constants', apply: foldConstants },
  { name: 'push-down-filter', apply: pushDownFilter },
  // Again: predicates pushed into union legs compare the leg label with a constant.
  { name: 'fold-constants-after-push', apply: foldConstants },
  { name: 'order-scan-filters', apply: orderScanFilters },
  { name: 'prune-columns', apply: pruneColumns },
  { name: 'merge-projections', apply: mergeProjections },
];

export function optimizePlan(plan: LogicalPlan, rules: readonly OptimizerRule[] = OPTIMIZER_RULES): LogicalPlan {
  return rules.reduce((p, rule) => rule.apply(p), plan);
}
