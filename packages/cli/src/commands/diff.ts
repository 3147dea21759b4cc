import { execFile } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { DatasetError, diffRules, loadDataset, type LoadedDataset } from '../report/replay-api.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText, type DiffRun } from '../report/diff-report.js';
import { emit, readRuleFile } from './test.js';

const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

interface DiffCliOptions {
  dataset: string[];
  baselineRev?: string;
  format: string;
  out?: string;
  force?: boolean;
}

/**
 * `kqlr diff OLD.kql [NEW.kql] --dataset DIR... [--baseline-rev REV]`: replays two versions of a
 * rule and lists the alerts added and removed, by event, with their labels. With --baseline-rev
 * the old text is `git show REV:OLD` (NEW defaults to OLD's working copy). Exit 1 when the new rule
 * loses a true positive or breaks a threshold the old one met.
 */
export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('compare two versions of a rule on labelled datasets: alerts added/removed, true positives lost')
    .argument('<old>', 'the old rule file (with --baseline-rev: its path in the repository)')
    .argument('[new]', 'the new rule file (default with --baseline-rev: the working copy of <old>)')
    .requiredOption('--dataset <dir...>', 'labelled dataset folder(s)')
    .option('--baseline-rev <rev>', 'take the old rule from git at this revision (git show REV:<old>)')
    .option('--format <format>', `report format: ${DIFF_FORMATS.join(', ')}`, 'text')
    .option('--out <file>', 'write the report to FILE (never overwrites without --force)')
    .option('--force', 'overwrite --out if it exists', false)
    .action(async (oldPath: string, newPath: string | undefined, options: DiffCliOptions) => {
      const format = parseDiffFormat(options.format);
      if (newPath === undefined && options.baselineRev === undefined) {
        throw new UserError('kqlr diff needs OLD and NEW rule files, or OLD with --baseline-rev REV');
      }
      const target = newPath ?? oldPath;
      const oldText = options.baselineRev === undefined ? await readRuleFile(oldPath) : await gitShow(options.baselineRev, oldPath);
      const newText = await readRuleFile(target);
      const datasets: LoadedDataset[] = [];
      try {
        for (const dir of options.dataset) datasets.push(await loadDataset(dir));
      } catch (err) {
        if (err instanceof DatasetError) throw new UserError(err.message, ExitCode.UsageOrInput);
        throw err;
      }
      const diff = await diffRules(oldText, newText, datasets, { oldRulePath: oldPath, newRulePath: target });
      const run: DiffRun = { oldPath, newPath: target, baselineRev: options.baselineRev ?? null, diff };
      const report = format === 'json' ? renderDiffJson(run) : format === 'markdown' ? renderDiffMarkdown(run) : renderDiffText(run);
      await emit(report, options.out, options.force === true);
      process.exitCode = diff.regression ? ExitCode.QueryError : ExitCode.Success;
    });
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
