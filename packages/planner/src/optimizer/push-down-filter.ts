import type { LogicalPlan, ScalarExpr, Union } from '../logical/plan.js';
import { childrenOf, columnsUsed, conjuncts, mapExpr, mapNodeExprs, remapColumns, withChildren } from './plan-utils.js';

/**
 * Rule `push-down-filter`: moves predicates towards the scan.
 * - A Filter directly on a TableScan becomes the scan's `filters` (its conjuncts, in order), so a
 *   provider can skip rows (and, later, whole batches) early.
 * - A Filter above a Sort moves below it (filtering commutes with ordering).
 * - A Filter above a Projection moves below it when it reads only columns the Projection passes
 *   through unchanged (renumbered to the input's indices).
 * - A Filter above a Union moves into every leg: each column becomes the leg's column, the leg's
 *   label (withsource), or the constant a missing column reads as (null; "" for strings).
 * Never across Limit or Count: that would change which rows are taken or counted.
 */
export function pushDownFilter(plan: LogicalPlan): LogicalPlan {
  const node = mapNodeExprs(withChildren(plan, childrenOf(plan).map(pushDownFilter)), pushIntoSubqueries);
  return node.kind === 'Filter' ? pushFilter(node.input, node.predicate) : node;
}

function pushIntoSubqueries(expr: ScalarExpr): ScalarExpr {
  return mapExpr(expr, (e) =>
    e.kind === 'Membership' && e.subquery !== null ? { ...e, subquery: pushDownFilter(e.subquery) } : e);
}

function pushFilter(input: LogicalPlan, predicate: ScalarExpr): LogicalPlan {
  switch (input.kind) {
    case 'TableScan':
      return { ...input, filters: [...input.filters, ...conjuncts(predicate)] };
    case 'Sort':
      return { ...input, input: pushFilter(input.input, predicate) };
    case 'Projection': {
      const mapping = new Map<number, number>();
      for (const index of columnsUsed(predicate)) {
        const source = input.exprs[index]?.expr;
        if (source?.kind !== 'Column') return filter(input, predicate);
        mapping.set(index, source.index);
      }
      return { ...input, input: pushFilter(input.input, remapColumns(predicate, mapping)) };
    }
    case 'Union':
      return {
        ...input,
        inputs: input.inputs.map((leg, i) => pushFilter(leg, predicateForLeg(input, i, predicate))),
      };
    default:
      return filter(input, predicate);
  }
}

function predicateForLeg(union: Union, leg: number, predicate: ScalarExpr): ScalarExpr {
  const offset = union.withSource === null ? 0 : 1;
  return mapExpr(predicate, (e) => {
    if (e.kind !== 'Column') return e;
    if (offset === 1 && e.index === 0) return { kind: 'Literal', type: 'string', value: union.sourceLabels[leg]! };
    const from = union.columnMaps[leg]![e.index - offset]!;
    if (from < 0) return { kind: 'Literal', type: e.type, value: e.type === 'string' ? '' : null };
    return { ...e, index: from };
  });
}

function filter(input: LogicalPlan, predicate: ScalarExpr): LogicalPlan {
  return { kind: 'Filter', input, predicate, schema: input.schema };
}
