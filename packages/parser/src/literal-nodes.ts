import type { CstNode, IToken } from 'chevrotain';
import type { Diagnostic, DynamicValue, KqlType, ScalarValue, Span } from '@kqlr/common/core';
import type { Expression, LiteralExpression } from './ast.js';
import { child, nodes, nodeSpan, token, tokens, tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';
import {
  badNumberIssue,
  bracketedNameValue,
  dynamicFormOf,
  longValue,
  realValue,
  stringTokenValue,
  timespanLiteralValue,
  typedLiteralValue,
  type LiteralResult,
} from './literals.js';

export type Report = (d: Diagnostic) => void;

/**
 * Builds literal AST nodes from the `literal`, `signedLiteral` and `dynamicLiteral` CST rules. Values
 * are computed here (literals.ts) so later stages never re-parse literal text.
 */
export class LiteralBuilder {
  constructor(
    private readonly text: string,
    private readonly report: Report,
  ) {}

  private node(span: Span, type: KqlType, value: ScalarValue | DynamicValue): LiteralExpression {
    return { kind: 'LiteralExpression', span, type, value, text: this.text.slice(span.start, span.end) };
  }

  private unwrap<V>(result: LiteralResult<V>, span: Span): V | undefined {
    if (result.ok) return result.value;
    this.report(facts.literalIssue(result.issue, span));
    return undefined;
  }

  /** Joined value of adjacent string tokens (`"a" 'b' @"c"`). */
  stringValue(node: CstNode): string {
    let out = '';
    for (const t of tokens(node, 'StringLiteral')) {
      out += this.unwrap(stringTokenValue(t.tokenType.name, t.image), tokenSpan(t)) ?? '';
    }
    return out;
  }

  /** A scalar literal; `datetime()` becomes a call of `now()`; malformed text an ErrorExpression. */
  literal(node: CstNode, fallback: Span, negative = false): Expression {
    const span = nodeSpan(node, fallback);
    const strings = child(node, 'stringLiteral');
    if (strings) return this.node(span, 'string', this.stringValue(strings));
    const dynamic = child(node, 'dynamicLiteral');
    if (dynamic) return this.dynamic(dynamic, span);
    const t = token(node, 'NumberLiteral') ?? token(node, 'TimespanLiteral') ?? token(node, 'BadNumber');
    if (t) return this.number(t, span, negative);
    if (token(node, 'True')) return this.node(span, 'bool', true);
    if (token(node, 'False')) return this.node(span, 'bool', false);
    const typed = token(node, 'TypedLiteral');
    if (typed) {
      const v = this.unwrap(typedLiteralValue(typed.image), span);
      if (v === undefined) return { kind: 'ErrorExpression', span };
      if (v.type === 'now') {
        const name = { kind: 'Identifier' as const, span, name: 'now', bracketed: false };
        return { kind: 'FunctionCallExpression', span, name, arguments: [] };
      }
      return this.node(span, v.type, v.value);
    }
    return { kind: 'ErrorExpression', span };
  }

  private number(t: IToken, span: Span, negative: boolean): Expression {
    const type = t.tokenType.name;
    if (type === 'BadNumber') {
      this.report(facts.literalIssue(badNumberIssue(t.image), tokenSpan(t)));
      return { kind: 'ErrorExpression', span };
    }
    if (type === 'TimespanLiteral') {
      const v = this.unwrap(timespanLiteralValue(t.image), span);
      return v === undefined ? { kind: 'ErrorExpression', span } : this.node(span, 'timespan', negative ? -v : v);
    }
    if (type === 'RealLiteral') {
      const v = this.unwrap(realValue(t.image), span);
      return v === undefined ? { kind: 'ErrorExpression', span } : this.node(span, 'real', negative ? -v : v);
    }
    const v = this.unwrap(longValue(t.image, negative), span);
    return v === undefined ? { kind: 'ErrorExpression', span } : this.node(span, 'long', v);
  }

  /**
   * A `datatable` value (§4): a literal, optionally with a sign attached to a number or timespan.
   * Anything that is not a constant becomes a diagnostic and a null placeholder.
   */
  datatableValue(node: CstNode, fallback: Span): LiteralExpression {
    const span = nodeSpan(node, fallback);
    const placeholder = this.node(span, 'dynamic', null);
    const sign = token(node, 'Minus') ?? token(node, 'Plus');
    const lit = child(node, 'literal');
    if (!lit) return placeholder;
    const litSpan = nodeSpan(lit, span);
    if (sign) {
      const numeric = token(lit, 'NumberLiteral') ?? token(lit, 'TimespanLiteral') ?? token(lit, 'BadNumber');
      if (!numeric) {
        this.report(facts.invalidSignedLiteral(span, 'datatable'));
        return placeholder;
      }
      if (tokenSpan(sign).end !== litSpan.start) {
        this.report(facts.detachedSign(span));
        return placeholder;
      }
    }
    const value = this.literal(lit, span, sign?.image === '-');
    if (value.kind === 'LiteralExpression') return { ...value, span, text: this.text.slice(span.start, span.end) };
    if (value.kind === 'FunctionCallExpression') this.report(facts.datatableNotALiteral(span));
    return placeholder;
  }

  /** `dynamic(...)` with its own JSON-like rules (§1.2). */
  dynamic(node: CstNode, span: Span): LiteralExpression {
    const inner = child(node, 'jsonValue');
    return this.node(span, 'dynamic', inner ? this.jsonValue(inner, span) : null);
  }

  private jsonValue(node: CstNode, fallback: Span): DynamicValue {
    const span = nodeSpan(node, fallback);
    const array = child(node, 'jsonArray');
    if (array) return this.jsonArray(array, span);
    const object = child(node, 'jsonObject');
    if (object) return this.jsonObject(object, span);
    const scalar = child(node, 'jsonScalar');
    return scalar ? this.jsonScalar(scalar, span) : null;
  }

  /** One comma between elements; unlike datatable, no trailing comma (§1.2). */
  private checkCommas(commas: IToken[], elements: CstNode[], where: 'dynamic array' | 'dynamic object') {
    if (commas.length === Math.max(elements.length - 1, 0)) return;
    const lastComma = commas[commas.length - 1];
    const lastElement = elements[elements.length - 1];
    if (!lastComma) return;
    const trailing = lastElement !== undefined && lastComma.startOffset > nodeSpan(lastElement, tokenSpan(lastComma)).start;
    if (trailing && commas.length === elements.length) this.report(facts.dynamicTrailingComma(tokenSpan(lastComma)));
    else this.report(facts.emptyListElement(tokenSpan(lastComma), where));
  }

  private jsonArray(node: CstNode, span: Span): DynamicValue {
    const bracketed = token(node, 'BracketedName');
    if (bracketed) {
      // `["x"]` lexes as one token: an array of one string.
      return [this.unwrap(bracketedNameValue(bracketed.image), tokenSpan(bracketed)) ?? ''];
    }
    const values = nodes(node, 'jsonValue');
    this.checkCommas(tokens(node, 'Comma'), values, 'dynamic array');
    return values.map((v) => this.jsonValue(v, span));
  }

  private jsonObject(node: CstNode, span: Span): DynamicValue {
    const pairs = nodes(node, 'jsonPair');
    this.checkCommas(tokens(node, 'Comma'), pairs, 'dynamic object');
    const out: { [key: string]: DynamicValue } = {};
    for (const pair of pairs) {
      const keyNode = child(pair, 'stringLiteral');
      const keyName = token(pair, 'Name');
      let key = '';
      if (keyNode) key = this.stringValue(keyNode);
      else if (keyName) {
        this.report(facts.dynamicKeyNotQuoted(tokenSpan(keyName), keyName.image));
        key = keyName.image;
      }
      const value = child(pair, 'jsonValue');
      out[key] = value ? this.jsonValue(value, nodeSpan(pair, span)) : null;
    }
    return out;
  }

  private jsonScalar(node: CstNode, fallback: Span): DynamicValue {
    const span = nodeSpan(node, fallback);
    const sign = token(node, 'Minus') ?? token(node, 'Plus');
    const name = token(node, 'Name');
    const text = this.text.slice(span.start, span.end);
    if (name) {
      if (name.image === 'null' && !sign) return null;
      this.report(facts.invalidDynamicValue(span, text, 'names and function calls are not constants'));
      return null;
    }
    const lit = child(node, 'literal');
    if (!lit) return null;
    if (sign) {
      if (sign.image === '+' || !token(lit, 'NumberLiteral')) {
        this.report(facts.invalidSignedLiteral(span, 'dynamic'));
        return null;
      }
    }
    const typed = token(lit, 'TypedLiteral');
    if (typed) {
      const typeName = typed.image.slice(0, typed.image.indexOf('(')).trim();
      if (typeName === 'int' || typeName === 'decimal') {
        this.report(facts.invalidDynamicValue(span, text, `${typeName}(...) literals are not allowed in dynamic values`));
        return null;
      }
    }
    const value = this.literal(lit, span, sign?.image === '-');
    if (value.kind === 'FunctionCallExpression') {
      this.report(facts.invalidDynamicValue(span, text, 'datetime() means now and is not a constant'));
      return null;
    }
    if (value.kind !== 'LiteralExpression') return null;
    if (value.type === 'dynamic') return value.value as DynamicValue;
    return dynamicFormOf(value.type, value.value as ScalarValue) as DynamicValue;
  }
}
