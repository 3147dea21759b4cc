/**
 * Our front end's verdict on a query: parse (`@kqlr/parser`), then bind against the Defender
 * catalog (`@kqlr/planner`). A query is accepted when neither stage reports an error-severity
 * diagnostic. Binding only runs when parsing succeeded, as in the engine.
 */
import { hasErrors, parseIsoDatetime, type Diagnostic } from '@kqlr/common';
import * as parser from '@kqlr/parser';
import { bindQuery, defenderCatalog } from '@kqlr/planner';
import type { Query } from '@kqlr/parser';
import type { WithDiagnostics } from '@kqlr/common';

export interface OurVerdict {
  accepted: boolean;
  /** Error-severity diagnostics only (warnings do not reject a query). */
  errors: Diagnostic[];
  /** Set when a stage threw instead of returning diagnostics: counted as a rejection and reported. */
  crash?: string;
}

/** A fixed instant, so that nothing depends on the wall clock. Verdicts do not depend on its value. */
const NOW_TICKS = parseIsoDatetime('2024-05-01T00:00:00Z') ?? 0n;

type ParseQuery = (text: string) => WithDiagnostics<Query>;

/** The parser's entry point, or undefined while the parser package does not export it yet. */
function parseQueryFn(): ParseQuery | undefined {
  const fn = (parser as Record<string, unknown>)['parseQuery'];
  return typeof fn === 'function' ? (fn as ParseQuery) : undefined;
}

export function frontEndAvailable(): boolean {
  return parseQueryFn() !== undefined;
}

const catalog = defenderCatalog();

export function analyzeWithKqlReplay(text: string): OurVerdict {
  const parseQuery = parseQueryFn();
  if (!parseQuery) throw new Error('@kqlr/parser does not export parseQuery yet');
  let stage = 'parse';
  try {
    const parsed = parseQuery(text);
    const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (hasErrors(parsed.diagnostics)) return { accepted: false, errors: parseErrors };
    stage = 'bind';
    const bound = bindQuery(parsed.result, { catalog, now: NOW_TICKS, nowSource: 'option' });
    const bindErrors = bound.diagnostics.filter((d) => d.severity === 'error');
    return { accepted: bindErrors.length === 0 && bound.result !== null, errors: bindErrors };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { accepted: false, errors: [], crash: `${stage} threw: ${message}` };
  }
}
