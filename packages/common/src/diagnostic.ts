import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem found in user input, reported as data (never thrown). `code` is a stable kebab-case
 * identifier (`unknown-column`); `message` says what is wrong; `hint` says what to do about it.
 * Each package creates its diagnostics through one factory module (e.g. parser/src/diagnostic-facts.ts).
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** What every front-end stage returns: a result (possibly partial) plus its diagnostics. */
export interface WithDiagnostics<T> {
  result: T;
  diagnostics: Diagnostic[];
}
