import type { Diagnostic, WithDiagnostics } from '@kqlr/common/core';
import type { Query } from './ast.js';
import { tokenSpan } from './cst-access.js';
import { CstToAst } from './cst-to-ast.js';
import * as facts from './diagnostic-facts.js';
import { checkQueryLimits } from './limits.js';
import { kqlParser } from './parser.js';
import { SyntaxErrorMapper } from './syntax-errors.js';
import { kqlLexer } from './tokens.js';

/**
 * Parses one KQL query (statements plus a tabular expression). Never throws: lexical, syntax and
 * literal problems come back as diagnostics, sorted by position, next to a best-effort AST in which
 * unparsable parts are `ErrorExpression`s. The caller must not run a query with error diagnostics.
 */
export function parseQuery(text: string): WithDiagnostics<Query> {
  // Before the recursive-descent parser: a text over a limit (nesting depth...) would overflow the stack.
  const limits = checkQueryLimits(text);
  if (limits.length > 0) return { result: { kind: 'Query', span: { start: 0, end: text.length }, statements: [], body: null }, diagnostics: limits };
  const diagnostics: Diagnostic[] = [];
  try {
    const lexed = kqlLexer.tokenize(text);
    for (const e of lexed.errors) {
      const span = { start: e.offset, end: e.offset + e.length };
      diagnostics.push(facts.unexpectedCharacter(span, text.slice(span.start, span.end)));
    }
    for (const t of lexed.groups['errors'] ?? []) diagnostics.push(facts.blockComment(tokenSpan(t)));

    const parser = kqlParser();
    parser.input = lexed.tokens;
    const cst = parser.query();
    diagnostics.push(...new SyntaxErrorMapper(text, lexed.tokens).map(parser.errors));

    const query = new CstToAst(text, (d) => diagnostics.push(d)).visitQuery(cst);
    if (query.body === null && !diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push(facts.missingQueryBody({ start: text.length, end: text.length }));
    }
    return { result: query, diagnostics: sortByPosition(withoutCascades(diagnostics, text.length)) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    diagnostics.push(facts.internalError({ start: 0, end: text.length }, detail));
    return { result: { kind: 'Query', span: { start: 0, end: text.length }, statements: [], body: null }, diagnostics };
  }
}

/**
 * An unterminated string swallows the rest of its line, closing brackets included, so the parser
 * then also reports "expected ')' but found the end of the query". That follow-on error only
 * repeats the first one; drop it.
 */
function withoutCascades(diagnostics: Diagnostic[], textLength: number): Diagnostic[] {
  const unterminated = diagnostics.find((d) => d.code === 'unterminated-string');
  if (!unterminated) return diagnostics;
  return diagnostics.filter(
    (d) => !(d.code === 'syntax-error' && d.span.start === d.span.end && d.span.start >= unterminated.span.start && d.span.end <= textLength),
  );
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.span.start - b.d.span.start || a.i - b.i)
    .map(({ d }) => d);
}
