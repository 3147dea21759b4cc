import type { LogicalPlan, ScalarExpr } from '../logical/plan.js';

/** Helpers shared by the optimizer rules: walking and rewriting expressions and plan children. */

/** Column indices an expression reads (of the input schema of the node holding it). */
export function columnsUsed(expr: ScalarExpr, into: Set<number> = new Set()): Set<number> {
  switch (expr.kind) {
    case 'Column':
      into.add(expr.index);
      break;
    case 'Literal':
      break;
    case 'Call':
      expr.args.forEach((a) => columnsUsed(a, into));
      break;
    case 'Membership':
      // The subquery has its own scope: it reads no column of this input.
      columnsUsed(expr.left, into);
      expr.values.forEach((v) => columnsUsed(v, into));
      break;
  }
  return into;
}

/** Rewrites expressions bottom-up; `fn` sees each node after its children were rewritten. */
export function mapExpr(expr: ScalarExpr, fn: (e: ScalarExpr) => ScalarExpr): ScalarExpr {
  switch (expr.kind) {
    case 'Call':
      return fn({ ...expr, args: expr.args.map((a) => mapExpr(a, fn)) });
    case 'Membership':
      return fn({ ...expr, left: mapExpr(expr.left, fn), values: expr.values.map((v) => mapExpr(v, fn)) });
    default:
      return fn(expr);
  }
}

/** Renumbers column references through `mapping` (old index -> new index). */
export function remapColumns(expr: ScalarExpr, mapping: ReadonlyMap<number, number>): ScalarExpr {
  return mapExpr(expr, (e) => {
    if (e.kind !== 'Column') return e;
    const index = mapping.get(e.index);
    if (index === undefined) throw new Error(`internal: column ${e.name} (#${e.index}) pruned but still used`);
    return { ...e, index };
  });
}

export function childrenOf(plan: LogicalPlan): LogicalPlan[] {
  switch (plan.kind) {
    case 'TableScan':
    case 'Values':
      return [];
    case 'Union':
      return plan.inputs;
    default:
      return [plan.input];
  }
}

/** Rebuilds a plan node with its children replaced (same order as `childrenOf`). */
export function withChildren(plan: LogicalPlan, children: LogicalPlan[]): LogicalPlan {
  switch (plan.kind) {
    case 'TableScan':
    case 'Values':
      return plan;
    case 'Union':
      return { ...plan, inputs: children };
    default:
      return { ...plan, input: children[0]! };
  }
}

/** Applies `fn` to every expression held directly by the node (not its children). */
export function mapNodeExprs(plan: LogicalPlan, fn: (e: ScalarExpr) => ScalarExpr): LogicalPlan {
  switch (plan.kind) {
    case 'TableScan':
      return { ...plan, filters: plan.filters.map(fn) };
    case 'Filter':
      return { ...plan, predicate: fn(plan.predicate) };
    case 'Projection':
      return { ...plan, exprs: plan.exprs.map((e) => ({ name: e.name, expr: fn(e.expr) })) };
    case 'Sort':
      return { ...plan, keys: plan.keys.map((k) => ({ ...k, expr: fn(k.expr) })) };
    default:
      return plan;
  }
}

/** Splits `a and b and c` into its conjuncts (a row passes iff every conjunct is true, nulls included). */
export function conjuncts(expr: ScalarExpr): ScalarExpr[] {
  if (expr.kind === 'Call' && expr.fn === 'and') return [...conjuncts(expr.args[0]!), ...conjuncts(expr.args[1]!)];
  return [expr];
}
