export { bindQuery } from './bind-query.js';
export type * from './bound-tree.js';
export { DiagnosticFacts } from './diagnostic-facts.js';
export { suggestName, editDistance } from './suggest.js';
export { printBoundQuery, printBoundExpr } from './print-bound.js';
