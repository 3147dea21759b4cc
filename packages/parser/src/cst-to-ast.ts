import type { CstNode, IToken } from 'chevrotain';
import { TYPE_NAME_ALIASES, type Span } from '@kqlr/common';
import type {
  BinaryOperatorKind,
  ColumnDeclaration,
  DataTableExpression,
  Expression,
  Identifier,
  InExpression,
  LetStatement,
  NamedExpression,
  PrintOperator,
  ProjectAwayOperator,
  ProjectRenameOperator,
  Query,
  QueryOperator,
  SetStatement,
  SortKey,
  SortOperator,
  Statement,
  TypeOfExpression,
  UnionExpression,
} from './ast.js';
import { child, joinSpans, nodes, nodeSpan, token, tokens, tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';
import { LiteralBuilder, type Report } from './literal-nodes.js';
import { bracketedNameValue } from './literals.js';


/**
 * CST -> AST (style-examples.md §3: `visitX` returns an AST node, `getX` helper data). Purely
 * structural: names stay unresolved. Every node gets the span of its first to last real token.
 * After error recovery any child may be missing; the visitor then builds an `ErrorExpression` so
 * the binder types it `error` and reports nothing more about it.
 */
export class CstToAst {
  private readonly literals: LiteralBuilder;

  constructor(
    private readonly text: string,
    private readonly report: Report,
  ) {
    this.literals = new LiteralBuilder(text, report);
  }

  /** End of the last span computed: where a node without real tokens (after recovery) is placed. */
  private lastEnd = 0;

  private span(node: CstNode | undefined, fallback?: Span): Span {
    const here = fallback ?? { start: this.lastEnd, end: this.lastEnd };
    const span = node ? nodeSpan(node, here) : here;
    this.lastEnd = span.end;
    return span;
  }

  private error(span: Span): Expression {
    return { kind: 'ErrorExpression', span };
  }

  // ---- statements -------------------------------------------------------------------------------

  visitQuery(node: CstNode): Query {
    const statements: Statement[] = [];
    const lets = nodes(node, 'letStatement').map((n) => this.visitLetStatement(n));
    const sets = nodes(node, 'setStatement').map((n) => this.visitSetStatement(n));
    statements.push(...lets, ...sets);
    for (const stray of nodes(node, 'straySemicolon')) {
      const t = token(stray, 'Semicolon');
      if (t) this.report(facts.straySemicolon(tokenSpan(t)));
    }
    statements.sort((a, b) => a.span.start - b.span.start);
    const bodyNode = child(node, 'pipeExpression');
    const body = bodyNode ? this.visitPipeExpression(bodyNode) : null;
    const span: Span = { start: 0, end: this.text.length };
    return { kind: 'Query', span, statements, body };
  }

  private visitLetStatement(node: CstNode): LetStatement {
    const span = this.span(node);
    const nameNode = child(node, 'letName');
    const keyword = nameNode && token(nameNode, 'Keyword');
    if (keyword) this.report(facts.keywordAsName(tokenSpan(keyword), keyword.image));
    const value = child(node, 'pipeExpression');
    return {
      kind: 'LetStatement',
      span,
      name: nameNode ? this.getDeclName(nameNode) : this.missingName(span),
      value: value ? this.visitPipeExpression(value) : this.error({ start: span.end, end: span.end }),
    };
  }

  private visitSetStatement(node: CstNode): SetStatement {
    const span = this.span(node);
    const nameToken = token(node, 'Name');
    const value = child(node, 'orExpression');
    return {
      kind: 'SetStatement',
      span,
      name: nameToken ? this.identifierFromToken(nameToken) : this.missingName(span),
      value: value ? this.visitOrExpression(value) : null,
    };
  }

  // ---- names ------------------------------------------------------------------------------------

  private identifierFromToken(t: IToken): Identifier {
    const span = tokenSpan(t);
    if (t.tokenType.name === 'BracketedName') {
      const value = bracketedNameValue(t.image);
      if (!value.ok) this.report(facts.literalIssue(value.issue, span));
      return { kind: 'Identifier', span, name: value.ok ? value.value : '', bracketed: true };
    }
    return { kind: 'Identifier', span, name: t.image, bracketed: false };
  }

  private missingName(span: Span): Identifier {
    return { kind: 'Identifier', span: { start: span.end, end: span.end }, name: '', bracketed: false };
  }

  private getDeclName(node: CstNode): Identifier {
    const t = token(node, 'Name') ?? token(node, 'BracketedName') ?? token(node, 'Keyword');
    return t ? this.identifierFromToken(t) : this.missingName(this.span(node));
  }

  // ---- tabular ----------------------------------------------------------------------------------

  visitPipeExpression(node: CstNode): Expression {
    const span = this.span(node);
    const sourceNode = child(node, 'pipeSource');
    const source = sourceNode ? this.visitPipeSource(sourceNode) : this.error(span);
    const operators = nodes(node, 'queryOperator')
      .map((n) => this.visitQueryOperator(n))
      .filter((op): op is QueryOperator => op !== null);
    if (operators.length === 0 && tokens(node, 'Pipe').length === 0) return source;
    return { kind: 'PipeExpression', span, source, operators };
  }

  private visitPipeSource(node: CstNode): Expression {
    const dataTable = child(node, 'dataTable');
    if (dataTable) return this.visitDataTable(dataTable);
    const print = child(node, 'print');
    if (print) return this.visitPrint(print);
    const union = child(node, 'union');
    if (union) return { kind: 'UnionExpression', span: this.span(union), ...this.getUnionParts(union) } satisfies UnionExpression;
    const expr = child(node, 'orExpression');
    return expr ? this.visitOrExpression(expr) : this.error(this.span(node));
  }

  private visitQueryOperator(node: CstNode): QueryOperator | null {
    const [ruleName, elements] = Object.entries(node.children)[0] ?? [];
    const op = elements?.[0] as CstNode | undefined;
    if (!op || !ruleName || op.children === undefined) return null;
    const span = this.span(op);
    switch (ruleName) {
      case 'whereOperator': {
        const condition = child(op, 'orExpression');
        return {
          kind: 'FilterOperator',
          span,
          keyword: token(op, 'Filter') ? 'filter' : 'where',
          condition: condition ? this.visitOrExpression(condition) : this.error({ start: span.end, end: span.end }),
        };
      }
      case 'extendOperator':
        return { kind: 'ExtendOperator', span, expressions: this.getNamedExpressions(op) };
      case 'projectOperator':
        return { kind: 'ProjectOperator', span, expressions: this.getNamedExpressions(op) };
      case 'projectAwayOperator':
        return this.visitProjectAway(op, span);
      case 'projectRenameOperator':
        return this.visitProjectRename(op, span);
      case 'sortOperator':
        return this.visitSort(op, span);
      case 'takeOperator': {
        const count = child(op, 'orExpression');
        return {
          kind: 'TakeOperator',
          span,
          keyword: token(op, 'Limit') ? 'limit' : 'take',
          count: count ? this.visitOrExpression(count) : this.error({ start: span.end, end: span.end }),
        };
      }
      case 'countOperator':
        return { kind: 'CountOperator', span };
      case 'union':
        return { kind: 'UnionOperator', span, ...this.getUnionParts(op) };
      default:
        return null;
    }
  }

  private getNamedExpressions(node: CstNode): NamedExpression[] {
    return nodes(node, 'namedExpression').map((n) => this.visitNamedExpression(n));
  }

  private visitNamedExpression(node: CstNode): NamedExpression {
    const span = this.span(node);
    const nameNode = child(node, 'declName');
    const expr = child(node, 'orExpression');
    return {
      kind: 'NamedExpression',
      span,
      name: nameNode ? this.getDeclName(nameNode) : null,
      expression: expr ? this.visitOrExpression(expr) : this.error({ start: span.end, end: span.end }),
    };
  }

  private visitProjectAway(node: CstNode, span: Span): ProjectAwayOperator {
    const columns = nodes(node, 'columnPattern').map((pattern) => {
      const parts = [...tokens(pattern, 'Name'), ...tokens(pattern, 'BracketedName'), ...tokens(pattern, 'Star')].sort(
        (a, b) => a.startOffset - b.startOffset,
      );
      const patternSpan = this.span(pattern, span);
      let name = '';
      const mixesBrackets = parts.length > 1 && parts.some((p) => p.tokenType.name === 'BracketedName');
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        if (i > 0 && (mixesBrackets || tokenSpan(parts[i - 1]!).end !== part.startOffset)) {
          this.report(facts.invalidColumnPattern(patternSpan));
          break;
        }
        name += part.tokenType.name === 'BracketedName' ? this.identifierFromToken(part).name : part.image;
      }
      const bracketed = parts.length === 1 && parts[0]!.tokenType.name === 'BracketedName';
      const pattern_ = parts.some((p) => p.tokenType.name === 'Star');
      return { name: { kind: 'Identifier' as const, span: patternSpan, name, bracketed }, pattern: pattern_ };
    });
    return { kind: 'ProjectAwayOperator', span, columns };
  }

  private visitProjectRename(node: CstNode, span: Span): ProjectRenameOperator {
    const renames = nodes(node, 'renameItem').map((item) => {
      const itemSpan = this.span(item, span);
      const names = nodes(item, 'declName');
      return {
        newName: names[0] ? this.getDeclName(names[0]) : this.missingName(itemSpan),
        oldName: names[1] ? this.getDeclName(names[1]) : this.missingName(itemSpan),
        span: itemSpan,
      };
    });
    return { kind: 'ProjectRenameOperator', span, renames };
  }

  private visitSort(node: CstNode, span: Span): SortOperator {
    const keys = nodes(node, 'sortKey').map((k): SortKey => {
      const keySpan = this.span(k, span);
      const expr = child(k, 'orExpression');
      return {
        kind: 'SortKey',
        span: keySpan,
        expression: expr ? this.visitOrExpression(expr) : this.error(keySpan),
        direction: token(k, 'Asc') ? 'asc' : token(k, 'Desc') ? 'desc' : null,
        nulls: token(k, 'First') ? 'first' : token(k, 'Last') ? 'last' : null,
      };
    });
    return { kind: 'SortOperator', span, keyword: token(node, 'Order') ? 'order' : 'sort', keys };
  }

  private getUnionParts(node: CstNode): Pick<UnionExpression, 'unionKind' | 'withSource' | 'legs'> {
    let unionKind: 'inner' | 'outer' = 'outer';
    let withSource: Identifier | null = null;
    let sawKind = false;
    for (const option of nodes(node, 'unionOption')) {
      const optionSpan = this.span(option);
      const kindValue = token(option, 'Name');
      if (token(option, 'Kind')) {
        if (sawKind) this.report(facts.duplicateUnionOption(optionSpan, 'kind'));
        sawKind = true;
        if (kindValue?.image === 'inner' || kindValue?.image === 'outer') unionKind = kindValue.image;
        else if (kindValue) this.report(facts.invalidUnionKind(tokenSpan(kindValue), kindValue.image));
      } else {
        const name = child(option, 'declName');
        if (withSource) this.report(facts.duplicateUnionOption(optionSpan, 'withsource'));
        if (name) withSource = this.getDeclName(name);
      }
    }
    const legs = nodes(node, 'unionLeg').map((leg): Expression => {
      const legSpan = this.span(leg);
      const name = child(leg, 'declName');
      if (name) return { kind: 'NameReference', span: legSpan, name: this.getDeclName(name) };
      const inner = child(leg, 'pipeExpression');
      return {
        kind: 'ParenthesizedExpression',
        span: legSpan,
        expression: inner ? this.visitPipeExpression(inner) : this.error(legSpan),
      };
    });
    return { unionKind, withSource, legs };
  }

  private visitDataTable(node: CstNode): DataTableExpression {
    const span = this.span(node);
    const columns = nodes(node, 'columnDeclaration').map((c) => this.visitColumnDeclaration(c));
    const single = token(node, 'BracketedName');
    let values;
    if (single) {
      const s = tokenSpan(single);
      const name = this.identifierFromToken(single);
      values = [{ kind: 'LiteralExpression' as const, span: s, type: 'string' as const, value: name.name, text: single.image }];
    } else {
      const valueNodes = nodes(node, 'signedLiteral');
      values = valueNodes.map((v) => this.literals.datatableValue(v, span));
      const open = token(node, 'LBracket');
      const commas = tokens(node, 'Comma').filter((c) => open !== undefined && c.startOffset > open.startOffset);
      const last = values[values.length - 1];
      const trailing = commas.length > 0 && last !== undefined && commas[commas.length - 1]!.startOffset >= last.span.end;
      // One comma between values, plus an optional trailing one (allowed: doc example).
      if (commas.length - (trailing ? 1 : 0) !== Math.max(values.length - 1, 0)) {
        const extra = commas[commas.length - 1];
        this.report(facts.emptyListElement(extra ? tokenSpan(extra) : span, 'datatable'));
      }
    }
    if (columns.length > 0 && values.length % columns.length !== 0) {
      this.report(facts.datatableValueCount(span, values.length, columns.length));
    }
    return { kind: 'DataTableExpression', span, columns, values };
  }

  private visitColumnDeclaration(node: CstNode): ColumnDeclaration {
    const span = this.span(node);
    const nameNode = child(node, 'declName');
    const typeNode = child(node, 'typeName');
    const typeName = typeNode ? this.getTypeName(typeNode) : this.missingName(span);
    return {
      kind: 'ColumnDeclaration',
      span,
      name: nameNode ? this.getDeclName(nameNode) : this.missingName(span),
      typeName,
      type: typeName.name === '' ? null : this.resolveType(typeName),
    };
  }

  private getTypeName(node: CstNode): Identifier {
    const t = token(node, 'TypeKeyword') ?? token(node, 'Name');
    return t ? this.identifierFromToken(t) : this.missingName(this.span(node));
  }

  private resolveType(typeName: Identifier) {
    const type = Object.hasOwn(TYPE_NAME_ALIASES, typeName.name) ? TYPE_NAME_ALIASES[typeName.name]! : null;
    if (type === null) this.report(facts.invalidTypeName(typeName.span, typeName.name));
    return type;
  }

  private visitPrint(node: CstNode): PrintOperator {
    return { kind: 'PrintOperator', span: this.span(node), expressions: this.getNamedExpressions(node) };
  }

  // ---- scalar -----------------------------------------------------------------------------------

  /**
   * Left-folds `operand (op operand)*` into BinaryExpressions. For the non-chaining levels (§5.1)
   * every operator after the first is reported; the tree is still built so later errors show.
   */
  private fold(
    node: CstNode,
    operandKey: string,
    operatorKey: string,
    visit: (n: CstNode) => Expression,
    chains = true,
  ): Expression {
    const operands = nodes(node, operandKey);
    const operators = tokens(node, operatorKey);
    const first = operands[0];
    let left = first ? visit(first) : this.error(this.span(node));
    for (let i = 0; i < operators.length; i++) {
      const operator = operators[i]!;
      const rightNode = operands[i + 1];
      const operatorSpan = tokenSpan(operator);
      if (!chains && i > 0) this.report(facts.chainedComparison(operatorSpan, operator.image));
      const right = rightNode ? visit(rightNode) : this.error({ start: operatorSpan.end, end: operatorSpan.end });
      left = {
        kind: 'BinaryExpression',
        span: joinSpans(left.span, joinSpans(operatorSpan, right.span)),
        operator: operator.image as BinaryOperatorKind,
        operatorSpan,
        left,
        right,
      };
    }
    return left;
  }

  visitOrExpression(node: CstNode): Expression {
    return this.fold(node, 'andExpression', 'Or', (n) => this.visitAndExpression(n));
  }

  private visitAndExpression(node: CstNode): Expression {
    return this.fold(node, 'equalityExpression', 'And', (n) => this.visitEqualityExpression(n));
  }

  private visitEqualityExpression(node: CstNode): Expression {
    const leftNode = child(node, 'relationalExpression');
    let left = leftNode ? this.visitRelationalExpression(leftNode) : this.error(this.span(node));
    nodes(node, 'equalityTail').forEach((tail, i) => {
      left = this.visitEqualityTail(tail, left, i > 0);
    });
    return left;
  }

  /** One level-3 operator applied to `left`; `chained` when it follows another one (an error). */
  private visitEqualityTail(node: CstNode, left: Expression, chained: boolean): Expression {
    const tailSpan = this.span(node);
    const span = joinSpans(left.span, tailSpan);
    const operator = token(node, 'EqualityOperator') ?? token(node, 'InOperator') ?? token(node, 'BetweenOperator');
    if (chained && operator) this.report(facts.chainedComparison(tokenSpan(operator), operator.image));
    const equality = token(node, 'EqualityOperator');
    if (equality) {
      const rightNode = child(node, 'relationalExpression');
      const operatorSpan = tokenSpan(equality);
      const right = rightNode ? this.visitRelationalExpression(rightNode) : this.error({ start: operatorSpan.end, end: operatorSpan.end });
      return { kind: 'BinaryExpression', span, operator: equality.image as BinaryOperatorKind, operatorSpan, left, right };
    }
    const inOp = token(node, 'InOperator');
    if (inOp) {
      const listNode = child(node, 'expressionList');
      const list = listNode ? nodes(listNode, 'pipeExpression').map((e) => this.visitPipeExpression(e)) : [];
      return { kind: 'InExpression', span, operator: inOp.image as InExpression['operator'], left, list };
    }
    const between = token(node, 'BetweenOperator');
    const bounds = nodes(node, 'orExpression');
    return {
      kind: 'BetweenExpression',
      span,
      negated: between?.image.startsWith('!') ?? false,
      left,
      low: bounds[0] ? this.visitOrExpression(bounds[0]) : this.error({ start: tailSpan.end, end: tailSpan.end }),
      high: bounds[1] ? this.visitOrExpression(bounds[1]) : this.error({ start: tailSpan.end, end: tailSpan.end }),
    };
  }

  private visitRelationalExpression(node: CstNode): Expression {
    return this.fold(node, 'additiveExpression', 'RelationalOperator', (n) => this.visitAdditiveExpression(n), false);
  }

  private visitAdditiveExpression(node: CstNode): Expression {
    return this.fold(node, 'multiplicativeExpression', 'AdditiveOperator', (n) => this.visitMultiplicativeExpression(n));
  }

  private visitMultiplicativeExpression(node: CstNode): Expression {
    return this.fold(node, 'stringOpExpression', 'MultiplicativeOperator', (n) => this.visitStringOpExpression(n));
  }

  private visitStringOpExpression(node: CstNode): Expression {
    return this.fold(node, 'unaryExpression', 'StringOperator', (n) => this.visitUnaryExpression(n), false);
  }

  private visitUnaryExpression(node: CstNode): Expression {
    const span = this.span(node);
    const operandNode = child(node, 'postfixExpression');
    const operand = operandNode ? this.visitPostfixExpression(operandNode) : this.error(span);
    const sign = token(node, 'Minus') ?? token(node, 'Plus');
    if (!sign) return operand;
    return { kind: 'UnaryExpression', span, operator: sign.image === '-' ? '-' : '+', operand };
  }

  private visitPostfixExpression(node: CstNode): Expression {
    const primaryNode = child(node, 'primaryExpression');
    let target = primaryNode ? this.visitPrimaryExpression(primaryNode) : this.error(this.span(node));
    const selectors = [...nodes(node, 'pathSelector'), ...nodes(node, 'elementSelector')]
      .map((n) => ({ n, span: this.span(n, target.span) }))
      .sort((a, b) => a.span.start - b.span.start);
    for (const { n, span: selectorSpan } of selectors) {
      const span = joinSpans(target.span, selectorSpan);
      if (n.name === 'pathSelector') {
        const t = token(n, 'Name') ?? token(n, 'BracketedName');
        target = { kind: 'PathExpression', span, target, selector: t ? this.identifierFromToken(t) : this.missingName(span) };
        continue;
      }
      const bracketed = token(n, 'BracketedName');
      if (bracketed) {
        const key = this.identifierFromToken(bracketed);
        const index = { kind: 'LiteralExpression' as const, span: key.span, type: 'string' as const, value: key.name, text: bracketed.image };
        target = { kind: 'ElementExpression', span, target, index };
        continue;
      }
      const indexNode = child(n, 'orExpression');
      target = { kind: 'ElementExpression', span, target, index: indexNode ? this.visitOrExpression(indexNode) : this.error(span) };
    }
    return target;
  }

  private visitPrimaryExpression(node: CstNode): Expression {
    const span = this.span(node);
    const typeofNode = child(node, 'typeofExpression');
    if (typeofNode) return this.visitTypeof(typeofNode);
    const literal = child(node, 'literal');
    if (literal) return this.literals.literal(literal, span);
    const call = child(node, 'nameOrCall');
    if (call) return this.visitNameOrCall(call);
    const bracketed = token(node, 'BracketedName');
    if (bracketed) return { kind: 'NameReference', span, name: this.identifierFromToken(bracketed) };
    const inner = child(node, 'pipeExpression');
    // A node emptied by recovery has neither a '(' nor an expression: it is an error placeholder.
    if (!inner && !token(node, 'LParen')) return this.error(span);
    return { kind: 'ParenthesizedExpression', span, expression: inner ? this.visitPipeExpression(inner) : this.error(span) };
  }

  private visitTypeof(node: CstNode): TypeOfExpression {
    const span = this.span(node);
    const typeNode = child(node, 'typeName');
    const typeName = typeNode ? this.getTypeName(typeNode) : this.missingName(span);
    return { kind: 'TypeOfExpression', span, typeName, type: typeName.name === '' ? null : this.resolveType(typeName) };
  }

  private visitNameOrCall(node: CstNode): Expression {
    const span = this.span(node);
    const nameToken = token(node, 'Name');
    if (!nameToken) return this.error(span);
    const name = this.identifierFromToken(nameToken);
    if (!token(node, 'LParen')) return { kind: 'NameReference', span, name };
    const args = nodes(node, 'pipeExpression').map((a) => this.visitPipeExpression(a));
    return { kind: 'FunctionCallExpression', span, name, arguments: args };
  }
}
