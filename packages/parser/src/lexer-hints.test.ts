import { readFileSync } from 'node:fs';
import type { ILexingResult, TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { Lexer } from './chevrotain-runtime.js';
import { allTokens, kqlLexer } from './tokens.js';

// The shared lexer trusts each token's `start_chars_hint` (tokens.ts, for start-up time): a token
// is only tried at characters its hint lists. Chevrotain's safe mode ignores the hints and tries
// every pattern everywhere, so it is the reference: both must produce the same tokens and errors.
const reference = new Lexer(allTokens, { positionTracking: 'full', safeMode: true, skipValidations: true });

function summary(r: ILexingResult): string[] {
  const tokens = r.tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${t.image}`);
  const groups = Object.entries(r.groups).flatMap(([g, ts]) => ts.map((t) => `${g}:${t.tokenType.name}@${t.startOffset}`));
  const errors = r.errors.map((e) => `error@${e.offset}+${e.length}`);
  return [...tokens, ...groups, ...errors];
}

function expectSameAsReference(texts: readonly string[]): void {
  for (const text of texts) expect(summary(kqlLexer.tokenize(text)), JSON.stringify(text)).toEqual(summary(reference.tokenize(text)));
}

/** Seeded xorshift, so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('lexer start-character hints', () => {
  it('every token with a pattern states its start characters and whether it spans lines', () => {
    const missing = allTokens.filter((t: TokenType) => t.PATTERN !== Lexer.NA && (!Array.isArray(t.START_CHARS_HINT) || t.LINE_BREAKS === undefined));
    expect(missing.map((t) => t.name)).toEqual([]);
  });

  it('every character, alone and next to words and digits, lexes as without hints', () => {
    const chars: string[] = [];
    for (let c = 0; c <= 0x3100; c++) chars.push(String.fromCharCode(c));
    chars.push('\uFEFF', '\uFFFF', '\u{1F600}');
    expectSameAsReference(chars.flatMap((c) => [c, `${c}x`, `x${c}1`, `${c}where`, `1${c}`, `${c}${c}`]));
  });

  it('the seed rule, every token text and random token soup lex as without hints', () => {
    const seed = readFileSync(new URL('./testdata/seed-t1543-002.kql', import.meta.url), 'utf8');
    const words = allTokens.map((t) => (typeof t.LABEL === 'string' && t.LABEL.startsWith("'") ? t.LABEL.slice(1, -1) : '')).filter((w) => w !== '');
    const pieces = [
      ...words, 'x', 'X1', '_a', '$b', '1', '0x1F', '1.5', '1e3', '5.h', '2d', '10ms', '1..2', "'s'", '"d"', "@'v'", 'h"o"', '```m\nl```', '~~~t~~~',
      '"open', "'open", 'datetime(2024-01-01)', 'guid(x)', "['b n']", '// c\n', '/* b */', '!has_any', '!x', ' ', '\t', '\n', '\u2028', '\u00A0', '(', ')', '[', ']',
    ];
    const random = rng(24301);
    const soup = Array.from({ length: 3000 }, () => {
      const n = 1 + Math.floor(random() * 8);
      let s = '';
      for (let i = 0; i < n; i++) s += pieces[Math.floor(random() * pieces.length)]! + (random() < 0.5 ? ' ' : '');
      return s;
    });
    expectSameAsReference([seed, words.join(' '), words.join(''), ...soup]);
  });
});
