import type { AlertedEvent, DatasetDiff, Label, RuleDiff } from './replay-api.js';
import { alertJson } from './json-report.js';
import { cell } from './markdown-report.js';
import { matchText, ratioText } from './test-run.js';
import { formatDatetime } from '@kqlr/common';

export interface DiffRun {
  oldPath: string;
  newPath: string;
  /** The git revision OLD was taken from, when --baseline-rev was used. */
  baselineRev: string | null;
  diff: RuleDiff;
}

function oldName(run: DiffRun): string {
  return run.baselineRev === null ? run.oldPath : `${run.baselineRev}:${run.oldPath}`;
}

function eventText(e: AlertedEvent): string {
  if (e.id === null) return `${e.rows} row(s) without a source event`;
  const label = e.labels[0];
  if (label !== undefined) return `${e.outcome} (${label.label} ${label.category}) ${e.table} ${matchText(label.match)}`;
  const ts = e.timestamp === null ? '' : ` ${formatDatetime(e.timestamp)}`;
  return `${e.outcome} (unlabelled) ${e.table}${ts} ${e.host}`;
}

function labelText(l: Label): string {
  return `${l.category || l.label} ${l.table} ${matchText(l.match)}`;
}

export function renderDiffText(run: DiffRun): string {
  const out = [`kqlr diff ${oldName(run)} -> ${run.newPath}`];
  for (const d of run.diff.datasets) {
    out.push('', `${d.regression ? 'REGRESSION' : 'ok'} ${d.dataset}`);
    out.push(`  TP ${count(d.old.metrics?.truePositives)} -> ${count(d.new.metrics?.truePositives)} (${signed(d.truePositivesDelta)}),` +
      ` FP ${count(d.old.metrics?.falsePositives)} -> ${count(d.new.metrics?.falsePositives)} (${signed(d.falsePositivesDelta)}),` +
      ` recall ${ratioText(d.old.metrics?.recall ?? null)} -> ${ratioText(d.new.metrics?.recall ?? null)},` +
      ` precision ${ratioText(d.old.metrics?.precision ?? null)} -> ${ratioText(d.new.metrics?.precision ?? null)}`);
    for (const diag of d.new.diagnostics.filter((x) => x.severity === 'error')) out.push(`  new rule error: ${diag.message}`);
    for (const diag of d.old.diagnostics.filter((x) => x.severity === 'error')) out.push(`  old rule error: ${diag.message}`);
    out.push(`  alerts added (${d.added.length}):`, ...d.added.map((e) => `    + ${eventText(e)}`));
    out.push(`  alerts removed (${d.removed.length}):`, ...d.removed.map((e) => `    - ${eventText(e)}`));
    if (d.lostTruePositives.length > 0) out.push(`  true positives lost (${d.lostTruePositives.length}):`, ...d.lostTruePositives.map((l) => `    ! ${labelText(l)}`));
    if (d.gainedTruePositives.length > 0) out.push(`  true positives gained (${d.gainedTruePositives.length}):`, ...d.gainedTruePositives.map((l) => `    * ${labelText(l)}`));
    if (d.brokenThresholds.length > 0) out.push(`  thresholds broken: ${d.brokenThresholds.join(', ')}`);
  }
  out.push('', run.diff.regression ? 'FAIL: the new rule loses a true positive or breaks a threshold' : 'OK: no true positive lost, no threshold broken');
  return out.join('\n') + '\n';
}

export function renderDiffJson(run: DiffRun): string {
  return JSON.stringify({
    old: oldName(run),
    new: run.newPath,
    regression: run.diff.regression,
    datasets: run.diff.datasets.map((d) => datasetJson(d)),
  }, null, 2) + '\n';
}

function datasetJson(d: DatasetDiff): Record<string, unknown> {
  const labelJson = (l: Label) => ({ line: l.line, table: l.table, match: l.match, category: l.category, scenario: l.scenario });
  const metrics = (m: DatasetDiff['old']['metrics']) => m === null ? null : {
    truePositives: m.truePositives, falsePositives: m.falsePositives, falseNegatives: m.falseNegatives, trueNegatives: m.trueNegatives,
    precision: m.precision, recall: m.recall, falsePositiveRate: m.falsePositiveRate,
  };
  return {
    name: d.dataset,
    regression: d.regression,
    old: { passed: d.old.passed, metrics: metrics(d.old.metrics), errors: d.old.diagnostics.filter((x) => x.severity === 'error').map((x) => x.message) },
    new: { passed: d.new.passed, metrics: metrics(d.new.metrics), errors: d.new.diagnostics.filter((x) => x.severity === 'error').map((x) => x.message) },
    truePositivesDelta: d.truePositivesDelta,
    falsePositivesDelta: d.falsePositivesDelta,
    added: d.added.map(alertJson),
    removed: d.removed.map(alertJson),
    lostTruePositives: d.lostTruePositives.map(labelJson),
    gainedTruePositives: d.gainedTruePositives.map(labelJson),
    brokenThresholds: d.brokenThresholds,
  };
}

export function renderDiffMarkdown(run: DiffRun): string {
  const out = [
    `### ${run.diff.regression ? '❌' : '✅'} \`kqlr diff\` ${cell(oldName(run))} → ${cell(run.newPath)}`,
    '',
    '| dataset | TP | FP | recall | precision | added | removed | TP lost | |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const d of run.diff.datasets) {
    out.push(`| ${cell(d.dataset)} | ${count(d.new.metrics?.truePositives)} (${signed(d.truePositivesDelta)}) | ` +
      `${count(d.new.metrics?.falsePositives)} (${signed(d.falsePositivesDelta)}) | ${ratioText(d.old.metrics?.recall ?? null)} → ${ratioText(d.new.metrics?.recall ?? null)} | ` +
      `${ratioText(d.old.metrics?.precision ?? null)} → ${ratioText(d.new.metrics?.precision ?? null)} | ${d.added.length} | ${d.removed.length} | ` +
      `${d.lostTruePositives.length} | ${d.regression ? '**regression**' : 'ok'} |`);
  }
  for (const d of run.diff.datasets) {
    if (d.added.length + d.removed.length + d.brokenThresholds.length === 0) continue;
    out.push('', `<details><summary>${cell(d.dataset)}: ${d.added.length} added, ${d.removed.length} removed</summary>`, '');
    for (const l of d.lostTruePositives) out.push(`- **lost TP** ${cell(labelText(l))}`);
    for (const t of d.brokenThresholds) out.push(`- **threshold broken** \`${t}\``);
    for (const e of d.added) out.push(`- \\+ ${cell(eventText(e))}`);
    for (const e of d.removed) out.push(`- \\- ${cell(eventText(e))}`);
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
}

function count(n: number | undefined): string {
  return n === undefined ? '-' : String(n);
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
