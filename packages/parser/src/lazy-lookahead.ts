import type { ILookaheadStrategy } from 'chevrotain';
import { LLkLookaheadStrategy } from './chevrotain-runtime.js';

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type AlternationLookahead = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type OptionalLookahead = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;

/**
 * Chevrotain's LL(k) lookahead, with each production's lookahead function built the first time
 * the parser reaches that production instead of all of them in `performSelfAnalysis`. Why: the
 * eager build was about half of the parser's construction (~40-70 ms on every CLI start), while
 * a rule exercises only part of the grammar (no `datatable`, `dynamic`, `union`...). The built
 * function is the same one chevrotain would have made; only when it is made changes. Validation
 * (grammar.test.ts) delegates unchanged.
 */
export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly eager: ILookaheadStrategy;

  constructor(maxLookahead: number) {
    this.eager = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: Parameters<ILookaheadStrategy['validate']>[0]): ReturnType<ILookaheadStrategy['validate']> {
    return this.eager.validate(options);
  }

  initialize(options: { rules: Parameters<ILookaheadStrategy['validate']>[0]['rules'] }): void {
    this.eager.initialize?.(options);
  }

  buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    const eager = this.eager;
    let built: AlternationLookahead | undefined;
    // `this` is the parser: chevrotain calls lookahead functions with it (they read `this.LA(k)`).
    return function (this: unknown, orAlts) {
      built ??= eager.buildLookaheadForAlternation(options);
      return built.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    const eager = this.eager;
    let built: OptionalLookahead | undefined;
    return function (this: unknown) {
      built ??= eager.buildLookaheadForOptional(options);
      return built.call(this);
    };
  }
}
