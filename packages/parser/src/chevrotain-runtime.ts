/**
 * The chevrotain runtime, loaded from the package's single-file ESM build.
 *
 * Why: the package entry point (`lib/src/api.js`) pulls in lodash-es as hundreds of small modules,
 * which made `import 'chevrotain'` cost 0.5-3 s at every CLI start; the bundled `chevrotain.mjs` is
 * the same code in one file and loads in well under 100 ms. The package's `exports` map does not
 * expose that file, so it is imported by path through this package's own node_modules link (the
 * same relative path works from `src/` and `dist/`). Types still come from 'chevrotain'.
 */
import type * as Chevrotain from 'chevrotain';
// @ts-ignore -- no declaration file for the bundled build; typed through `Chevrotain` below.
import * as bundled from '../node_modules/chevrotain/lib/chevrotain.mjs';

const runtime = bundled as typeof Chevrotain;

export const CstParser = runtime.CstParser;
export type CstParser = Chevrotain.CstParser;
export const Lexer = runtime.Lexer;
export type Lexer = Chevrotain.Lexer;
export const createToken = runtime.createToken;
export const tokenMatcher = runtime.tokenMatcher;
export const LLkLookaheadStrategy = runtime.LLkLookaheadStrategy;
// For lookahead-table.test.ts, which derives lookahead-paths.ts from the grammar.
export const getLookaheadPaths = runtime.getLookaheadPaths;
export const Alternation = runtime.Alternation;
export const Option = runtime.Option;
export const Repetition = runtime.Repetition;
export const RepetitionMandatory = runtime.RepetitionMandatory;
export const RepetitionMandatoryWithSeparator = runtime.RepetitionMandatoryWithSeparator;
export const RepetitionWithSeparator = runtime.RepetitionWithSeparator;
export const NonTerminal = runtime.NonTerminal;
// For recorded-grammar.ts, which rebuilds the grammar's productions from grammar-gast.ts.
export const Rule = runtime.Rule;
export const Terminal = runtime.Terminal;
export const Alternative = runtime.Alternative;
