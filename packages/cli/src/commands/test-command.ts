import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

export const TEST_FORMATS = ['text', 'json', 'junit', 'sarif', 'markdown', 'html'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

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
    .action(lazyAction(async () => (await import('./test.js')).testCommand));
}
