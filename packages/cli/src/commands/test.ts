import { readFile } from 'node:fs/promises';
import { chartJsAsset, DatasetError, replayDataset, type DatasetReplay } from '../report/replay-api.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { datasetProgress } from '../run/progress.js';
import { renderHtmlReport } from '../report/html-report.js';
import { renderJsonReport } from '../report/json-report.js';
import { renderJunitReport } from '../report/junit-report.js';
import { renderMarkdownReport } from '../report/markdown-report.js';
import { renderSarifReport } from '../report/sarif-report.js';
import { runPassed, type TestRun } from '../report/test-run.js';
import { renderTextReport } from '../report/text-report.js';
import { writeReportFile } from '../report/write-report.js';
import { TEST_FORMATS, type TestFormat } from './test-command.js';

export { registerTestCommand, TEST_FORMATS, type TestFormat } from './test-command.js';

export interface TestOptions {
  dataset: string[];
  format: string;
  out?: string;
  force?: boolean;
}

/** The action of `kqlr test` (registered by test-command.ts). */
export async function testCommand(rule: string, options: TestOptions): Promise<void> {
  const format = parseTestFormat(options.format);
  const ruleText = await readRuleFile(rule);
  const replays: DatasetReplay[] = [];
  const progress = datasetProgress();
  for (const dir of options.dataset) {
    try {
      progress.pass(`${dir}:`);
      // Given the folder, replayDataset reads each table the rule reads once (rule and labels together).
      replays.push(await replayDataset(ruleText, dir, { rulePath: rule, onProgress: (p) => progress.update(p.bytesRead, p.totalBytes) }));
    } catch (err) {
      if (err instanceof DatasetError) throw new UserError(err.message, ExitCode.UsageOrInput);
      throw err;
    } finally {
      progress.finish();
    }
  }
  const run: TestRun = { rulePath: rule, ruleText, replays };
  const report = await renderTestReport(run, format);
  await emit(report, options.out, options.force === true);
  process.exitCode = runPassed(run) ? ExitCode.Success : ExitCode.QueryError;
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
