import type { DatasetReplay } from './replay-api.js';
import { thresholdLabel, thresholdValueText, type TestRun } from './test-run.js';
import { xmlEscape } from './xml.js';

/**
 * JUnit XML (the testsuites/testsuite/testcase/failure shape CI servers read): one testsuite per
 * dataset; a `replay` testcase (an <error> when the rule does not compile or run) and one testcase
 * per threshold (a <failure> when it is not met).
 */
export function renderJunitReport(run: TestRun): string {
  const suites = run.replays.map((r) => suite(run, r));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const errors = suites.reduce((n, s) => n + s.errors, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(`kqlr test ${run.rulePath}`)}" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(run: TestRun, r: DatasetReplay): { xml: string; tests: number; failures: number; errors: number } {
  const name = r.dataset.name;
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  const errorsOfRule = r.diagnostics.filter((d) => d.severity === 'error');
  if (r.metrics === null) {
    errors += 1;
    const message = errorsOfRule.map((d) => d.message).join('; ') || 'the rule did not run';
    cases.push(
      `    <testcase classname="${xmlEscape(name)}" name="replay">\n` +
        `      <error message="${xmlEscape(message)}" type="rule-error">${xmlEscape(message)}</error>\n    </testcase>`,
    );
  } else {
    const m = r.metrics;
    const out = `TP ${m.truePositives} FP ${m.falsePositives} FN ${m.falseNegatives} TN ${m.trueNegatives}`;
    cases.push(`    <testcase classname="${xmlEscape(name)}" name="replay">\n      <system-out>${xmlEscape(out)}</system-out>\n    </testcase>`);
  }
  for (const t of r.thresholds) {
    const caseName = `${t.name} ${thresholdLabel(t.name)} ${thresholdValueText(t.name, t.limit)}`;
    if (t.passed) {
      cases.push(`    <testcase classname="${xmlEscape(name)}" name="${xmlEscape(caseName)}"/>`);
    } else {
      failures += 1;
      const message = `${thresholdLabel(t.name)} ${thresholdValueText(t.name, t.limit)} not met: ${thresholdValueText(t.name, t.actual)}`;
      cases.push(
        `    <testcase classname="${xmlEscape(name)}" name="${xmlEscape(caseName)}">\n` +
          `      <failure message="${xmlEscape(message)}" type="threshold">${xmlEscape(`${run.rulePath} on ${name}: ${message}`)}</failure>\n    </testcase>`,
      );
    }
  }
  const tests = cases.length;
  const xml =
    `  <testsuite name="${xmlEscape(name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0">\n` +
    `${cases.join('\n')}\n  </testsuite>`;
  return { xml, tests, failures, errors };
}
