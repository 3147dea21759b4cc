import type { ScalarValue } from '@kqlr/common/core';
import type { DataTableExpression, Expression, NameReference, PrintOperator } from '@kqlr/parser';
import type { BoundColumn, BoundExpr, BoundTabular } from './bound-tree.js';
import { bindScalar } from './bind-expression.js';
import { bindOperator } from './bind-operators.js';
import { bindUnion, type UnionLeg } from './bind-union.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import { convertLiteral } from './literals.js';
import { EMPTY_SCOPE, errorTabular, type BindContext, type RowScope, type TabularResult } from './scope.js';
import { suggestName } from './suggest.js';

/**
 * Whether an expression is tabular, decided syntactically plus name lookup: a pipe, `datatable`,
 * `print`, `union`, or a name that is a table or a tabular `let` (and not a column in `scope`).
 */
export function isTabularSyntax(ctx: BindContext, expr: Expression, scope: RowScope = EMPTY_SCOPE): boolean {
  switch (expr.kind) {
    case 'PipeExpression':
    case 'DataTableExpression':
    case 'PrintOperator':
    case 'UnionExpression':
      return true;
    case 'ParenthesizedExpression':
      return isTabularSyntax(ctx, expr.expression, scope);
    case 'NameReference': {
      const name = expr.name.name;
      if (scope.columns.some((c) => c.name === name)) return false;
      const symbol = ctx.lookupTabular(name);
      // A `let` that failed to bind is not known to be tabular; it binds as a silent scalar error.
      return symbol !== undefined && symbol !== 'scalar' && symbol.kind !== 'error';
    }
    default:
      return false;
  }
}

/** Binds a tabular expression (a query body, a `let` value, a union leg, a membership list). */
export function bindTabular(ctx: BindContext, expr: Expression): TabularResult {
  switch (expr.kind) {
    case 'NameReference':
      return bindTabularName(ctx, expr);
    case 'ParenthesizedExpression': {
      const inner = bindTabular(ctx, expr.expression);
      return { ...inner, label: null };
    }
    case 'PipeExpression': {
      let current = bindTabular(ctx, expr.source);
      for (const op of expr.operators) current = bindOperator(ctx, current, op);
      return current;
    }
    case 'DataTableExpression':
      return { node: bindDataTable(ctx, expr), sourceName: null, label: null };
    case 'PrintOperator':
      return { node: bindPrint(ctx, expr), sourceName: null, label: null };
    case 'UnionExpression': {
      const legs: UnionLeg[] = expr.legs.map((leg) => ({ result: bindTabular(ctx, leg), span: leg.span }));
      return bindUnion(ctx, expr.span, expr.unionKind, expr.withSource, legs);
    }
    case 'ErrorExpression':
      return errorTabular(expr.span);
    default:
      ctx.report(DiagnosticFacts.tabularExpected(expr.span));
      return errorTabular(expr.span);
  }
}

function bindTabularName(ctx: BindContext, ref: NameReference): TabularResult {
  const name = ref.name.name;
  const symbol = ctx.lookupTabular(name);
  if (symbol === undefined) {
    ctx.report(DiagnosticFacts.unknownTable(ref.name.span, name, suggestName(name, ctx.tabularNames())));
    return errorTabular(ref.span);
  }
  if (symbol === 'scalar') {
    ctx.report(DiagnosticFacts.tabularExpected(ref.span));
    return errorTabular(ref.span);
  }
  switch (symbol.kind) {
    case 'error':
      return errorTabular(ref.span);
    case 'let':
      return { node: symbol.node, sourceName: name, label: null };
    case 'table': {
      const columns = symbol.schema.columns.map((c) => ({ name: c.name, type: c.type }));
      const node: BoundTabular = { kind: 'TableScan', table: name, tableSchema: symbol.schema, columns, span: ref.span };
      return { node, sourceName: name, label: name };
    }
  }
}

/** `datatable(a:long, ...)[v, ...]`: values fill columns row by row; each must fit its column type. */
function bindDataTable(ctx: BindContext, expr: DataTableExpression): BoundTabular {
  const columns: BoundColumn[] = [];
  const seen = new Set<string>();
  let failed = false;
  for (const decl of expr.columns) {
    if (decl.type === null) {
      ctx.report(DiagnosticFacts.unknownType(decl.typeName.span, decl.typeName.name));
      failed = true;
    }
    if (seen.has(decl.name.name)) {
      ctx.report(DiagnosticFacts.duplicateColumn(decl.name.span, decl.name.name));
      failed = true;
    }
    seen.add(decl.name.name);
    columns.push({ name: decl.name.name, type: decl.type ?? 'error' });
  }
  const width = columns.length;
  if (width === 0 || expr.values.length % width !== 0) {
    ctx.report(DiagnosticFacts.datatableValueCount(expr.span, expr.values.length, width));
    return { kind: 'Error', span: expr.span, columns };
  }
  const rows: ScalarValue[][] = [];
  expr.values.forEach((literal, i) => {
    const column = columns[i % width]!;
    if (i % width === 0) rows.push([]);
    if (column.type === 'error') return;
    const value = convertLiteral(literal.value, literal.type, column.type);
    if (value === undefined) {
      ctx.report(DiagnosticFacts.datatableValueType(literal.span, column.name, column.type, literal.type));
      failed = true;
      return;
    }
    rows[rows.length - 1]!.push(value);
  });
  if (failed) return { kind: 'Error', span: expr.span, columns };
  return { kind: 'Values', rows, columns, span: expr.span };
}

/** `print [Name =] expr, ...`: one row; unnamed expressions are `print_<position>` (§4). */
function bindPrint(ctx: BindContext, expr: PrintOperator): BoundTabular {
  const exprs: { name: string; expr: BoundExpr }[] = [];
  const seen = new Set<string>();
  expr.expressions.forEach((named, i) => {
    const bound = bindScalar(ctx, named.expression, EMPTY_SCOPE);
    const name = named.name?.name ?? `print_${i}`;
    if (seen.has(name)) {
      ctx.report(DiagnosticFacts.duplicateColumn(named.name?.span ?? named.span, name));
      return;
    }
    seen.add(name);
    exprs.push({ name, expr: bound });
  });
  const columns = exprs.map((e) => ({ name: e.name, type: e.expr.type }));
  return { kind: 'Print', exprs, columns, span: expr.span };
}
