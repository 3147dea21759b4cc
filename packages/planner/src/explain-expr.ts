import { formatDatetime, formatTimespan, type KqlType, type ScalarValue } from '@kqlr/common/core';
import type { BuiltinId, ScalarExpr } from './logical/plan.js';

/**
 * Prints plan expressions in a readable KQL-like form, deterministically (golden tests compare
 * this text). Nested operators are parenthesised, so the text shows the tree's shape exactly.
 * Tabular membership lists print as `(subquery)`; the plan printer lists the subquery below.
 */

const PREFIX_FUNCTIONS: ReadonlySet<BuiltinId> = new Set<BuiltinId>([
  'not', 'now', 'ago', 'strlen', 'tolower', 'toupper', 'strcat', 'extract', 'split', 'tostring', 'tolong', 'toint',
  'toreal', 'tobool', 'todatetime', 'totimespan', 'isempty', 'isnotempty', 'isnull', 'isnotnull',
]);

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function printName(name: string): string {
  return PLAIN_NAME.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export function printLiteral(type: KqlType, value: ScalarValue): string {
  if (value === null) return `${type}(null)`;
  switch (type) {
    case 'string':
      return JSON.stringify(value);
    case 'long':
      return String(value);
    case 'int':
      return `int(${String(value)})`;
    case 'real':
    case 'decimal': {
      const n = value as number;
      if (!Number.isFinite(n)) return `${type}(${Number.isNaN(n) ? 'nan' : n > 0 ? '+inf' : '-inf'})`;
      const text = String(n);
      return type === 'decimal' ? `decimal(${text})` : /[.eE]/.test(text) ? text : `${text}.0`;
    }
    case 'bool':
      return String(value);
    case 'datetime':
      return `datetime(${formatDatetime(value as bigint)})`;
    case 'timespan':
      return `timespan(${formatTimespan(value as bigint)})`;
    case 'guid':
      return `guid(${String(value)})`;
    case 'dynamic':
      return `dynamic(${JSON.stringify(value)})`;
  }
}

const isInfix = (e: ScalarExpr): boolean =>
  e.kind === 'Membership' || (e.kind === 'Call' && !PREFIX_FUNCTIONS.has(e.fn) && e.fn !== 'dynamic_get');

function operand(e: ScalarExpr): string {
  const text = printScalarExpr(e);
  return isInfix(e) ? `(${text})` : text;
}

export function printScalarExpr(expr: ScalarExpr): string {
  switch (expr.kind) {
    case 'Column':
      return printName(expr.name);
    case 'Literal':
      return printLiteral(expr.type, expr.value);
    case 'Membership': {
      const list = expr.subquery !== null ? '(subquery)' : expr.values.map(printScalarExpr).join(', ');
      return `${operand(expr.left)} ${expr.op} (${list})`;
    }
    case 'Call':
      return printCall(expr.fn, expr.args);
  }
}

function printCall(fn: BuiltinId, args: readonly ScalarExpr[]): string {
  if (PREFIX_FUNCTIONS.has(fn)) return `${fn}(${args.map(printScalarExpr).join(', ')})`;
  switch (fn) {
    case 'negate':
      return `-${operand(args[0]!)}`;
    case 'between':
    case '!between':
      return `${operand(args[0]!)} ${fn} (${printScalarExpr(args[1]!)} .. ${printScalarExpr(args[2]!)})`;
    case 'dynamic_get': {
      const key = args[1]!;
      if (key.kind === 'Literal' && key.type === 'string' && PLAIN_NAME.test(String(key.value))) {
        return `${operand(args[0]!)}.${String(key.value)}`;
      }
      return `${operand(args[0]!)}[${printScalarExpr(key)}]`;
    }
    default:
      return `${operand(args[0]!)} ${fn} ${operand(args[1]!)}`;
  }
}
