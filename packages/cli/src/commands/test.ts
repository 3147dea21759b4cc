import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { chartJsAsset, DatasetError, loadDataset, replayDataset, type DatasetReplay } from '../report/replay-api.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { renderHtmlReport } from '../report/html-report.js';
import { renderJsonReport } from '../report/json-report.js';
import { renderJunitReport } from '../report/junit-report.js';
import { renderMarkdownReport } from '../report/markdown-report.js';
import { renderSarifReport } from '../report/sarif-report.js';
import { runPassed, type TestRun } from '../report/test-run.js';
import { renderTextReport } from '../report/text-report.js';
import { writeReportFile } from '../report/write-report.js';

export const TEST_FORMATS = ['text', 'json', 'junit', 'sarif', 'markdown', 'html'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

interface TestOptions {
  dataset: string[];
  format: string;
  out?: string;
  force?: boolean;
}

/**
 * `kqlr test RULE.kql --dataset DIR... [--format F] [--out FILE] [--force]`: replays the rule over
 * labelled datasets and reports TP/FP/FN/TN, precision, recall and threshold checks. Exit 1 when a
 * dataset fails (rule error or threshold), 2 for bad input (rule file, dataset, data files).
 */
export function registerTestCommand(program: Command): void {
  program
    .command('test')
    .description('replay a rule over labelled datasets: true/false positives, recall, precision, thresholds')
    .argument('<rule>', 'the KQL rule file')
    .requiredOption('--dataset <dir...>', 'labelled dataset folder(s) (holding dataset.json)')
    .option('--format <format>', `report format: ${TEST_FORMATS.join(', ')}`, 'text')
    .option('--out <file>', 'write the report to FILE (never overwrites without --force) instead of stdout')
    .option('--force', 'overwrite --out if it exists', false)
    .action(async (rule: string, options: TestOptions) => {
      const format = parseTestFormat(options.format);
      const ruleText = await readRuleFile(rule);
      const replays: DatasetReplay[] = [];
      for (const dir of options.dataset) {
        try {
          const loaded = await loadDataset(dir);
          replays.push(await replayDataset(ruleText, loaded, { rulePath: rule }));
        } catch (err) {
          if (err instanceof DatasetError) throw new UserError(err.message, ExitCode.UsageOrInput);
          throw err;
        }
      }
      const run: TestRun = { rulePath: rule, ruleText, replays };
      const report = await renderTestReport(run, format);
      await emit(report, options.out, options.force === true);
      process.exitCode = runPassed(run) ? ExitCode.Success : ExitCode.QueryError;
    });
}

export async function renderTestReport(run: TestRun, format: TestFormat): Promise<string> {
  switch (format) {
    case 'text':
      return renderTextReport(run);
    case 'json':
      return renderJsonReport(run);
    case 'junit':
      return renderJunitReport(run);
    case 'sarif':
      return renderSarifReport(run);
    case 'markdown':
      return renderMarkdownReport(run);
    case 'html':
      return renderHtmlReport(run, await chartJsAsset());
  }
}

export function parseTestFormat(format: string): TestFormat {
  if ((TEST_FORMATS as readonly string[]).includes(format)) return format as TestFormat;
  throw new UserError(`unknown --format '${format}' (expected ${TEST_FORMATS.join(', ')})`);
}

export async function emit(report: string, out: string | undefined, force: boolean): Promise<void> {
  if (out === undefined) process.stdout.write(report);
  else await writeReportFile(out, report, force);
}

export async function readRuleFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
