import { LineMap, type Diagnostic } from '@kqlr/common/core';
import type { Expression, LiteralExpression, Query } from './ast.js';
import { parseQuery } from './parse-query.js';
import { printAst } from './print-ast.js';

/** Test-only helpers (excluded from the build). */

export class UnexpectedDiagnostics extends Error {}

/** Parses a query that must be valid and returns its printed AST. */
export function ast(text: string): string {
  const { result, diagnostics } = parseQuery(text);
  if (diagnostics.length > 0) {
    throw new UnexpectedDiagnostics(`${text}\n${diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`);
  }
  return printAst(result);
}

/** The single expression of `print <text>`, which must be valid. */
export function expression(text: string): Expression {
  const { result, diagnostics } = parseQuery(`print ${text}`);
  if (diagnostics.length > 0) {
    throw new UnexpectedDiagnostics(`${text}\n${diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`);
  }
  const body = result.body;
  if (body?.kind !== 'PrintOperator' || body.expressions.length !== 1) throw new Error(`not one print expression: ${text}`);
  return body.expressions[0]!.expression;
}

/** Printed form of the single expression of `print <text>`. */
export function expr(text: string): string {
  return printAst(expression(text));
}

/** The literal of `print <text>`, which must be a LiteralExpression. */
export function literal(text: string): LiteralExpression {
  const e = expression(text);
  if (e.kind !== 'LiteralExpression') throw new Error(`not a literal: ${text} (${e.kind})`);
  return e;
}

/** The error codes of a query (empty when it is valid). */
export function codes(text: string): string[] {
  return parseQuery(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}

export function diagnostics(text: string): Diagnostic[] {
  return parseQuery(text).diagnostics;
}

/** `code@line:column` of every diagnostic, for position tests. */
export function located(text: string): string[] {
  const map = new LineMap(text);
  return parseQuery(text).diagnostics.map((d) => {
    const { line, column } = map.locate(d.span.start);
    return `${d.code}@${line}:${column}`;
  });
}

export function parse(text: string): Query {
  return parseQuery(text).result;
}
