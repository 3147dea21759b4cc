export * from './ast.js';
export { parseQuery } from './parse-query.js';
export { checkQueryLimits, QUERY_LIMITS, type QueryLimits } from './limits.js';
export { printAst } from './print-ast.js';
export { tokenizeQuery, type TokenInfo } from './tokenize-query.js';
