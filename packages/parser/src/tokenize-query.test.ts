import { describe, expect, it } from 'vitest';
import { tokenizeQuery } from './tokenize-query.js';

const types = (text: string) => tokenizeQuery(text).result.map((t) => `${t.type}:${t.text}`);

describe('tokenizeQuery', () => {
  it('skips whitespace and comments and keeps spans', () => {
    const { result, diagnostics } = tokenizeQuery('T // c\n| where x');
    expect(diagnostics).toEqual([]);
    expect(result).toEqual([
      { type: 'Identifier', text: 'T', span: { start: 0, end: 1 } },
      { type: 'Pipe', text: '|', span: { start: 7, end: 8 } },
      { type: 'Where', text: 'where', span: { start: 9, end: 14 } },
      { type: 'Identifier', text: 'x', span: { start: 15, end: 16 } },
    ]);
  });

  it('multi-character operators are one token each', () => {
    expect(types('a !in~ b !has_cs c =~ d matches regex e project-away')).toEqual([
      'Identifier:a', 'NotInTilde:!in~', 'Identifier:b', 'Op_not_has_cs:!has_cs', 'Identifier:c', 'EqualTilde:=~',
      'Identifier:d', 'MatchesRegex:matches regex', 'Identifier:e', 'ProjectAway:project-away',
    ]);
  });

  it('keywords are matched whole and case-sensitively', () => {
    expect(types('order or Where where in index')).toEqual([
      'Order:order', 'Or:or', 'Identifier:Where', 'Where:where', 'In:in', 'Identifier:index',
    ]);
  });

  it('numbers, timespans and malformed numbers', () => {
    expect(types('1 1.5 0x1F 1d 1.5h 1..2 1w 5.h')).toEqual([
      'LongLiteral:1', 'RealLiteral:1.5', 'HexLiteral:0x1F', 'TimespanLiteral:1d', 'TimespanLiteral:1.5h',
      'LongLiteral:1', 'DotDot:..', 'LongLiteral:2', 'BadNumber:1w', 'BadNumber:5.h',
    ]);
  });

  it('typed literals and bracketed names are single tokens', () => {
    expect(types("datetime(2020-01-01 10:00) ['a b'] guid(null)")).toEqual([
      'TypedLiteral:datetime(2020-01-01 10:00)', "BracketedName:['a b']", 'TypedLiteral:guid(null)',
    ]);
  });

  it('reports unexpected characters and block comments', () => {
    expect(tokenizeQuery('a && b /* x */').diagnostics.map((d) => d.code)).toEqual(['unexpected-character', 'block-comment']);
  });
});
