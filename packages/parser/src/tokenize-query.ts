import type { Diagnostic, Span, WithDiagnostics } from '@kqlr/common/core';
import { tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';
import { kqlLexer } from './tokens.js';

/** One lexed token, for `debug tokens` and editor tooling. */
export interface TokenInfo {
  /** The token type name from tokens.ts (`Identifier`, `Where`, `TimespanLiteral`, ...). */
  type: string;
  text: string;
  span: Span;
}

/**
 * The token stream of a query (whitespace and comments skipped), with lexical diagnostics only
 * (unexpected characters, block comments). Never throws.
 */
export function tokenizeQuery(text: string): WithDiagnostics<TokenInfo[]> {
  const lexed = kqlLexer.tokenize(text);
  const diagnostics: Diagnostic[] = lexed.errors.map((e) =>
    facts.unexpectedCharacter({ start: e.offset, end: e.offset + e.length }, text.slice(e.offset, e.offset + e.length)),
  );
  for (const t of lexed.groups['errors'] ?? []) diagnostics.push(facts.blockComment(tokenSpan(t)));
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  const result = lexed.tokens.map((t) => ({ type: t.tokenType.name, text: t.image, span: tokenSpan(t) }));
  return { result, diagnostics };
}
