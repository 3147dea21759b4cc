import type { Diagnostic, Span } from '@kqlr/common';

/**
 * Whether a RangeError is an engine resource limit (stack depth, string/array size) rather than a
 * bug (e.g. BigInt of a fraction, which is also a RangeError and must stay an internal error).
 */
export function isResourceLimit(err: unknown): err is RangeError {
  return err instanceof RangeError && /call stack|invalid (string|array|typed array) length|allocation failed/i.test(err.message);
}

/** The diagnostics the engine itself creates (parser/planner own theirs). */
export const EngineDiagnostics = {
  /** The query was valid but failed while running (e.g. an invalid regular expression). */
  runtimeError(message: string, span: Span = { start: 0, end: 0 }): Diagnostic {
    return { code: 'runtime-error', severity: 'error', message, span };
  },
  /**
   * A JavaScript engine limit hit by a valid query (call stack depth while compiling a very deep
   * or long expression, string or array size while running): reported, never a crash.
   */
  resourceLimit(stage: 'compile' | 'run', err: RangeError, span: Span = { start: 0, end: 0 }): Diagnostic {
    const stack = /call stack/i.test(err.message);
    const message = stack
      ? `query is too deeply nested or too long to ${stage === 'compile' ? 'compile' : 'run'} (JavaScript call stack limit)`
      : `query exceeded a memory limit while running (${err.message})`;
    const hint = stack
      ? 'Flatten nested expressions, use in(...)/has_any(...) instead of long or-chains, or split the query.'
      : 'Reduce the size of generated strings or lists (e.g. strrep, make_list).';
    return { code: 'resource-limit', severity: 'error', message, span, hint };
  },
};
