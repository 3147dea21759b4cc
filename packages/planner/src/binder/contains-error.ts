import type { BoundExpr, BoundTabular } from './bound-tree.js';

/**
 * Whether a bound tree still holds an `error` node or type. The parser's recovery leaves
 * `ErrorExpression`s that bind silently (their diagnostic is the parser's), so the binder checks
 * the tree itself, not only its own diagnostics, before handing the tree to the planner.
 */
export function tabularContainsError(node: BoundTabular): boolean {
  if (node.columns.some((c) => c.type === 'error')) return true;
  switch (node.kind) {
    case 'Error':
      return true;
    case 'TableScan':
    case 'Values':
      return false;
    case 'Print':
      return node.exprs.some((e) => exprContainsError(e.expr));
    case 'Filter':
      return exprContainsError(node.predicate) || tabularContainsError(node.input);
    case 'Projection':
      return node.exprs.some((e) => exprContainsError(e.expr)) || tabularContainsError(node.input);
    case 'Sort':
      return node.keys.some((k) => exprContainsError(k.expr)) || tabularContainsError(node.input);
    case 'Limit':
    case 'Count':
      return tabularContainsError(node.input);
    case 'Union':
      return node.inputs.some(tabularContainsError);
  }
}

export function exprContainsError(expr: BoundExpr): boolean {
  switch (expr.kind) {
    case 'Error':
      return true;
    case 'Column':
      return expr.type === 'error';
    case 'Literal':
      return false;
    case 'Call':
      return expr.type === 'error' || expr.args.some(exprContainsError);
    case 'Membership':
      return exprContainsError(expr.left) || expr.values.some(exprContainsError)
        || (expr.subquery !== null && tabularContainsError(expr.subquery));
  }
}
