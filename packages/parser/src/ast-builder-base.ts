import type { CstNode, IToken } from 'chevrotain';
import { TYPE_NAME_ALIASES, type KqlType, type Span } from '@kqlr/common/core';
import type { Expression, Identifier } from './ast.js';
import { nodeSpan, token, tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';
import { LiteralBuilder, type Report } from './literal-nodes.js';
import { bracketedNameValue } from './literals.js';

/**
 * Shared state and helpers of the CST -> AST visitor: spans, error placeholders, names and type
 * names. The visitor is split by concern: scalar-nodes.ts (expressions), cst-to-ast.ts
 * (statements and tabular operators), literal-nodes.ts (literals).
 */
export abstract class AstBuilderBase {
  protected readonly literals: LiteralBuilder;

  constructor(
    protected readonly text: string,
    protected readonly report: Report,
  ) {
    this.literals = new LiteralBuilder(text, report);
  }

  /** End of the last span computed: where a node without real tokens (after recovery) is placed. */
  protected lastEnd = 0;

  protected span(node: CstNode | undefined, fallback?: Span): Span {
    const here = fallback ?? { start: this.lastEnd, end: this.lastEnd };
    const span = node ? nodeSpan(node, here) : here;
    this.lastEnd = span.end;
    return span;
  }

  protected error(span: Span): Expression {
    return { kind: 'ErrorExpression', span };
  }

  // ---- names and types ----------------------------------------------------------------------------

  protected identifierFromToken(t: IToken): Identifier {
    const span = tokenSpan(t);
    if (t.tokenType.name === 'BracketedName') {
      const value = bracketedNameValue(t.image);
      if (!value.ok) this.report(facts.literalIssue(value.issue, span));
      return { kind: 'Identifier', span, name: value.ok ? value.value : '', bracketed: true };
    }
    return { kind: 'Identifier', span, name: t.image, bracketed: false };
  }

  protected missingName(span: Span): Identifier {
    return { kind: 'Identifier', span: { start: span.end, end: span.end }, name: '', bracketed: false };
  }

  protected getDeclName(node: CstNode): Identifier {
    const t = token(node, 'Name') ?? token(node, 'BracketedName') ?? token(node, 'Keyword');
    return t ? this.identifierFromToken(t) : this.missingName(this.span(node));
  }

  protected getTypeName(node: CstNode): Identifier {
    const t = token(node, 'TypeKeyword') ?? token(node, 'Name');
    return t ? this.identifierFromToken(t) : this.missingName(this.span(node));
  }

  protected resolveType(typeName: Identifier): KqlType | null {
    const type = Object.hasOwn(TYPE_NAME_ALIASES, typeName.name) ? TYPE_NAME_ALIASES[typeName.name]! : null;
    if (type === null) this.report(facts.invalidTypeName(typeName.span, typeName.name));
    return type;
  }

  /** Tabular expressions can appear inside scalar ones (`in (T | project x)`, `(T)`). */
  abstract visitPipeExpression(node: CstNode): Expression;
}
