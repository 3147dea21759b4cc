import { formatDatetime } from '@kqlr/common';
import type { LogicalPlan, ScalarExpr } from '@kqlr/planner';

/**
 * The latest lower bound the query puts on `Timestamp` (`Timestamp > ago(24h)` after folding is
 * `Timestamp > datetime(...)`), looking through filters pushed into scans. Used to warn when a
 * replay window excludes every event; null when the query has no such bound.
 */
export function timestampLowerBound(plan: LogicalPlan): bigint | null {
  let bound: bigint | null = null;
  const consider = (expr: ScalarExpr): void => {
    for (const b of lowerBoundsOf(expr)) if (bound === null || b > bound) bound = b;
  };
  const visit = (node: LogicalPlan): void => {
    switch (node.kind) {
      case 'TableScan':
        node.filters.forEach(consider);
        return;
      case 'Filter':
        consider(node.predicate);
        visit(node.input);
        return;
      case 'Values':
        return;
      case 'Union':
        node.inputs.forEach(visit);
        return;
      default:
        visit(node.input);
    }
  };
  visit(plan);
  return bound;
}

function lowerBoundsOf(expr: ScalarExpr): bigint[] {
  if (expr.kind !== 'Call') return [];
  if (expr.fn === 'and') return expr.args.flatMap(lowerBoundsOf);
  const [a, b] = expr.args;
  if (a === undefined || b === undefined) return [];
  const isTimestamp = (e: ScalarExpr) => e.kind === 'Column' && e.name === 'Timestamp' && e.type === 'datetime';
  const literal = (e: ScalarExpr) => (e.kind === 'Literal' && typeof e.value === 'bigint' ? e.value : null);
  if ((expr.fn === '>' || expr.fn === '>=') && isTimestamp(a)) return nonNull(literal(b));
  if ((expr.fn === '<' || expr.fn === '<=') && isTimestamp(b)) return nonNull(literal(a));
  if (expr.fn === 'between' && isTimestamp(a)) return nonNull(literal(b));
  return [];
}

function nonNull(v: bigint | null): bigint[] {
  return v === null ? [] : [v];
}

/** The warning shown when the data ends before the query's window starts. */
export function windowWarning(bound: bigint, dataRange: { min: bigint; max: bigint }): string {
  return (
    `no event is inside the query's time window: it starts at ${formatDatetime(bound)}, ` +
    `but the data spans ${formatDatetime(dataRange.min)} .. ${formatDatetime(dataRange.max)}. ` +
    `Replay with --now latest (or --now ${formatDatetime(dataRange.max)}) to evaluate ago() relative to the data.`
  );
}
