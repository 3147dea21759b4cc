import { readdirSync, readFileSync } from 'node:fs';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { CstParser } from './chevrotain-runtime.js';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { KqlParser } from './parser.js';
import * as T from './tokens.js';

const corpusDir = new URL('../../../test/differential/corpus/', import.meta.url);
const conformanceDir = new URL('../../../test/conformance/', import.meta.url);

/**
 * The differential corpus's queries (`//#` separates them), the conformance cases' paragraphs
 * (query, header and expected output alike: text that is not KQL exercises recovery too), and
 * seeded mutilations of each.
 */
function queries(): string[] {
  const differential = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.kql'))
    .flatMap((f) => readFileSync(new URL(f, corpusDir), 'utf8').split(/^\/\/#.*$/m));
  const conformance = readdirSync(conformanceDir)
    .filter((f) => f.endsWith('.kqlt'))
    .flatMap((f) => readFileSync(new URL(f, conformanceDir), 'utf8').split(/\n\s*\n/))
    .map((para) => para.split('\n').filter((l) => !l.startsWith('#')).join('\n'))
    // Every other paragraph keeps the test quick; the query paragraphs alternate with the expected results.
    .filter((_, i) => i % 2 === 0);
  const whole = [...differential, ...conformance].map((q) => q.trim()).filter((q) => q !== '');
  let x = 24301;
  const random = (n: number): number => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
  // Truncations and token deletions exercise error recovery, where lookahead decides re-syncs.
  const broken = whole.flatMap((q) => {
    const tokens = T.kqlLexer.tokenize(q).tokens;
    if (tokens.length < 2) return [];
    // One mutilation per query, alternately a truncation and a deleted token.
    const at = tokens[random(tokens.length)]!;
    return random(2) === 0 ? [q.slice(0, at.startOffset)] : [q.slice(0, at.startOffset) + q.slice(at.endOffset! + 1)];
  });
  return [...whole, ...broken];
}

function shape(e: CstElement): unknown {
  if ('tokenType' in e) {
    const t = e as IToken;
    return `${t.tokenType.name}@${t.startOffset}`;
  }
  const n = e as CstNode;
  return { [n.name]: Object.fromEntries(Object.entries(n.children).map(([k, v]) => [k, v.map(shape)])) };
}

function parseWith(parser: KqlParser, text: string): unknown {
  parser.input = T.kqlLexer.tokenize(text).tokens;
  const cst = parser.query();
  return { cst: shape(cst), errors: parser.errors.map((e) => `${e.name}: ${e.message}`) };
}

describe('lookahead (precomputed table, lazy fallback)', () => {
  it('the parser parses the corpus (and broken versions of it) exactly as with eager lookahead', () => {
    const lazy = new KqlParser();
    const eager = new KqlParser({ eagerLookahead: true });
    const texts = queries();
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.some((t) => t.includes('typeof('))).toBe(true);
    const differing = texts.filter((text) => JSON.stringify(parseWith(lazy, text)) !== JSON.stringify(parseWith(eager, text)));
    expect(differing).toEqual([]);
  });

  it('lazy lookahead still reports an ambiguous grammar when validation is on', () => {
    class Ambiguous extends CstParser {
      constructor() {
        super([T.Identifier, T.Pipe], { lookaheadStrategy: new LazyLookaheadStrategy(2), maxLookahead: 2 });
        this.performSelfAnalysis();
      }
      // Both alternatives start with the same two tokens: not LL(2).
      public top = this.RULE('top', () => {
        this.OR([
          { ALT: () => { this.CONSUME(T.Identifier); this.CONSUME(T.Pipe); this.CONSUME2(T.Identifier); } },
          { ALT: () => { this.CONSUME3(T.Identifier); this.CONSUME2(T.Pipe); this.CONSUME3(T.Pipe); } },
        ]);
      });
    }
    expect(() => new Ambiguous()).toThrow(/Ambiguous Alternatives Detected/);
  });
});

describe('error recovery follow sets (computed on first use)', () => {
  const followNames = (parser: KqlParser): Record<string, string[]> => {
    const follows = (parser as unknown as { resyncFollows: Record<string, { name: string }[]> }).resyncFollows;
    return Object.fromEntries(Object.entries(follows).map(([k, v]) => [k, v.map((t) => t.name)]));
  };

  it('are not computed by construction, and once read equal the ones chevrotain computes up front', () => {
    const deferred = new KqlParser();
    // Still the accessor that computes them: construction did not.
    expect(typeof Object.getOwnPropertyDescriptor(deferred, 'resyncFollows')?.get).toBe('function');
    const eager = new KqlParser({ eagerFollows: true });
    expect(Object.getOwnPropertyDescriptor(eager, 'resyncFollows')?.get).toBeUndefined();
    const expected = followNames(eager);
    expect(Object.keys(expected).length).toBeGreaterThan(50);
    expect(followNames(deferred)).toEqual(expected);
  });

  it('the parser recovers from the corpus (and broken versions of it) exactly as with follow sets computed up front', () => {
    const deferred = new KqlParser();
    const eager = new KqlParser({ eagerFollows: true });
    // Every third text keeps the test quick (the test above parses them all).
    const results = queries()
      .filter((_, i) => i % 3 === 0)
      .map((text) => ({ text, deferred: parseWith(deferred, text) as { errors: string[] }, eager: parseWith(eager, text) }));
    expect(results.filter((r) => JSON.stringify(r.deferred) !== JSON.stringify(r.eager)).map((r) => r.text)).toEqual([]);
    // Some of them did need recovery, so the deferred sets were used.
    expect(results.filter((r) => r.deferred.errors.length > 0).length).toBeGreaterThan(20);
  });
});
