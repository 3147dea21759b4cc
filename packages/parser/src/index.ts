export * from './ast.js';
export { parseQuery } from './parse-query.js';
export { printAst } from './print-ast.js';
export { tokenizeQuery, type TokenInfo } from './tokenize-query.js';
