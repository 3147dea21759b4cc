import { describe, expect, it } from 'vitest';
import type { Span } from '@kqlr/common';
import { parse } from './test-helpers.js';

/** Collects `kind -> source text` for every node of the tree, in visiting order. */
function texts(text: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { kind?: string; span?: Span; operatorSpan?: Span } & Record<string, unknown>;
    if (typeof n.kind === 'string' && n.span && n.kind !== 'Query') out.push(`${n.kind}:${text.slice(n.span.start, n.span.end)}`);
    if (n.operatorSpan) out.push(`operator:${text.slice(n.operatorSpan.start, n.operatorSpan.end)}`);
    for (const [k, v] of Object.entries(n)) if (k !== 'span' && k !== 'operatorSpan') walk(v);
  };
  walk(parse(text));
  return out;
}

describe('node spans cover exactly their source text', () => {
  it('let, dynamic, pipe, where, binary operators', () => {
    expect(texts('let L = dynamic(["a"]);\nT | where x  >  1')).toEqual([
      'LetStatement:let L = dynamic(["a"])',
      'Identifier:L',
      'LiteralExpression:dynamic(["a"])',
      'PipeExpression:T | where x  >  1',
      'NameReference:T',
      'Identifier:T',
      'FilterOperator:where x  >  1',
      'BinaryExpression:x  >  1',
      'operator:>',
      'NameReference:x',
      'Identifier:x',
      'LiteralExpression:1',
    ]);
  });

  it('extend with names, calls, paths and elements', () => {
    expect(texts("T | extend ['a b'] = f(o.k[0])")).toEqual([
      "PipeExpression:T | extend ['a b'] = f(o.k[0])",
      'NameReference:T',
      'Identifier:T',
      "ExtendOperator:extend ['a b'] = f(o.k[0])",
      "NamedExpression:['a b'] = f(o.k[0])",
      "Identifier:['a b']",
      'FunctionCallExpression:f(o.k[0])',
      'Identifier:f',
      'ElementExpression:o.k[0]',
      'PathExpression:o.k',
      'NameReference:o',
      'Identifier:o',
      'Identifier:k',
      'LiteralExpression:0',
    ]);
  });

  it('in, between, unary, parentheses', () => {
    expect(texts('print -(a) in ("x", "y" "z"), b !between (1 .. 2)')).toEqual([
      'PrintOperator:print -(a) in ("x", "y" "z"), b !between (1 .. 2)',
      'NamedExpression:-(a) in ("x", "y" "z")',
      'InExpression:-(a) in ("x", "y" "z")',
      'UnaryExpression:-(a)',
      'ParenthesizedExpression:(a)',
      'NameReference:a',
      'Identifier:a',
      'LiteralExpression:"x"',
      'LiteralExpression:"y" "z"',
      'NamedExpression:b !between (1 .. 2)',
      'BetweenExpression:b !between (1 .. 2)',
      'NameReference:b',
      'Identifier:b',
      'LiteralExpression:1',
      'LiteralExpression:2',
    ]);
  });

  it('datatable, sort keys, union legs', () => {
    expect(texts('union (datatable(a:long)[-1, 2,]), U | sort by a asc nulls last')).toEqual([
      'PipeExpression:union (datatable(a:long)[-1, 2,]), U | sort by a asc nulls last',
      'UnionExpression:union (datatable(a:long)[-1, 2,]), U',
      'ParenthesizedExpression:(datatable(a:long)[-1, 2,])',
      'DataTableExpression:datatable(a:long)[-1, 2,]',
      'ColumnDeclaration:a:long',
      'Identifier:a',
      'Identifier:long',
      'LiteralExpression:-1',
      'LiteralExpression:2',
      'NameReference:U',
      'Identifier:U',
      'SortOperator:sort by a asc nulls last',
      'SortKey:a asc nulls last',
      'NameReference:a',
      'Identifier:a',
    ]);
  });
});
