import type {
  Expression, ExtendOperator, ProjectAwayOperator, ProjectOperator, ProjectRenameOperator, QueryOperator,
  SortOperator, TakeOperator,
} from '@kqlr/parser';
import { sortable } from '../builtins.js';
import type { BoundColumn, BoundExpr, BoundSortKey, BoundTabular } from './bound-tree.js';
import { bindScalar, isError } from './bind-expression.js';
import { bindTabular } from './bind-tabular.js';
import { bindUnion } from './bind-union.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import { removedBy, rowScopeOf, type BindContext, type RowScope, type TabularResult } from './scope.js';
import { suggestName } from './suggest.js';
import { evaluateConstant } from '../constant-eval.js';

/**
 * Binds one pipe stage against the output of the stage before it (the row scope) and computes
 * the stage's output columns (§4). An `Error` input stays `Error`, but the stage's expressions are
 * still bound so that mistakes independent of the input are reported.
 */
export function bindOperator(ctx: BindContext, input: TabularResult, op: QueryOperator): TabularResult {
  const scope = rowScopeOf(input);
  const next = (node: BoundTabular): TabularResult =>
    input.node.kind === 'Error' ? { ...input, node: { ...input.node, span: op.span }, label: null } : { ...input, node, label: null };
  switch (op.kind) {
    case 'FilterOperator': {
      const predicate = bindScalar(ctx, op.condition, scope);
      if (!isError(predicate.type) && predicate.type !== 'bool') {
        ctx.report(DiagnosticFacts.expectedBool(op.condition.span, predicate.type));
      }
      return next({ kind: 'Filter', input: input.node, predicate, columns: input.node.columns, span: op.span });
    }
    case 'ExtendOperator':
      return next(bindExtend(ctx, input.node, op, scope));
    case 'ProjectOperator':
      return next(bindProject(ctx, input.node, op, scope));
    case 'ProjectAwayOperator':
      return next(bindProjectAway(ctx, input.node, op, scope));
    case 'ProjectRenameOperator':
      return next(bindProjectRename(ctx, input.node, op, scope));
    case 'SortOperator':
      return next(bindSort(ctx, input.node, op, scope));
    case 'TakeOperator':
      return next(bindTake(ctx, input.node, op, scope));
    case 'CountOperator':
      return next({ kind: 'Count', input: input.node, columns: [{ name: 'Count', type: 'long' }], span: op.span });
    case 'UnionOperator': {
      const legs = [
        { result: input, span: input.node.span },
        ...op.legs.map((leg) => ({ result: bindTabular(ctx, leg), span: leg.span })),
      ];
      const union = bindUnion(ctx, op.span, op.unionKind, op.withSource, legs);
      return { ...union, sourceName: null };
    }
  }
}

/**
 * The name an unnamed `extend`/`project` expression gets: a column keeps its name, `o.a` becomes
 * `o_a`, anything else `Column1`, `Column2`, ... (the generated spelling is UNCERTAIN, §4).
 */
function inferName(expr: Expression, taken: (name: string) => boolean): string {
  if (expr.kind === 'NameReference') return expr.name.name;
  if (expr.kind === 'PathExpression' && expr.target.kind === 'NameReference') {
    return `${expr.target.name.name}_${expr.selector.name}`;
  }
  for (let i = 1; ; i++) if (!taken(`Column${i}`)) return `Column${i}`;
}

const columnRef = (columns: readonly BoundColumn[], index: number, span: BoundTabular['span']): BoundExpr => ({
  kind: 'Column', index, name: columns[index]!.name, type: columns[index]!.type, span,
});

/**
 * `extend`: a new name is appended; an existing name is replaced in place and keeps its position
 * (emulator + language service, §8). All expressions see only the input columns.
 */
function bindExtend(ctx: BindContext, input: BoundTabular, op: ExtendOperator, scope: RowScope): BoundTabular {
  const columns: BoundColumn[] = [...input.columns];
  const exprs = input.columns.map((c, i) => ({ name: c.name, expr: columnRef(input.columns, i, op.span) }));
  const declared = new Set<string>();
  for (const named of op.expressions) {
    const expr = bindScalar(ctx, named.expression, scope);
    const name = named.name?.name ?? inferName(named.expression, (n) => columns.some((c) => c.name === n) || declared.has(n));
    if (declared.has(name)) {
      ctx.report(DiagnosticFacts.duplicateColumn(named.name?.span ?? named.span, name));
      continue;
    }
    declared.add(name);
    const existing = columns.findIndex((c) => c.name === name);
    if (existing >= 0) {
      columns[existing] = { name, type: expr.type };
      exprs[existing] = { name, expr };
    } else {
      columns.push({ name, type: expr.type });
      exprs.push({ name, expr });
    }
  }
  return { kind: 'Projection', operator: 'extend', input, exprs, columns, span: op.span };
}

/** `project`: exactly the listed columns, in order; a bare name is a column or a scalar `let`. */
function bindProject(ctx: BindContext, input: BoundTabular, op: ProjectOperator, scope: RowScope): BoundTabular {
  const exprs: { name: string; expr: BoundExpr }[] = [];
  for (const named of op.expressions) {
    const expr = bindScalar(ctx, named.expression, scope);
    const name = named.name?.name ?? inferName(named.expression, (n) => exprs.some((e) => e.name === n));
    if (exprs.some((e) => e.name === name)) {
      ctx.report(DiagnosticFacts.duplicateColumn(named.name?.span ?? named.span, name));
      continue;
    }
    exprs.push({ name, expr });
  }
  const columns = exprs.map((e) => ({ name: e.name, type: e.expr.type }));
  return { kind: 'Projection', operator: 'project', input, exprs, columns, span: op.span };
}

function wildcardRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** `project-away`: removes named columns (or `*` patterns); the rest keep their order. */
function bindProjectAway(ctx: BindContext, input: BoundTabular, op: ProjectAwayOperator, scope: RowScope): BoundTabular {
  const removed = new Set<number>();
  if (!scope.opaque) {
    for (const { name, pattern } of op.columns) {
      if (pattern) {
        const re = wildcardRegExp(name.name);
        const matches = input.columns.flatMap((c, i) => (re.test(c.name) ? [i] : []));
        if (matches.length === 0) ctx.report(DiagnosticFacts.wildcardNoMatch(name.span, name.name));
        matches.forEach((i) => removed.add(i));
        continue;
      }
      const index = input.columns.findIndex((c) => c.name === name.name);
      if (index < 0) {
        const suggestion = suggestName(name.name, input.columns.map((c) => c.name));
        ctx.report(DiagnosticFacts.unknownColumn(name.span, name.name, scope.sourceName, suggestion, removedBy(input, name.name)));
        continue;
      }
      removed.add(index);
    }
  }
  const kept = input.columns.flatMap((_, i) => (removed.has(i) ? [] : [i]));
  const exprs = kept.map((i) => ({ name: input.columns[i]!.name, expr: columnRef(input.columns, i, op.span) }));
  const columns = kept.map((i) => input.columns[i]!);
  return { kind: 'Projection', operator: 'project-away', input, exprs, columns, span: op.span };
}

/**
 * `project-rename New = Old`: renames in place. Like Kusto.Language, each `New` is checked against
 * every input column and every earlier `New` of the operator, so a swap (`a = b, b = a`) and a
 * self-rename (`a = a`) are duplicate-column errors (KS171).
 */
function bindProjectRename(ctx: BindContext, input: BoundTabular, op: ProjectRenameOperator, scope: RowScope): BoundTabular {
  const names = input.columns.map((c) => c.name);
  if (!scope.opaque) {
    const declared = new Set<string>();
    for (const { newName, oldName } of op.renames) {
      const index = input.columns.findIndex((c) => c.name === oldName.name);
      if (index < 0) {
        const suggestion = suggestName(oldName.name, input.columns.map((c) => c.name));
        ctx.report(DiagnosticFacts.unknownColumn(oldName.span, oldName.name, scope.sourceName, suggestion, removedBy(input, oldName.name)));
        continue;
      }
      if (declared.has(newName.name) || input.columns.some((c) => c.name === newName.name)) {
        ctx.report(DiagnosticFacts.duplicateColumn(newName.span, newName.name));
        continue;
      }
      declared.add(newName.name);
      names[index] = newName.name;
    }
  }
  const exprs = input.columns.map((_, i) => ({ name: names[i]!, expr: columnRef(input.columns, i, op.span) }));
  const columns = input.columns.map((c, i) => ({ name: names[i]!, type: c.type }));
  return { kind: 'Projection', operator: 'project-rename', input, exprs, columns, span: op.span };
}

/** `sort by`: default `desc`; nulls first for `asc` and last for `desc` unless stated (§4). */
function bindSort(ctx: BindContext, input: BoundTabular, op: SortOperator, scope: RowScope): BoundTabular {
  const keys: BoundSortKey[] = op.keys.map((key) => {
    const expr = bindScalar(ctx, key.expression, scope);
    if (!isError(expr.type) && !sortable(expr.type)) ctx.report(DiagnosticFacts.sortKeyType(key.expression.span, expr.type));
    const descending = key.direction !== 'asc';
    const nullsFirst = key.nulls === null ? !descending : key.nulls === 'first';
    return { expr, descending, nullsFirst };
  });
  return { kind: 'Sort', input, keys, columns: input.columns, span: op.span };
}

/** `take N`: N must be a non-negative integer constant (`take "2"` is an error, §4). */
function bindTake(ctx: BindContext, input: BoundTabular, op: TakeOperator, scope: RowScope): BoundTabular {
  const expr = bindScalar(ctx, op.count, scope);
  let count = 0;
  if (!isError(expr.type)) {
    const value = expr.type === 'int' || expr.type === 'long' ? evaluateConstant(expr) : undefined;
    if (value === undefined || value === null || (typeof value !== 'bigint' && typeof value !== 'number') || value < 0) {
      const found = expr.type === 'int' || expr.type === 'long' ? 'a non-constant or negative value' : expr.type;
      ctx.report(DiagnosticFacts.takeNotInteger(op.count.span, found));
    } else {
      count = Number(value);
    }
  }
  return { kind: 'Limit', input, count, columns: input.columns, span: op.span };
}
