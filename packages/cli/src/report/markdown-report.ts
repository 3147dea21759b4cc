import type { DatasetReplay } from './replay-api.js';
import { matchText, ratioText, runPassed, thresholdLabel, thresholdValueText, type TestRun } from './test-run.js';

/** Markdown for a pull-request comment: a summary table, then per-dataset details folded away. */
export function renderMarkdownReport(run: TestRun): string {
  const out: string[] = [
    `### ${runPassed(run) ? '✅' : '❌'} \`kqlr test ${cell(run.rulePath)}\``,
    '',
    '| dataset | result | TP | FP | FN | TN | precision | recall | FP rate |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of run.replays) {
    const m = r.metrics;
    out.push(
      `| ${cell(r.dataset.name)} | ${r.passed ? 'pass' : '**fail**'} | ${m?.truePositives ?? '-'} | ${m?.falsePositives ?? '-'} | ` +
        `${m?.falseNegatives ?? '-'} | ${m?.trueNegatives ?? '-'} | ${m ? ratioText(m.precision) : '-'} | ` +
        `${m ? ratioText(m.recall) : '-'} | ${m ? ratioText(m.falsePositiveRate) : '-'} |`,
    );
  }
  for (const r of run.replays) out.push('', ...details(r));
  return out.join('\n') + '\n';
}

function details(r: DatasetReplay): string[] {
  const out = [`<details><summary>${html(r.dataset.name)}: ${r.passed ? 'pass' : 'fail'}</summary>`, ''];
  for (const d of r.diagnostics) out.push(`- ${d.severity}: ${cell(d.message)}`);
  if (r.thresholds.length > 0) {
    out.push('| threshold | limit | actual | |', '|---|---:|---:|---|');
    for (const t of r.thresholds) {
      out.push(`| ${thresholdLabel(t.name)} | ${thresholdValueText(t.name, t.limit)} | ${thresholdValueText(t.name, t.actual)} | ${t.passed ? 'ok' : '**fail**'} |`);
    }
    out.push('');
  }
  const m = r.metrics;
  if (m !== null) {
    const cats = Object.entries(m.falsePositivesByCategory).sort((a, b) => b[1] - a[1]);
    if (cats.length > 0) out.push(`False positives by category: ${cats.map(([c, n]) => `\`${cell(c)}\` ${n}`).join(', ')}`, '');
    if (r.missed.length > 0) {
      out.push(`Missed malicious events (${r.missed.length}):`, '');
      for (const l of r.missed) out.push(`- \`${cell(l.category)}\` ${l.table} ${cell(matchText(l.match))}`);
      out.push('');
    }
  }
  out.push('</details>');
  return out;
}

/** Table cells: pipes and newlines would break the row. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
