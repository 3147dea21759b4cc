import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import { tokenMatcher } from './chevrotain-runtime.js';
import { TIMESPAN_UNITS, type Diagnostic, type Span } from '@kqlr/common/core';
import { isRealToken, tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';
import { expectedTokenTypes } from './parser.js';
import * as T from './tokens.js';

/**
 * Turns chevrotain recognition errors into diagnostics with a span on the offending token and,
 * where the mistake is a known one (§7 must-fail list), a specific code and an actionable hint.
 */

/** Operators that cannot follow a complete operand of the same (non-chaining) level (§5.1). */
const NON_CHAINING: TokenType[] = [T.EqualityOperator, T.InOperator, T.BetweenOperator, T.RelationalOperator, T.StringOperator];

/** Tokens after which an operand is complete (an operator would be a binary operator). */
const OPERAND_ENDS: TokenType[] = [
  T.Name, T.BracketedName, T.NumberLiteral, T.TimespanLiteral, T.StringLiteral, T.TypedLiteral, T.True, T.False,
  T.RParen, T.RBracket, T.BadNumber,
];

/** Keywords that start a tabular source rather than name something. */
const SOURCE_KEYWORDS: TokenType[] = [T.DataTable, T.Print, T.Union];

function matchesAny(t: IToken, types: TokenType[]): boolean {
  return types.some((type) => tokenMatcher(t, type));
}

/** A hard keyword spelled as a word (`kind`, `desc`, `has_any`), which could be meant as a name. */
function isHardWordKeyword(t: IToken): boolean {
  return tokenMatcher(t, T.Keyword) && /^[a-z][a-z_-]*$/i.test(t.image);
}

export class SyntaxErrorMapper {
  constructor(
    private readonly text: string,
    private readonly tokens: IToken[],
  ) {}

  /** The real token just before `offset`, for context-dependent hints. */
  private previousToken(offset: number): IToken | undefined {
    let lo = 0;
    let hi = this.tokens.length - 1;
    let found: IToken | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid]!;
      if (t.startOffset < offset) {
        found = t;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Zero-width span after the last token: where the "end of query" errors point. */
  private endSpan(): Span {
    const last = this.tokens[this.tokens.length - 1];
    const end = last ? tokenSpan(last).end : this.text.length;
    return { start: end, end };
  }

  map(errors: IRecognitionException[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const e of errors) {
      const d = this.mapOne(e);
      const key = `${d.span.start}:${d.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
    return out;
  }

  private mapOne(e: IRecognitionException): Diagnostic {
    const t = e.token;
    if (!isRealToken(t) || t.tokenType.name === 'EOF') {
      return facts.syntaxError(this.endSpan(), e.message, 'The query ends too early: complete the last operator or expression.');
    }
    const span = tokenSpan(t);
    const previous = this.previousToken(t.startOffset);
    if (t.tokenType === T.BadNegation) return facts.invalidNegation(span, t.image);
    // A complete operand followed by an operator the grammar did not take: the operator repeats a
    // non-chaining level. (Where a name was expected instead, e.g. `extend has = 1`, the error is a
    // no-viable-alternative one and is handled below.)
    const leftover = e.name === 'NotAllInputParsedException' || e.name === 'MismatchedTokenException';
    if (leftover && matchesAny(t, NON_CHAINING) && previous && matchesAny(previous, OPERAND_ENDS)) {
      return facts.chainedComparison(span, t.image);
    }
    if (SOURCE_KEYWORDS.includes(t.tokenType) && previous && (previous.tokenType === T.Union || previous.tokenType === T.Comma)) {
      return facts.syntaxError(span, e.message, `A ${t.image} leg of a union needs parentheses: union (${t.image} ...), T.`);
    }
    if (isHardWordKeyword(t) && expectedTokenTypes(t).some((x) => x === T.Name || x === T.BracketedName)) {
      return facts.keywordAsName(span, t.image);
    }
    if ((t.tokenType === T.Minus || t.tokenType === T.Plus) && previous && (previous.tokenType === T.Minus || previous.tokenType === T.Plus)) {
      return facts.repeatedUnary(span);
    }
    return facts.syntaxError(span, e.message, this.hint(t, previous));
  }

  private hint(t: IToken, previous: IToken | undefined): string | undefined {
    const expected = expectedTokenTypes(t);
    if (t.image === '=') return "Use '==' to compare; a single '=' only names a result column (extend x = ...).";
    if (/^(AND|OR|NOT|And|Or|Not)$/.test(t.image)) return `Keywords are case-sensitive: write '${t.image.toLowerCase()}'.`;
    if (previous?.image === 'not') return "'not' is a function: write not(x).";
    if (t.image === '|' && previous?.image === '|') return "KQL has no '||': use 'or'.";
    if (t.tokenType === T.Pipe && (previous === undefined || previous.tokenType === T.Semicolon)) {
      return "A query starts with a table name or source (datatable, print, union), not with '|'.";
    }
    if (t.tokenType === T.Semicolon && (previous === undefined || previous.tokenType === T.Semicolon)) {
      return "Remove the extra ';': statements are separated by exactly one ';'.";
    }
    if (t.image === 'null') return 'A bare null is not a value: write a typed null such as long(null) or datetime(null).';
    if (previous && tokenMatcher(previous, T.InOperator) && expected.includes(T.LParen)) {
      return `The list after ${previous.image} must be in parentheses, also for a single let name: ${previous.image} (L).`;
    }
    if (previous?.tokenType === T.LongLiteral && t.tokenType === T.Identifier && TIMESPAN_UNITS.includes(t.image)) {
      return `Write the unit right after the number, without a space: ${previous.image}${t.image}.`;
    }
    if (expected.length === 1 && expected[0] === T.Semicolon) return "End each let and set statement with ';'.";
    if (expected.length === 0 && tokenMatcher(t, T.Name) && previous && matchesAny(previous, OPERAND_ENDS)) {
      return "Two expressions follow each other: is a ',' or an operator missing?";
    }
    return undefined;
  }
}
