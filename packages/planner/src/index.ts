export * from './logical/plan.js';
export * from './catalog.js';
export * from './builtins.js';
export * from './binder/index.js';
export { planQuery } from './logical/plan-query.js';
export * from './optimizer/index.js';
export { printLogicalPlan } from './explain.js';
export { printScalarExpr, printLiteral } from './explain-expr.js';
export { evaluateConstant } from './constant-eval.js';
