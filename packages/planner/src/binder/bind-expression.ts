import type { KqlType, Span } from '@kqlr/common/core';
import type { BinaryExpression, Expression, NameReference, UnaryExpression } from '@kqlr/parser';
import { resolveBinary, resolveUnary, typeIn, INTEGER } from '../builtins.js';
import type { BoundExpr, BoundType } from './bound-tree.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import { removedBy, type BindContext, type RowScope } from './scope.js';
import { suggestName } from './suggest.js';
import { bindFunctionCall } from './bind-call.js';
import { bindBetween, bindMembership } from './bind-membership.js';

/**
 * Binds a scalar expression against a row scope: resolves names, types every node, checks
 * operator signatures (builtins.ts). An operand typed `error` silences checks that depend on it.
 */
export function bindScalar(ctx: BindContext, expr: Expression, scope: RowScope): BoundExpr {
  switch (expr.kind) {
    case 'LiteralExpression':
      return { kind: 'Literal', type: expr.type, value: expr.value, span: expr.span };
    case 'NameReference':
      return bindName(ctx, expr, scope);
    case 'ParenthesizedExpression':
      return bindScalar(ctx, expr.expression, scope);
    case 'BinaryExpression':
      return bindBinary(ctx, expr, scope);
    case 'UnaryExpression':
      return bindUnary(ctx, expr, scope);
    case 'InExpression':
      return bindMembership(ctx, expr, scope);
    case 'BetweenExpression':
      return bindBetween(ctx, expr, scope);
    case 'FunctionCallExpression':
      return bindFunctionCall(ctx, expr, scope);
    case 'PathExpression': {
      const target = bindScalar(ctx, expr.target, scope);
      const key: BoundExpr = { kind: 'Literal', type: 'string', value: expr.selector.name, span: expr.selector.span };
      return dynamicAccess(ctx, expr.span, target, key);
    }
    case 'ElementExpression': {
      const target = bindScalar(ctx, expr.target, scope);
      const index = bindScalar(ctx, expr.index, scope);
      if (index.type !== 'error' && index.type !== 'string' && index.type !== 'dynamic' && !typeIn(index.type, INTEGER)) {
        ctx.report(DiagnosticFacts.indexType(index.span, index.type));
        return errorExpr(expr.span);
      }
      return dynamicAccess(ctx, expr.span, target, index);
    }
    case 'TypeOfExpression':
      ctx.report(DiagnosticFacts.typeofMisplaced(expr.span));
      return errorExpr(expr.span);
    case 'ErrorExpression':
      // The parser already reported this spot.
      return errorExpr(expr.span);
    case 'PipeExpression':
    case 'DataTableExpression':
    case 'PrintOperator':
    case 'UnionExpression':
      ctx.report(DiagnosticFacts.scalarExpected(expr.span, null));
      return errorExpr(expr.span);
  }
}

export function errorExpr(span: Span): BoundExpr {
  return { kind: 'Error', type: 'error', span };
}

export function isError(type: BoundType): type is 'error' {
  return type === 'error';
}

function bindName(ctx: BindContext, ref: NameReference, scope: RowScope): BoundExpr {
  const name = ref.name.name;
  const index = scope.columns.findIndex((c) => c.name === name);
  if (index >= 0) {
    const column = scope.columns[index]!;
    return { kind: 'Column', index, name, type: column.type, span: ref.span };
  }
  const symbol = ctx.lets.get(name);
  if (symbol?.kind === 'scalar') return { ...symbol.expr, span: ref.span };
  if (symbol?.kind === 'error' || scope.opaque) return errorExpr(ref.span);
  if (symbol?.kind === 'tabular' || ctx.catalog.getTable(name) !== undefined) {
    ctx.report(DiagnosticFacts.scalarExpected(ref.span, name));
    return errorExpr(ref.span);
  }
  const candidates = [...scope.columns.map((c) => c.name), ...ctx.scalarLetNames()];
  if (scope.rowContext) {
    const suggestion = suggestName(name, candidates);
    ctx.report(DiagnosticFacts.unknownColumn(ref.name.span, name, scope.sourceName, suggestion, removedBy(scope.input, name)));
  } else {
    ctx.report(DiagnosticFacts.unknownName(ref.name.span, name, suggestName(name, candidates)));
  }
  return errorExpr(ref.span);
}

const COMPARISON_HINT = 'compare a difference instead, e.g. now() - Timestamp < 1h';

function bindBinary(ctx: BindContext, expr: BinaryExpression, scope: RowScope): BoundExpr {
  const left = bindScalar(ctx, expr.left, scope);
  const right = bindScalar(ctx, expr.right, scope);
  const op = expr.operator;
  if (isError(left.type) || isError(right.type)) return errorExpr(expr.span);
  const resolution = resolveBinary(op, left.type, right.type);
  if (resolution.ok) return { kind: 'Call', fn: op, args: [left, right], type: resolution.type, span: expr.span };
  if (resolution.fault === 'pair') {
    const pair = new Set<KqlType>([left.type, right.type]);
    const hint = pair.has('datetime') && pair.has('timespan') && !['+', '-', '*', '/', '%'].includes(op)
      ? COMPARISON_HINT
      : undefined;
    ctx.report(DiagnosticFacts.operatorTypeMismatch(expr.operatorSpan, op, left.type, right.type, hint));
  } else {
    const operand = resolution.fault === 'left' ? left : right;
    ctx.report(DiagnosticFacts.operandType(operand.span, op, resolution.fault, resolution.expected ?? [], operand.type as KqlType));
  }
  return errorExpr(expr.span);
}

function bindUnary(ctx: BindContext, expr: UnaryExpression, scope: RowScope): BoundExpr {
  const operand = bindScalar(ctx, expr.operand, scope);
  if (isError(operand.type)) return errorExpr(expr.span);
  const type = resolveUnary(operand.type);
  if (type === null) {
    ctx.report(DiagnosticFacts.unaryType(expr.span, expr.operator, operand.type));
    return errorExpr(expr.span);
  }
  if (expr.operator === '+') return { ...operand, span: expr.span };
  return { kind: 'Call', fn: 'negate', args: [operand], type, span: expr.span };
}

/** `o.key`, `o["key"]`, `a[i]`: only a dynamic can be accessed; the result is dynamic (null when missing). */
function dynamicAccess(ctx: BindContext, span: Span, target: BoundExpr, key: BoundExpr): BoundExpr {
  if (isError(target.type) || isError(key.type)) return errorExpr(span);
  if (target.type !== 'dynamic') {
    ctx.report(DiagnosticFacts.notDynamic(target.span, target.type));
    return errorExpr(span);
  }
  return { kind: 'Call', fn: 'dynamic_get', args: [target, key], type: 'dynamic', span };
}
