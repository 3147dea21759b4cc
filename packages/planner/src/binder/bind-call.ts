import type { KqlType } from '@kqlr/common/core';
import type { FunctionCallExpression } from '@kqlr/parser';
import { FUNCTIONS, functionArity, lookupFunction, typeIn, type FunctionSignature } from '../builtins.js';
import type { BoundExpr } from './bound-tree.js';
import { bindScalar, errorExpr, isError } from './bind-expression.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import type { BindContext, RowScope } from './scope.js';
import { suggestName } from './suggest.js';

/** Binds `f(args)` against its signature in builtins.ts: arity, argument types, result type. */
export function bindFunctionCall(ctx: BindContext, call: FunctionCallExpression, scope: RowScope): BoundExpr {
  const name = call.name.name;
  // `datetime()` with empty parentheses is the current time (L:scalar-data-types/datetime).
  if (name === 'datetime' && call.arguments.length === 0) {
    return { kind: 'Call', fn: 'now', args: [], type: 'datetime', span: call.span };
  }
  const sig = lookupFunction(name);
  if (sig === undefined) {
    ctx.report(DiagnosticFacts.unknownFunction(call.name.span, name, suggestName(name, [...FUNCTIONS.keys()])));
    for (const arg of call.arguments) if (arg.kind !== 'TypeOfExpression') bindScalar(ctx, arg, scope);
    return errorExpr(call.span);
  }
  const { min, max } = functionArity(sig);
  if (call.arguments.length < min || call.arguments.length > max) {
    ctx.report(DiagnosticFacts.argumentCount(call.span, name, min, max, call.arguments.length));
    return errorExpr(call.span);
  }
  return bindArguments(ctx, call, sig, scope);
}

function bindArguments(ctx: BindContext, call: FunctionCallExpression, sig: FunctionSignature, scope: RowScope): BoundExpr {
  const args: BoundExpr[] = [];
  let typeofArg: KqlType | null = null;
  let failed = false;
  call.arguments.forEach((arg, i) => {
    const param = sig.params[i];
    const expected = sig.variadic ? sig.variadic.types : param!.types;
    if (expected === 'typeof') {
      if (arg.kind !== 'TypeOfExpression') {
        ctx.report(DiagnosticFacts.typeofExpected(arg.span, sig.name));
        failed = true;
      } else if (arg.type === null) {
        ctx.report(DiagnosticFacts.unknownType(arg.typeName.span, arg.typeName.name));
        failed = true;
      } else {
        typeofArg = arg.type;
      }
      return;
    }
    const bound = bindScalar(ctx, arg, scope);
    if (isError(bound.type)) {
      failed = true;
      return;
    }
    if (!typeIn(bound.type, expected)) {
      ctx.report(DiagnosticFacts.argumentType(arg.span, sig.name, param?.name ?? `#${i + 1}`, expected, bound.type));
      failed = true;
      return;
    }
    if (param?.constant === true && dependsOnRow(bound)) {
      ctx.report(DiagnosticFacts.argumentNotConstant(arg.span, sig.name, param.name));
      failed = true;
      return;
    }
    args.push(bound);
  });
  if (failed) return errorExpr(call.span);
  const type = typeof sig.result === 'function' ? sig.result(typeofArg) : sig.result;
  return { kind: 'Call', fn: sig.id, args, type, span: call.span };
}

/** Whether a bound expression reads a column of the row (scalar lets are already inlined). */
function dependsOnRow(expr: BoundExpr): boolean {
  switch (expr.kind) {
    case 'Column':
      return true;
    case 'Call':
      return expr.args.some(dependsOnRow);
    case 'Membership':
      return dependsOnRow(expr.left) || expr.values.some(dependsOnRow);
    case 'Literal':
    case 'Error':
      return false;
  }
}
