import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineMap, type Diagnostic, type Span } from '@kqlr/common';
import { thresholdLabel, thresholdValueText, type TestRun } from './test-run.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

interface SarifResult {
  ruleId: string;
  level: Level;
  message: { text: string };
  locations: unknown[];
  properties?: Record<string, unknown>;
}

/**
 * SARIF 2.1.0 log of a `kqlr test` run: the rule's diagnostics (deduplicated across datasets) and
 * each failed threshold, located in the rule file (thresholds at the whole rule: they are about its
 * logic as a whole). Code-scanning UIs then show them on the rule in the pull request.
 */
export function renderSarifReport(run: TestRun, toolVersion = '0.1.0'): string {
  const lines = new LineMap(run.ruleText);
  const rules = new Map<string, { id: string; shortDescription: { text: string } }>();
  const results: SarifResult[] = [];
  const seen = new Set<string>();
  for (const r of run.replays) {
    for (const d of r.diagnostics) {
      const key = `${d.code}:${d.span.start}:${d.span.end}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rules.set(d.code, { id: d.code, shortDescription: { text: `KQL ${d.code}` } });
      results.push({ ruleId: d.code, level: level(d), message: { text: d.message + (d.hint ? ` (${d.hint})` : '') }, locations: [location(run.rulePath, lines, d.span)] });
    }
    for (const t of r.thresholds) {
      if (t.passed) continue;
      const id = `threshold/${t.name}`;
      rules.set(id, { id, shortDescription: { text: `Replay threshold ${t.name} of a labelled dataset` } });
      results.push({
        ruleId: id,
        level: 'error',
        message: {
          text: `dataset ${r.dataset.name}: ${thresholdLabel(t.name)} ${thresholdValueText(t.name, t.limit)} not met (${thresholdValueText(t.name, t.actual)})`,
        },
        locations: [location(run.rulePath, lines, { start: 0, end: run.ruleText.length })],
        properties: { dataset: r.dataset.name, limit: t.limit, actual: t.actual },
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kqlr', version: toolVersion, rules: [...rules.values()] } },
        artifacts: [{ location: { uri: uriOf(run.rulePath) } }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function level(d: Diagnostic): Level {
  return d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note';
}

function location(path: string, lines: LineMap, span: Span): unknown {
  const start = lines.locate(span.start);
  const end = lines.locate(Math.max(span.start, span.end));
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(path) },
      region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: Math.max(end.column, start.line === end.line ? start.column + 1 : 1) },
    },
  };
}

/**
 * Relative paths stay relative (SARIF viewers resolve them against the checkout), with `/`
 * separators; absolute paths become file: URIs.
 */
function uriOf(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}
