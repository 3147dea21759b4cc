import type { Diagnostic, Span } from '@kqlr/common';

/** The diagnostics the engine itself creates (parser/planner own theirs). */
export const EngineDiagnostics = {
  /** The query was valid but failed while running (e.g. an invalid regular expression). */
  runtimeError(message: string, span: Span = { start: 0, end: 0 }): Diagnostic {
    return { code: 'runtime-error', severity: 'error', message, span };
  },
};
