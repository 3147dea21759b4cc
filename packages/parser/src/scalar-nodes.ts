import type { CstNode } from 'chevrotain';
import type { BinaryOperatorKind, Expression, InExpression, TypeOfExpression } from './ast.js';
import { AstBuilderBase } from './ast-builder-base.js';
import { child, joinSpans, nodes, token, tokens, tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';

/**
 * Scalar expressions, one visitor per precedence level of parser.ts (kql-semantics.md §5.1).
 */
export abstract class ScalarAstBuilder extends AstBuilderBase {
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
