import { formatDatetime } from '@kqlr/common/core';
import { printLiteral, printName } from '../explain-expr.js';
import type { BoundColumn, BoundExpr, BoundQuery, BoundTabular } from './bound-tree.js';

/**
 * Deterministic text of a bound tree (for `kqlr debug bound` and golden tests): one node per line,
 * indented like the plan printer, each with its output columns and types. Expressions are
 * s-expressions whose every node carries its type, so typing decisions are visible:
 * `{> Timestamp:datetime {ago 1.00:00:00:timespan}:datetime}:bool`. `now`/`ago` are not yet folded.
 */
export function printBoundQuery(bound: BoundQuery): string {
  const lines = [`now=${formatDatetime(bound.now)} (${bound.nowSource})`];
  visit(bound.body, 0, lines);
  return lines.join('\n');
}

export function printBoundExpr(expr: BoundExpr): string {
  switch (expr.kind) {
    case 'Column':
      return `${printName(expr.name)}#${expr.index}:${expr.type}`;
    case 'Literal':
      return `${printLiteral(expr.type, expr.value)}:${expr.type}`;
    case 'Call':
      return `{${expr.fn}${expr.args.map((a) => ` ${printBoundExpr(a)}`).join('')}}:${expr.type}`;
    case 'Membership': {
      const list = expr.subquery !== null ? ' (subquery)' : expr.values.map((v) => ` ${printBoundExpr(v)}`).join('');
      return `{${expr.op} ${printBoundExpr(expr.left)}${list}}:bool`;
    }
    case 'Error':
      return '<error>';
  }
}

const columnsText = (columns: readonly BoundColumn[]): string =>
  `[${columns.map((c) => `${printName(c.name)}:${c.type}`).join(', ')}]`;

function visit(node: BoundTabular, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  lines.push(`${indent}${describe(node)}`);
  const subqueries: BoundTabular[] = [];
  const collect = (e: BoundExpr): void => {
    if (e.kind === 'Membership') {
      collect(e.left);
      if (e.subquery !== null) subqueries.push(e.subquery);
    } else if (e.kind === 'Call') e.args.forEach(collect);
  };
  if (node.kind === 'Filter') collect(node.predicate);
  if (node.kind === 'Projection' || node.kind === 'Print') node.exprs.forEach((e) => collect(e.expr));
  if (node.kind === 'Sort') node.keys.forEach((k) => collect(k.expr));
  for (const sub of subqueries) {
    lines.push(`${indent}  subquery:`);
    visit(sub, depth + 2, lines);
  }
  switch (node.kind) {
    case 'Filter':
    case 'Projection':
    case 'Sort':
    case 'Limit':
    case 'Count':
      visit(node.input, depth + 1, lines);
      break;
    case 'Union':
      node.inputs.forEach((input) => visit(input, depth + 1, lines));
      break;
    default:
      break;
  }
}

function describe(node: BoundTabular): string {
  switch (node.kind) {
    case 'TableScan':
      return `TableScan ${printName(node.table)} ${columnsText(node.columns)}`;
    case 'Values':
      return `Values rows=${node.rows.length} ${columnsText(node.columns)}`;
    case 'Print':
      return `Print ${node.exprs.map((e) => `${printName(e.name)}=${printBoundExpr(e.expr)}`).join(', ')}`;
    case 'Filter':
      return `Filter ${printBoundExpr(node.predicate)}`;
    case 'Projection':
      return `Projection(${node.operator}) ${node.exprs.map((e) => `${printName(e.name)}=${printBoundExpr(e.expr)}`).join(', ')}`;
    case 'Sort':
      return `Sort ${node.keys.map((k) => `${printBoundExpr(k.expr)} ${k.descending ? 'desc' : 'asc'} nulls ${k.nullsFirst ? 'first' : 'last'}`).join(', ')}`;
    case 'Limit':
      return `Limit ${node.count}`;
    case 'Count':
      return `Count ${columnsText(node.columns)}`;
    case 'Union': {
      const source = node.withSource === null ? '' : ` withsource=${printName(node.withSource)} labels=[${node.sourceLabels.join(', ')}]`;
      return `Union kind=${node.unionKind}${source} maps=${JSON.stringify(node.columnMaps)} ${columnsText(node.columns)}`;
    }
    case 'Error':
      return 'Error';
  }
}
