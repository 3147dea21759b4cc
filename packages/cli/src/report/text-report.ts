import { LineMap } from '@kqlr/common';
import type { DatasetReplay } from './replay-api.js';
import { matchText, ratioText, runPassed, thresholdLabel, thresholdValueText, type TestRun } from './test-run.js';

/** The terminal summary of `kqlr test`. */
export function renderTextReport(run: TestRun): string {
  const out: string[] = [];
  for (const r of run.replays) out.push(...datasetText(run, r), '');
  const failed = run.replays.filter((r) => !r.passed).length;
  out.push(
    runPassed(run)
      ? `${run.rulePath}: PASS (${run.replays.length} dataset${run.replays.length === 1 ? '' : 's'})`
      : `${run.rulePath}: FAIL (${failed} of ${run.replays.length} dataset${run.replays.length === 1 ? '' : 's'} failed)`,
  );
  return out.join('\n') + '\n';
}

function datasetText(run: TestRun, r: DatasetReplay): string[] {
  const out = [`${r.passed ? 'PASS' : 'FAIL'} ${r.dataset.name} (now ${r.dataset.now})`];
  const lines = new LineMap(run.ruleText);
  for (const d of r.diagnostics) {
    const at = lines.locate(d.span.start);
    out.push(`  ${run.rulePath}:${at.line}:${at.column}: ${d.severity}: ${d.message}`);
  }
  const m = r.metrics;
  if (m === null) {
    out.push('  the rule did not run: no metrics');
  } else {
    out.push(
      `  events ${m.events} (${r.ruleTables.join(', ') || 'no table'}), alerts ${m.alerts} on ${m.alertedEvents} events` +
        (m.unattributedAlerts > 0 ? `, ${m.unattributedAlerts} without a source event` : ''),
      `  TP ${m.truePositives}  FP ${m.falsePositives}  FN ${m.falseNegatives}  TN ${m.trueNegatives}  ignored ${m.ignored}`,
      `  precision ${ratioText(m.precision)}  recall ${ratioText(m.recall)}  false-positive rate ${ratioText(m.falsePositiveRate)}`,
    );
    const byCategory = Object.entries(m.falsePositivesByCategory).sort((a, b) => b[1] - a[1]);
    if (byCategory.length > 0) out.push(`  false positives by category: ${byCategory.map(([c, n]) => `${c} ${n}`).join(', ')}`);
    const hosts = Object.entries(m.alertsPerHost);
    if (hosts.length > 0) out.push(`  alerts per host: ${hostsText(hosts)}`);
    const days = Object.entries(m.alertsPerDay);
    if (days.length > 0) out.push(`  alerts per day: ${days.map(([d, n]) => `${d} ${n}`).join(', ')}`);
  }
  for (const t of r.thresholds) {
    out.push(`  ${t.passed ? 'ok  ' : 'FAIL'} ${thresholdLabel(t.name)} ${thresholdValueText(t.name, t.limit)}: ${thresholdValueText(t.name, t.actual)}`);
  }
  if (m !== null && r.missed.length > 0) {
    out.push(`  missed (${r.missed.length}):`);
    for (const l of r.missed.slice(0, 20)) out.push(`    ${l.category || 'malicious'}: ${l.table} ${matchText(l.match)}`);
    if (r.missed.length > 20) out.push(`    ... and ${r.missed.length - 20} more`);
  }
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  return out;
}

/** Hosts shown in the terminal summary; the JSON, HTML and Markdown reports keep every host. */
const TOP_HOSTS = 10;

/**
 * The hosts with most alerts first (ties by name), at most TOP_HOSTS of them: a replay over a fleet
 * alerts on hundreds of hosts, and a line listing all of them says nothing at a glance.
 */
function hostsText(hosts: [string, number][]): string {
  const sorted = [...hosts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const shown = sorted.slice(0, TOP_HOSTS).map(([h, n]) => `${h || '(none)'} ${n}`).join(', ');
  const rest = sorted.slice(TOP_HOSTS);
  if (rest.length === 0) return shown;
  const alerts = rest.reduce((sum, [, n]) => sum + n, 0);
  return `${shown} (+${rest.length} more host${rest.length === 1 ? '' : 's'}, ${alerts} alert${alerts === 1 ? '' : 's'})`;
}
