import { execFile } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DatasetError, diffRules, type RuleDiff } from '../report/replay-api.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { datasetProgress } from '../run/progress.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText, type DiffRun } from '../report/diff-report.js';
import { emit, readRuleFile } from './test.js';
import { DIFF_FORMATS, type DiffFormat } from './diff-command.js';

export { registerDiffCommand } from './diff-command.js';

export interface DiffCliOptions {
  dataset: string[];
  baselineRev?: string;
  format: string;
  out?: string;
  force?: boolean;
}

/** The action of `kqlr diff` (registered by diff-command.ts). */
export async function diffCommand(oldPath: string, newPath: string | undefined, options: DiffCliOptions): Promise<void> {
  const format = parseDiffFormat(options.format);
  if (newPath === undefined && options.baselineRev === undefined) {
    throw new UserError('kqlr diff needs OLD and NEW rule files, or OLD with --baseline-rev REV');
  }
  const target = newPath ?? oldPath;
  const oldText = options.baselineRev === undefined ? await readRuleFile(oldPath) : await gitShow(options.baselineRev, oldPath);
  const newText = await readRuleFile(target);
  let diff: RuleDiff;
  const progress = datasetProgress();
  try {
    // Given the folders, diffRules reads each dataset together with the old rule's run.
    diff = await diffRules(oldText, newText, options.dataset, {
      oldRulePath: oldPath,
      newRulePath: target,
      onProgress: (p) => progress.update(p.bytesRead, p.totalBytes),
      onReplay: (rule, dataset) => progress.pass(`${dataset} (${rule} rule):`),
    });
  } catch (err) {
    if (err instanceof DatasetError) throw new UserError(err.message, ExitCode.UsageOrInput);
    throw err;
  } finally {
    progress.finish();
  }
  const run: DiffRun = { oldPath, newPath: target, baselineRev: options.baselineRev ?? null, diff };
  const report = format === 'json' ? renderDiffJson(run) : format === 'markdown' ? renderDiffMarkdown(run) : renderDiffText(run);
  await emit(report, options.out, options.force === true);
  process.exitCode = diff.regression ? ExitCode.QueryError : ExitCode.Success;
}

function parseDiffFormat(format: string): DiffFormat {
  if ((DIFF_FORMATS as readonly string[]).includes(format)) return format as DiffFormat;
  throw new UserError(`unknown --format '${format}' (expected ${DIFF_FORMATS.join(', ')})`);
}

/** The rule as committed at `rev`; the path is taken relative to the file's folder (`REV:./name`). */
export async function gitShow(rev: string, path: string): Promise<string> {
  const cwd = dirname(resolve(path));
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `${rev}:./${basename(path)}`], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err instanceof Error ? err.message : String(err));
    throw new UserError(`cannot read ${path} at revision ${rev}: ${detail}`);
  }
}
