import type { LogicalPlan, ScalarExpr } from './logical/plan.js';
import { printName, printScalarExpr } from './explain-expr.js';
import { childrenOf } from './optimizer/plan-utils.js';

/**
 * DataFusion-style EXPLAIN text of a logical plan: one node per line, numbered, indented with
 * `--` per level (`01)Projection: ...`, `02)--Filter: ...`). Deterministic, for golden tests.
 */
export function printLogicalPlan(plan: LogicalPlan): string {
  const lines: { depth: number; text: string }[] = [];
  visit(plan, 0, lines);
  const width = Math.max(2, String(lines.length).length);
  return lines
    .map((l, i) => `${String(i + 1).padStart(width, '0')})${'--'.repeat(l.depth)}${l.text}`)
    .join('\n');
}

function visit(plan: LogicalPlan, depth: number, lines: { depth: number; text: string }[]): void {
  lines.push({ depth, text: describe(plan) });
  for (const sub of subqueriesOf(plan)) {
    lines.push({ depth: depth + 1, text: 'Subquery:' });
    visit(sub, depth + 2, lines);
  }
  for (const child of childrenOf(plan)) visit(child, depth + 1, lines);
}

function expressionsOf(plan: LogicalPlan): ScalarExpr[] {
  switch (plan.kind) {
    case 'TableScan':
      return plan.filters;
    case 'Filter':
      return [plan.predicate];
    case 'Projection':
      return plan.exprs.map((e) => e.expr);
    case 'Sort':
      return plan.keys.map((k) => k.expr);
    default:
      return [];
  }
}

function subqueriesOf(plan: LogicalPlan): LogicalPlan[] {
  const found: LogicalPlan[] = [];
  const walk = (e: ScalarExpr): void => {
    if (e.kind === 'Membership') {
      walk(e.left);
      e.values.forEach(walk);
      if (e.subquery !== null) found.push(e.subquery);
    } else if (e.kind === 'Call') e.args.forEach(walk);
  };
  expressionsOf(plan).forEach(walk);
  return found;
}

function describe(plan: LogicalPlan): string {
  switch (plan.kind) {
    case 'TableScan': {
      const projection = plan.projection === null
        ? ''
        : ` projection=[${plan.projection.map((i) => printName(plan.tableSchema.columns[i]!.name)).join(', ')}]`;
      const filters = plan.filters.length === 0 ? '' : ` filters=[${plan.filters.map(printScalarExpr).join(', ')}]`;
      return `TableScan: ${printName(plan.table)}${projection}${filters}`;
    }
    case 'Values': {
      const columns = plan.schema.columns.map((c) => `${printName(c.name)}:${c.type}`).join(', ');
      return `Values: (${columns}) rows=${plan.rows.length}`;
    }
    case 'Filter':
      return `Filter: ${printScalarExpr(plan.predicate)}`;
    case 'Projection':
      return `Projection: ${plan.exprs
        .map(({ name, expr }) =>
          expr.kind === 'Column' && expr.name === name ? printName(name) : `${printName(name)}=${printScalarExpr(expr)}`)
        .join(', ')}`;
    case 'Sort':
      return `Sort: ${plan.keys
        .map((k) => `${printScalarExpr(k.expr)} ${k.descending ? 'desc' : 'asc'} nulls ${k.nullsFirst ? 'first' : 'last'}`)
        .join(', ')}`;
    case 'Limit':
      return `Limit: ${plan.count}`;
    case 'Count':
      return 'Count';
    case 'Union': {
      const source = plan.withSource === null ? '' : ` withsource=${printName(plan.withSource)} labels=[${plan.sourceLabels.join(', ')}]`;
      return `Union:${source} columns=[${plan.schema.columns.map((c) => printName(c.name)).join(', ')}]`;
    }
  }
}
