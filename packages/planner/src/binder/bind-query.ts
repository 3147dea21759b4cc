import { hasErrors, type KqlType, type WithDiagnostics } from '@kqlr/common/core';
import type { Expression, LetStatement, Query, SetStatement } from '@kqlr/parser';
import type { BindOptions, BoundQuery, BoundTabular, NowSource } from './bound-tree.js';
import { bindScalar, isError } from './bind-expression.js';
import { bindTabular, isTabularSyntax } from './bind-tabular.js';
import { tabularContainsError } from './contains-error.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import { BindContext, EMPTY_SCOPE } from './scope.js';

/**
 * Binds a parsed query against the catalog: `let`/`set` statements in order, then the body.
 * Returns the bound tree, or null when any error was reported or the (parser-recovered) tree
 * still holds an error node. All errors are in `diagnostics`; the binder never throws on bad input.
 */
export function bindQuery(query: Query, options: BindOptions): WithDiagnostics<BoundQuery | null> {
  const ctx = new BindContext(options.catalog);
  let pinnedNow: bigint | null = null;
  for (const statement of query.statements) {
    if (statement.kind === 'LetStatement') bindLet(ctx, statement);
    else {
      const value = bindSet(ctx, statement);
      if (value !== null) pinnedNow = value;
    }
  }
  let body: BoundTabular | null = null;
  if (query.body !== null) body = bindTabular(ctx, query.body).node;
  const diagnostics = ctx.diagnostics;
  if (body === null || hasErrors(diagnostics) || tabularContainsError(body)) return { result: null, diagnostics };
  let now = options.now;
  let nowSource: NowSource = options.nowSource;
  if (options.nowSource !== 'option' && pinnedNow !== null) {
    now = pinnedNow;
    nowSource = 'set';
  }
  const schema = { columns: body.columns.map((c) => ({ name: c.name, type: c.type as KqlType })) };
  return { result: { body, schema, now, nowSource }, diagnostics };
}

/** `let Name = value;`: a later `let` may use an earlier one; re-declaring is an error (§3). */
function bindLet(ctx: BindContext, statement: LetStatement): void {
  const name = statement.name.name;
  if (ctx.lets.has(name)) {
    ctx.report(DiagnosticFacts.letRedeclared(statement.name.span, name));
    return;
  }
  if (isTabularSyntax(ctx, statement.value)) {
    const { node } = bindTabular(ctx, statement.value);
    ctx.lets.set(name, node.kind === 'Error' ? { kind: 'error', name } : { kind: 'tabular', name, node });
    return;
  }
  const expr = bindScalar(ctx, statement.value, EMPTY_SCOPE);
  ctx.lets.set(name, isError(expr.type) ? { kind: 'error', name } : { kind: 'scalar', name, expr });
}

/**
 * `set query_now = <datetime literal | scalar let holding one>;` returns the pinned instant.
 * Any other option is ignored with a warning (§1 `set` statements), but its value is still
 * checked as Kusto.Language does: a constant or a known name, scalar or tabular
 * (`set foo = nosuchname;` is KS142, `set foo = 1 + 2;` KS130), of any type.
 */
function bindSet(ctx: BindContext, statement: SetStatement): bigint | null {
  const value = statement.value;
  if (statement.name.name !== 'query_now') {
    ctx.report(DiagnosticFacts.setOptionIgnored(statement.name.span, statement.name.name));
    if (value === null) return null;
    if (!isConstantOrName(value)) ctx.report(DiagnosticFacts.setValueNotConstant(value.span));
    // Any known name will do, a table or tabular let included (Kusto.Language accepts those too).
    else if (!isTabularSyntax(ctx, value)) bindScalar(ctx, value, EMPTY_SCOPE);
    return null;
  }
  if (value === null) {
    ctx.report(DiagnosticFacts.queryNowNotConstant(statement.span));
    return null;
  }
  if (!isConstantOrName(value)) {
    ctx.report(DiagnosticFacts.queryNowNotConstant(value.span));
    return null;
  }
  const bound = bindScalar(ctx, value, EMPTY_SCOPE);
  if (isError(bound.type)) return null;
  if (bound.type !== 'datetime') {
    ctx.report(DiagnosticFacts.queryNowType(value.span, bound.type));
    return null;
  }
  if (bound.kind !== 'Literal' || typeof bound.value !== 'bigint') {
    ctx.report(DiagnosticFacts.queryNowNotConstant(value.span));
    return null;
  }
  return bound.value;
}

/** The value forms a `set` statement allows: a literal or a name (not `(1)`, `-1` or a call). */
function isConstantOrName(value: Expression): boolean {
  return value.kind === 'LiteralExpression' || value.kind === 'NameReference';
}
