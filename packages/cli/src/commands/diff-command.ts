import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

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
    .action(lazyAction(async () => (await import('./diff.js')).diffCommand));
}
