export { optimizePlan, OPTIMIZER_RULES, type OptimizerRule } from './optimize-plan.js';
export { foldConstants } from './fold-constants.js';
export { pushDownFilter } from './push-down-filter.js';
export { pruneColumns } from './prune-columns.js';
export { orderScanFilters } from './order-scan-filters.js';
export { mergeProjections } from './merge-projections.js';
