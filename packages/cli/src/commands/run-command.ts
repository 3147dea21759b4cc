import { Option, type Command } from 'commander';
import { INPUT_FORMATS } from '@kqlr/readers/input-spec';
import { RESULT_FORMATS } from '../run/run-options.js';
import { collect, lazyAction } from './lazy-action.js';

/**
 * `kqlr run RULE.kql --data PATH... [--now ISO|latest] [--output FORMAT] [--out FILE]`: the main
 * job. Results go to stdout (or --out); diagnostics, warnings, progress and the summary to stderr.
 */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('replay a KQL rule over telemetry exports and print the rows it returns')
    .argument('[rule]', 'the KQL file to run')
    .option('--query-file <file>', 'the KQL file to run (alternative to RULE)')
    .option('--data <path>', 'telemetry: a file, directory or glob; Table=PATH names the table (repeatable)', collect, [])
    .option('--format <format>', `input format, overriding detection from content (${INPUT_FORMATS.join(', ')})`)
    .option('--now <instant>', "pin now()/ago(): an ISO 8601 instant (7 fraction digits kept) or 'latest' (the data's latest Timestamp)")
    .option('--output <format>', `result format: ${RESULT_FORMATS.join(', ')} (default: table on a terminal, else jsonl, or from --out's extension)`)
    .option('--out <file>', 'write results to FILE instead of stdout (never overwrites without --force)')
    .option('--force', 'overwrite an existing --out file')
    .option('--strict', 'treat any malformed input record as fatal (exit 2, nothing written)')
    .option('--quiet', 'no progress line and no summary on stderr')
    .option('--timezone <zone>', 'zone of "[Local Time]" columns in Log Analytics CSV exports (IANA name or +hh:mm)')
    .option('--batch-size <rows>', 'rows per record batch (default 16384)')
    .option('--no-prefilter', 'parse every JSON-lines/portal-CSV record (by default records whose raw text cannot match the rule are only checked on their bytes, not parsed: same result, counts and malformed reports, several times faster; this is for diagnosis)')
    .addOption(new Option('--prefilter', 'on by default (kept so older scripts still run)').hideHelp())
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 query error (syntax/semantic/runtime), 2 usage or input error
(also a malformed record under --strict), 3 internal error.

Examples:
  kqlr run rules/T1543.002/detection1.kql --data datasets/demo/defender-streaming.jsonl --now 2025-06-12T08:00:00Z
  kqlr run rule.kql --data DeviceFileEvents=export.csv --now latest --output csv --out hits.csv`,
    )
    .action(lazyAction(async () => (await import('./run-main.js')).runCommand));
}
