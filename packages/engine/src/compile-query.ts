import { hasErrors, type WithDiagnostics } from '@kqlr/common';
import { parseQuery } from '@kqlr/parser';
import { bindQuery, defenderCatalog, optimizePlan, planQuery, type Catalog, type LogicalPlan } from '@kqlr/planner';
import { wallClockTicks } from './clock.js';
import { EngineDiagnostics, isResourceLimit } from './diagnostic-facts.js';

export interface CompileOptions {
  /** Table schemas the query may use (default: the Defender tables). */
  catalog?: Catalog;
  /** Explicit `now` (ticks), e.g. from `--now`; it wins over `set query_now`. */
  now?: bigint;
  /** Run the optimizer rules (default true). */
  optimize?: boolean;
}

export type NowSource = 'option' | 'set' | 'wallclock';

export interface CompiledQuery {
  plan: LogicalPlan;
  /** The instant every `now()`/`ago()` of the query saw. */
  now: bigint;
  nowSource: NowSource;
}

/**
 * KQL text -> logical plan: parse, bind (names, types, `let` inlined, `now()`/`ago()` folded against
 * one instant), plan, optimize. Never throws for user mistakes: errors come back as diagnostics with
 * a null result. Without `now`, the wall clock is read once, at compile start.
 */
export function compileQuery(text: string, options: CompileOptions = {}): WithDiagnostics<CompiledQuery | null> {
  const now = options.now ?? wallClockTicks();
  const nowSource = options.now === undefined ? 'wallclock' : 'option';
  const parsed = parseQuery(text);
  const diagnostics = [...parsed.diagnostics];
  if (hasErrors(diagnostics)) return { result: null, diagnostics };
  try {
    const bound = bindQuery(parsed.result, { catalog: options.catalog ?? defenderCatalog(), now, nowSource });
    diagnostics.push(...bound.diagnostics);
    if (bound.result === null || hasErrors(diagnostics)) return { result: null, diagnostics };
    let plan = planQuery(bound.result);
    if (options.optimize !== false) plan = optimizePlan(plan);
    return { result: { plan, now: bound.result.now, nowSource: bound.result.nowSource }, diagnostics };
  } catch (err) {
    // The binder, planner and optimizer recurse over the tree: a query the parser's limits let
    // through can still be too deep for the stack. That is the query's limit, not a crash.
    if (isResourceLimit(err)) {
      diagnostics.push(EngineDiagnostics.resourceLimit('compile', err, { start: 0, end: text.length }));
      return { result: null, diagnostics };
    }
    throw err;
  }
}
