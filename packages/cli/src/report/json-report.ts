import { formatDatetime } from '@kqlr/common';
import type { AlertedEvent, DatasetReplay } from './replay-api.js';
import type { TestRun } from './test-run.js';
import { runPassed } from './test-run.js';

/** `kqlr test --format json`: stable keys, one object per dataset (README "JSON report"). */
export function renderJsonReport(run: TestRun): string {
  return JSON.stringify({ rule: run.rulePath, passed: runPassed(run), datasets: run.replays.map(datasetJson) }, null, 2) + '\n';
}

export function datasetJson(r: DatasetReplay): Record<string, unknown> {
  const m = r.metrics;
  return {
    name: r.dataset.name,
    now: r.dataset.now,
    ruleTables: r.ruleTables,
    events: m?.events ?? null,
    alerts: m?.alerts ?? null,
    alertedEvents: m?.alertedEvents ?? null,
    unattributedAlerts: m?.unattributedAlerts ?? null,
    truePositives: m?.truePositives ?? null,
    falsePositives: m?.falsePositives ?? null,
    falseNegatives: m?.falseNegatives ?? null,
    trueNegatives: m?.trueNegatives ?? null,
    ignored: m?.ignored ?? null,
    precision: m?.precision ?? null,
    recall: m?.recall ?? null,
    falsePositiveRate: m?.falsePositiveRate ?? null,
    falsePositivesByCategory: m?.falsePositivesByCategory ?? {},
    alertsPerDay: m?.alertsPerDay ?? {},
    alertsPerHost: m?.alertsPerHost ?? {},
    thresholds: r.thresholds,
    passed: r.passed,
    diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, span: d.span })),
    falseNegativeLabels: r.missed.map((l) => ({ line: l.line, table: l.table, match: l.match, category: l.category, scenario: l.scenario })),
    alerted: r.alerted.map(alertJson),
    warnings: r.warnings,
  };
}

export function alertJson(e: AlertedEvent): Record<string, unknown> {
  return {
    table: e.table,
    timestamp: e.timestamp === null ? null : formatDatetime(e.timestamp),
    host: e.host,
    rows: e.rows,
    outcome: e.outcome,
    category: e.category,
    scenario: e.scenario,
    labelLines: e.labels.map((l) => l.line),
  };
}
