import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

/** `kqlr check RULE.kql [--format text|json]`: exit 1 when the rule has errors (warnings are fine). */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('check a KQL rule for syntax and semantic errors against the Defender schemas')
    .argument('<rule>', 'the KQL file to check')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(lazyAction(async () => (await import('./check.js')).checkCommand));
}
