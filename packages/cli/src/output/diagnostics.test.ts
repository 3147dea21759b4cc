import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@kqlr/common';
import { locateDiagnostics, renderDiagnosticsJson, renderDiagnosticsText, summarizeDiagnostics } from './diagnostics.js';

const text = 'DeviceFileEvents\n| where FileSize has "5"\n| project AccountName\n';
const at = (needle: string, length = needle.length) => {
  const start = text.indexOf(needle);
  return { start, end: start + length };
};
const unknown: Diagnostic = {
  code: 'unknown-column', severity: 'error', message: "unknown column 'AccountName' in DeviceFileEvents",
  span: at('AccountName'), hint: "did you mean 'InitiatingProcessAccountName'?",
};
const operand: Diagnostic = {
  code: 'operand-type', severity: 'error', message: "the left operand of 'has' must be string or dynamic, found long",
  span: at('FileSize'),
};

describe('renderDiagnosticsText', () => {
  it('prints file:line:col, the source line, an underline and the hint', () => {
    expect(renderDiagnosticsText('rule.kql', text, [unknown])).toBe(
      "rule.kql:3:11: error[unknown-column]: unknown column 'AccountName' in DeviceFileEvents\n" +
        ' 3 | | project AccountName\n' +
        '   |           ^^^^^^^^^^^\n' +
        "   = hint: did you mean 'InitiatingProcessAccountName'?\n",
    );
  });
  it('orders diagnostics by position and omits a missing hint', () => {
    const out = renderDiagnosticsText('q.kql', text, [unknown, operand]);
    expect(out.indexOf('q.kql:2:9:')).toBeLessThan(out.indexOf('q.kql:3:11:'));
    expect(out).toContain(' 2 | | where FileSize has "5"\n   |         ^^^^^^^^\n\n');
  });
  it('underlines a multi-line span to the end of its first line, and an empty span with one caret', () => {
    const multi: Diagnostic = { ...operand, span: { start: text.indexOf('has'), end: text.indexOf('project') } };
    expect(renderDiagnosticsText('q', text, [multi])).toContain('|                  ^^^^^^^\n');
    const empty: Diagnostic = { ...operand, span: { start: 0, end: 0 } };
    expect(renderDiagnosticsText('q', text, [empty])).toContain(' 1 | DeviceFileEvents\n   | ^\n');
  });
  it('keeps tabs so the caret lines up', () => {
    const tabbed = 'T\n|\twhere x';
    const d: Diagnostic = { code: 'c', severity: 'warning', message: 'm', span: { start: tabbed.indexOf('x'), end: tabbed.length } };
    expect(renderDiagnosticsText('q', tabbed, [d])).toBe('q:2:9: warning[c]: m\n 2 | |\twhere x\n   |  \t      ^\n');
  });
});

describe('renderDiagnosticsJson', () => {
  it('reports 1-based positions with end positions and null hints', () => {
    const doc = JSON.parse(renderDiagnosticsJson('rule.kql', text, [unknown, operand]));
    expect(doc.file).toBe('rule.kql');
    expect(doc.diagnostics).toEqual([
      { code: 'operand-type', severity: 'error', message: operand.message, hint: null, line: 2, column: 9, endLine: 2, endColumn: 17 },
      { code: 'unknown-column', severity: 'error', message: unknown.message, hint: unknown.hint, line: 3, column: 11, endLine: 3, endColumn: 22 },
    ]);
  });
  it('locates CRLF text by lines', () => {
    const crlf = 'a\r\nbb\r\ncc';
    const d: Diagnostic = { code: 'c', severity: 'error', message: 'm', span: { start: crlf.indexOf('cc'), end: crlf.length } };
    expect(locateDiagnostics(crlf, [d])[0]).toMatchObject({ line: 3, column: 1, endLine: 3, endColumn: 3 });
  });
});

describe('summarizeDiagnostics', () => {
  it('counts errors and warnings', () => {
    const warn: Diagnostic = { ...operand, severity: 'warning' };
    expect(summarizeDiagnostics([unknown, operand, warn])).toBe('2 errors, 1 warning');
    expect(summarizeDiagnostics([])).toBe('0 errors, 0 warnings');
  });
});
