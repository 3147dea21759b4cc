import { LineMap, type Diagnostic, type Severity } from '@kqlr/common/core';

/**
 * Compiler-style rendering of diagnostics (rustc/PRQL look):
 *
 *   rule.kql:21:34: error[unknown-column]: unknown column 'AccountName' in DeviceFileEvents
 *      21 | | project Timestamp, DeviceName, AccountName, ActionType,
 *         |                                  ^^^^^^^^^^^
 *     hint: did you mean 'InitiatingProcessAccountName'?
 *
 * Lines and columns are 1-based; columns count UTF-16 code units (common/span.ts). A span over
 * several lines is underlined to the end of its first line.
 */

export interface LocatedDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  hint: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Diagnostics in source order (stable for equal positions), with line/column positions. */
export function locateDiagnostics(text: string, diagnostics: readonly Diagnostic[]): LocatedDiagnostic[] {
  const map = new LineMap(text);
  return [...diagnostics]
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.span.start - b.d.span.start || a.i - b.i)
    .map(({ d }) => {
      const start = map.locate(d.span.start);
      const end = map.locate(Math.max(d.span.start, d.span.end));
      return {
        code: d.code,
        severity: d.severity,
        message: d.message,
        hint: d.hint ?? null,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
      };
    });
}

export function renderDiagnosticsText(file: string, text: string, diagnostics: readonly Diagnostic[]): string {
  const map = new LineMap(text);
  return locateDiagnostics(text, diagnostics)
    .map((d) => renderOne(file, map, d))
    .join('\n');
}

function renderOne(file: string, map: LineMap, d: LocatedDiagnostic): string {
  const source = map.lineText(d.line);
  const gutter = String(d.line);
  const pad = ' '.repeat(gutter.length);
  const startIndex = d.column - 1;
  const endIndex = d.endLine === d.line ? d.endColumn - 1 : source.length;
  const width = Math.max(1, endIndex - startIndex);
  // Keep tabs in the lead-in so the underline lines up with the source however tabs render.
  const lead = source.slice(0, startIndex).replace(/[^\t]/g, ' ');
  const lines = [
    `${file}:${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`,
    ` ${gutter} | ${source}`,
    ` ${pad} | ${lead}${'^'.repeat(width)}`,
  ];
  if (d.hint !== null) lines.push(` ${pad} = hint: ${d.hint}`);
  return lines.join('\n') + '\n';
}

/** The `--format json` document of `kqlr check`. */
export function renderDiagnosticsJson(file: string, text: string, diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify({ file, diagnostics: locateDiagnostics(text, diagnostics) }, null, 2) + '\n';
}

/** One-line summary: `2 errors, 1 warning`. */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
}
