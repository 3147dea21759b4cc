import { describe, expect, it } from 'vitest';
import { KqlParser } from './parser.js';
import { createKqlLexer } from './tokens.js';

// The shared lexer and parser skip chevrotain's definition checks to start faster; run them here.
describe('grammar definition', () => {
  it('the token definitions pass chevrotain validation', () => {
    const lexer = createKqlLexer({ validate: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(lexer.tokenize('T | where x has "a"').tokens.map((t) => t.tokenType.name)).toEqual([
      'Identifier', 'Pipe', 'Where', 'Identifier', 'Op_has', 'QuotedString',
    ]);
  });

  it('the grammar passes chevrotain validation (no ambiguity with k = 2, no left recursion)', () => {
    const parser = new KqlParser({ validate: true });
    expect(parser.definitionErrors).toEqual([]);
    parser.input = createKqlLexer().tokenize('let x = 1; T | where a == x').tokens;
    parser.query();
    expect(parser.errors).toEqual([]);
  });
});
