import { formatDatetime, formatTimespan, type DynamicValue, type ScalarValue } from '@kqlr/common/core';
import type { Expression, Identifier, LiteralExpression, NamedExpression, QueryOperator, SyntaxNode } from './ast.js';

/**
 * Deterministic compact s-expression form of an AST, for golden tests and `debug ast`. Spans are
 * left out; literals print their computed value with their type (`long(null)`, `real(1.5)`,
 * `datetime(2024-01-01T00:00:00.0000000Z)`), so a golden test also checks literal evaluation.
 *
 * `(query (let X <expr>) (pipe T (where (> a 1)) (project a (= b (+ a 1)))))`
 */
export function printAst(node: SyntaxNode): string {
  switch (node.kind) {
    case 'Query':
      return list('query', ...node.statements.map(printAst), ...(node.body ? [printAst(node.body)] : []));
    case 'LetStatement':
      return list('let', name(node.name), printAst(node.value));
    case 'SetStatement':
      return list('set', name(node.name), ...(node.value ? [printAst(node.value)] : []));
    case 'Identifier':
      return name(node);
    case 'NamedExpression':
      return named(node);
    case 'SortKey':
      return list('key', printAst(node.expression), ...(node.direction ? [node.direction] : []), ...(node.nulls ? [`nulls-${node.nulls}`] : []));
    case 'ColumnDeclaration':
      return `${name(node.name)}:${node.typeName.name}`;
    case 'FilterOperator':
    case 'ExtendOperator':
    case 'ProjectOperator':
    case 'ProjectAwayOperator':
    case 'ProjectRenameOperator':
    case 'SortOperator':
    case 'TakeOperator':
    case 'CountOperator':
    case 'UnionOperator':
      return operator(node);
    default:
      return expression(node);
  }
}

function list(...parts: string[]): string {
  return `(${parts.join(' ')})`;
}

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_]*$/;

function name(id: Identifier): string {
  return id.bracketed || !PLAIN_NAME.test(id.name) ? `[${JSON.stringify(id.name)}]` : id.name;
}

function named(n: NamedExpression): string {
  return n.name ? list('=', name(n.name), expression(n.expression)) : expression(n.expression);
}

function operator(op: QueryOperator): string {
  switch (op.kind) {
    case 'FilterOperator':
      return list(op.keyword, expression(op.condition));
    case 'ExtendOperator':
      return list('extend', ...op.expressions.map(named));
    case 'ProjectOperator':
      return list('project', ...op.expressions.map(named));
    case 'ProjectAwayOperator':
      return list('project-away', ...op.columns.map((c) => (c.pattern ? c.name.name : name(c.name))));
    case 'ProjectRenameOperator':
      return list('project-rename', ...op.renames.map((r) => list('=', name(r.newName), name(r.oldName))));
    case 'SortOperator':
      return list(`${op.keyword}-by`, ...op.keys.map(printAst));
    case 'TakeOperator':
      return list(op.keyword, expression(op.count));
    case 'CountOperator':
      return '(count)';
    case 'UnionOperator':
      return list('union', ...unionOptions(op.unionKind, op.withSource), ...op.legs.map(expression));
  }
}

function unionOptions(kind: 'inner' | 'outer', withSource: Identifier | null): string[] {
  return [`kind=${kind}`, ...(withSource ? [`withsource=${name(withSource)}`] : [])];
}

function expression(e: Expression): string {
  switch (e.kind) {
    case 'PipeExpression':
      return list('pipe', expression(e.source), ...e.operators.map(operator));
    case 'DataTableExpression':
      return list('datatable', list(...e.columns.map(printAst)), `[${e.values.map(literal).join(' ')}]`);
    case 'PrintOperator':
      return list('print', ...e.expressions.map(named));
    case 'UnionExpression':
      return list('union', ...unionOptions(e.unionKind, e.withSource), ...e.legs.map(expression));
    case 'BinaryExpression':
      return list(e.operator === 'matches regex' ? 'matches-regex' : e.operator, expression(e.left), expression(e.right));
    case 'UnaryExpression':
      return list(e.operator, expression(e.operand));
    case 'InExpression':
      return list(e.operator, expression(e.left), `[${e.list.map(expression).join(' ')}]`);
    case 'BetweenExpression':
      return list(e.negated ? '!between' : 'between', expression(e.left), expression(e.low), expression(e.high));
    case 'NameReference':
      return name(e.name);
    case 'FunctionCallExpression':
      return list('call', name(e.name), ...e.arguments.map(expression));
    case 'TypeOfExpression':
      return list('typeof', e.type ?? `?${e.typeName.name}`);
    case 'ParenthesizedExpression':
      return list('paren', expression(e.expression));
    case 'PathExpression':
      return list('.', expression(e.target), name(e.selector));
    case 'ElementExpression':
      return list('[]', expression(e.target), expression(e.index));
    case 'LiteralExpression':
      return literal(e);
    case 'ErrorExpression':
      return '(error)';
  }
}

function literal(e: LiteralExpression): string {
  const v = e.value;
  if (e.type === 'string') return JSON.stringify(v);
  if (e.type === 'dynamic') return `dynamic(${dynamic(v as DynamicValue)})`;
  if (v === null) return `${e.type}(null)`;
  switch (e.type) {
    case 'long':
      return String(v);
    case 'bool':
      return String(v);
    case 'datetime':
      return `datetime(${formatDatetime(v as bigint)})`;
    case 'timespan':
      return `timespan(${formatTimespan(v as bigint)})`;
    default:
      return `${e.type}(${scalar(v as ScalarValue)})`;
  }
}

function scalar(v: ScalarValue): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : v === Infinity ? '+inf' : v === -Infinity ? '-inf' : String(v);
  return typeof v === 'string' ? v : String(v);
}

/** Compact JSON with sorted keys (key order of a property bag is not significant, §1.2). */
function dynamic(v: DynamicValue): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return scalar(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(dynamic).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${dynamic(v[k]!)}`)
    .join(',')}}`;
}
