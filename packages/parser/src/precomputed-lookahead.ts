import type { ILookaheadStrategy, IToken, TokenType } from 'chevrotain';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { LOOKAHEAD_PATHS, LOOKAHEAD_K } from './lookahead-paths.js';
import { allTokens } from './tokens.js';

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type AlternationLookahead = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type OptionalLookahead = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;
/** What a lookahead function needs of the parser it runs on. */
interface Lookahead {
  LA(k: number): IToken;
}

/**
 * LL(k) lookahead from paths computed ahead of time (lookahead-paths.ts, derived from the grammar
 * by lookahead-table.test.ts, which fails when the grammar changes until the table is
 * regenerated). Why: computing the token paths of each production was most of the parser's
 * start-up (~50 ms of every CLI run, even built lazily). The functions decide exactly as
 * chevrotain's own LL(k) ones do (lookahead-table.test.ts parses a corpus both ways); a
 * production missing from the table falls back to chevrotain's computation.
 */
export class PrecomputedLookaheadStrategy extends LazyLookaheadStrategy {
  private readonly byName = new Map<string, TokenType>(allTokens.map((t) => [t.name, t]));

  constructor(private readonly maxLookahead: number) {
    super(maxLookahead);
  }

  override buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    const paths = this.paths(options.rule.name, 'Alternation', options.prodOccurrence, options.maxLookahead);
    return paths === undefined ? super.buildLookaheadForAlternation(options) : alternationLookahead(paths, options.hasPredicates);
  }

  override buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    const paths = this.paths(options.rule.name, String(options.prodType), options.prodOccurrence, options.maxLookahead);
    return paths === undefined ? super.buildLookaheadForOptional(options) : optionalLookahead(paths[0] ?? []);
  }

  private paths(rule: string, type: string, occurrence: number, k: number): TokenType[][][] | undefined {
    if (k !== this.maxLookahead || k !== LOOKAHEAD_K) return undefined;
    const names = LOOKAHEAD_PATHS[lookaheadKey(rule, type, occurrence)];
    if (names === undefined) return undefined;
    const types = names.map((alt) => alt.map((path) => path.map((n) => this.byName.get(n))));
    // A token renamed since the table was made: do not guess.
    if (types.some((alt) => alt.some((path) => path.some((t) => t === undefined)))) return undefined;
    return types as TokenType[][][];
  }
}

export function lookaheadKey(rule: string, type: string, occurrence: number): string {
  return `${rule}|${type}|${occurrence}`;
}

/** Token type indices a token type stands for: itself and, for a category, its members. */
function indicesOf(t: TokenType): number[] {
  return [t.tokenTypeIdx!, ...((t as TokenType & { categoryMatches?: number[] }).categoryMatches ?? [])];
}

/**
 * A path as one lookup table per position (token type index -> accepted), so matching a token is
 * an array read rather than chevrotain's category test. Built on first use: category members are
 * filled in by the parser's construction.
 */
type CompiledPath = boolean[][];

function compile(path: readonly TokenType[]): CompiledPath {
  return path.map((t) => {
    const accept: boolean[] = [];
    for (const idx of indicesOf(t)) accept[idx] = true;
    return accept;
  });
}

function matches(parser: Lookahead, path: CompiledPath): boolean {
  for (let i = 0; i < path.length; i++) if (path[i]![parser.LA(i + 1).tokenTypeIdx] !== true) return false;
  return true;
}

function matchesAny(parser: Lookahead, paths: readonly CompiledPath[]): boolean {
  for (let j = 0; j < paths.length; j++) if (matches(parser, paths[j]!)) return true;
  return false;
}

/** Which alternative to take (the first whose paths match), or undefined when none does. */
function alternationLookahead(alts: TokenType[][][], hasPredicates: boolean): AlternationLookahead {
  if (!hasPredicates && alts.every((alt) => alt.every((path) => path.length === 1))) {
    // LL(1): one array read. The first alternative listing a token wins, as in chevrotain.
    let choice: (number | undefined)[] | undefined;
    const build = (): (number | undefined)[] => {
      const table: (number | undefined)[] = [];
      alts.forEach((alt, i) => {
        for (const [t] of alt) for (const idx of indicesOf(t!)) table[idx] ??= i;
      });
      return table;
    };
    return function (this: Lookahead) {
      choice ??= build();
      return choice[this.LA(1).tokenTypeIdx];
    };
  }
  let compiled: CompiledPath[][] | undefined;
  return function (this: Lookahead, orAlts) {
    compiled ??= alts.map((alt) => alt.map(compile));
    for (let i = 0; i < compiled.length; i++) {
      const gate = hasPredicates ? orAlts?.[i]?.GATE : undefined;
      if (gate !== undefined && gate.call(this) === false) continue;
      if (matchesAny(this, compiled[i]!)) return i;
    }
    return undefined;
  };
}

/** Whether to enter an OPTION / MANY / AT_LEAST_ONE (one iteration): any path of its body matches. */
function optionalLookahead(paths: TokenType[][]): OptionalLookahead {
  let compiled: CompiledPath[] | undefined;
  return function (this: Lookahead) {
    compiled ??= paths.map(compile);
    return matchesAny(this, compiled);
  };
}
