import type { CstNode } from 'chevrotain';
import type { Span } from '@kqlr/common/core';
import type {
  ColumnDeclaration,
  DataTableExpression,
  Expression,
  Identifier,
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
  UnionExpression,
} from './ast.js';
import { child, nodes, nodeSpan, token, tokens, tokenSpan } from './cst-access.js';
import * as facts from './diagnostic-facts.js';
import { ScalarAstBuilder } from './scalar-nodes.js';

/**
 * CST -> AST (style-examples.md §3: `visitX` returns an AST node, `getX` helper data): statements
 * and tabular operators here, scalar expressions in scalar-nodes.ts. Purely structural: names stay
 * unresolved. Every node gets the span of its first to last real token. After error recovery any
 * child may be missing; the visitor then builds an `ErrorExpression` so the binder types it `error`
 * and reports nothing more about it.
 */
export class CstToAst extends ScalarAstBuilder {
  // ---- statements -------------------------------------------------------------------------------

  visitQuery(node: CstNode): Query {
    // Visit statements in text order (they sit under two CST keys) so fallback spans stay ordered.
    const statementNodes = [...nodes(node, 'letStatement'), ...nodes(node, 'setStatement'), ...nodes(node, 'straySemicolon')];
    statementNodes.sort((a, b) => this.startOf(a) - this.startOf(b));
    const statements: Statement[] = [];
    for (const n of statementNodes) {
      if (n.name === 'letStatement') statements.push(this.visitLetStatement(n));
      else if (n.name === 'setStatement') statements.push(this.visitSetStatement(n));
      else {
        const t = token(n, 'Semicolon');
        if (t) this.report(facts.straySemicolon(tokenSpan(t)));
      }
    }
    const bodyNode = child(node, 'pipeExpression');
    const body = bodyNode ? this.visitPipeExpression(bodyNode) : null;
    const span: Span = { start: 0, end: this.text.length };
    return { kind: 'Query', span, statements, body };
  }

  private startOf(node: CstNode): number {
    return nodeSpan(node, { start: Infinity, end: Infinity }).start;
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

  private visitPrint(node: CstNode): PrintOperator {
    return { kind: 'PrintOperator', span: this.span(node), expressions: this.getNamedExpressions(node) };
  }

}
