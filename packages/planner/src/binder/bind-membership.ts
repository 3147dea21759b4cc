import type { KqlType } from '@kqlr/common/core';
import type { BetweenExpression, InExpression } from '@kqlr/parser';
import { betweenAllowed, membershipElementAllowed, membershipLeftTypes, typeIn } from '../builtins.js';
import type { BoundExpr, BoundTabular } from './bound-tree.js';
import { bindScalar, errorExpr, isError } from './bind-expression.js';
import { bindTabular, isTabularSyntax } from './bind-tabular.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import type { BindContext, RowScope } from './scope.js';

/**
 * `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all` (§5.3). The list holds scalars and dynamic
 * arrays (a scalar `let` is inlined, so `has_any (L)` sees the array), or one tabular expression
 * whose first column supplies the values.
 */
export function bindMembership(ctx: BindContext, expr: InExpression, scope: RowScope): BoundExpr {
  const left = bindScalar(ctx, expr.left, scope);
  let failed = isError(left.type);
  const op = expr.operator;
  if (!isError(left.type) && !typeIn(left.type, membershipLeftTypes(op))) {
    ctx.report(DiagnosticFacts.operandType(left.span, op, 'left', membershipLeftTypes(op), left.type));
    failed = true;
  }
  const tabularIndex = expr.list.findIndex((e) => isTabularSyntax(ctx, e, scope));
  if (tabularIndex >= 0) {
    if (expr.list.length > 1) {
      ctx.report(DiagnosticFacts.membershipMixedTabular(expr.list[tabularIndex]!.span));
      return errorExpr(expr.span);
    }
    const subquery = bindTabular(ctx, expr.list[0]!).node;
    if (subquery.kind === 'Error' || failed) return errorExpr(expr.span);
    const first = subquery.columns[0];
    if (first === undefined) return errorExpr(expr.span);
    if (!checkElement(ctx, op, left.type as KqlType, first.type, expr.list[0]!.span)) return errorExpr(expr.span);
    return membership(expr, left, [], subquery);
  }
  const values: BoundExpr[] = [];
  for (const element of expr.list) {
    const bound = bindScalar(ctx, element, scope);
    if (isError(bound.type)) {
      failed = true;
      continue;
    }
    if (!failed && !checkElement(ctx, op, left.type as KqlType, bound.type, element.span)) failed = true;
    values.push(bound);
  }
  return failed ? errorExpr(expr.span) : membership(expr, left, values, null);
}

function checkElement(ctx: BindContext, op: InExpression['operator'], left: KqlType, element: KqlType | 'error',
  span: InExpression['span']): boolean {
  if (element === 'error') return false;
  if (membershipElementAllowed(op, left, element)) return true;
  ctx.report(DiagnosticFacts.membershipElementType(span, op, left, element));
  return false;
}

function membership(expr: InExpression, left: BoundExpr, values: BoundExpr[], subquery: BoundTabular | null): BoundExpr {
  return { kind: 'Membership', op: expr.operator, left, values, subquery, type: 'bool', span: expr.span };
}

/** `x between (a .. b)`: inclusive at both ends; a datetime range may end with a timespan offset. */
export function bindBetween(ctx: BindContext, expr: BetweenExpression, scope: RowScope): BoundExpr {
  const left = bindScalar(ctx, expr.left, scope);
  const low = bindScalar(ctx, expr.low, scope);
  const high = bindScalar(ctx, expr.high, scope);
  if (isError(left.type) || isError(low.type) || isError(high.type)) return errorExpr(expr.span);
  if (!betweenAllowed(left.type, low.type, high.type)) {
    ctx.report(DiagnosticFacts.betweenType(expr.span, left.type, low.type, high.type));
    return errorExpr(expr.span);
  }
  const fn = expr.negated ? '!between' : 'between';
  return { kind: 'Call', fn, args: [left, low, high], type: 'bool', span: expr.span };
}
