import { Option, type Command } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '@kqlr/readers';
import { UserError } from '../exit-codes.js';
import { executeRun } from '../run/execute-run.js';
import { RESULT_FORMATS } from '../run/run-options.js';
import { streamSink } from '../output/jsonl.js';
import { readQueryFile } from './run.js';

interface RunFlags {
  queryFile?: string;
  data: string[];
  format?: string;
  now?: string;
  output?: string;
  out?: string;
  force?: boolean;
  strict?: boolean;
  quiet?: boolean;
  timezone?: string;
  batchSize?: string;
  prefilter?: boolean;
}

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
    .action(async (rule: string | undefined, flags: RunFlags) => {
      const query = await readQueryFile(rule, flags.queryFile);
      if (flags.format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(flags.format)) {
        throw new UserError(`unknown --format '${flags.format}' (expected one of ${INPUT_FORMATS.join(', ')})`);
      }
      let batchSize: number | undefined;
      if (flags.batchSize !== undefined) {
        batchSize = Number(flags.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1) throw new UserError(`invalid --batch-size '${flags.batchSize}': expected a positive integer`);
      }
      process.exitCode = await executeRun(
        {
          query,
          data: flags.data,
          ...(flags.format === undefined ? {} : { inputFormat: flags.format as InputFormat }),
          ...(flags.now === undefined ? {} : { now: flags.now }),
          ...(flags.output === undefined ? {} : { output: flags.output }),
          ...(flags.out === undefined ? {} : { out: flags.out }),
          ...(flags.timezone === undefined ? {} : { timezone: flags.timezone }),
          ...(batchSize === undefined ? {} : { batchSize }),
          ...(flags.prefilter === false ? { prefilter: false } : {}),
          force: flags.force === true,
          strict: flags.strict === true,
          quiet: flags.quiet === true,
        },
        {
          stdout: streamSink(process.stdout),
          stderr: (t) => process.stderr.write(t),
          stdoutIsTTY: process.stdout.isTTY === true,
          stderrIsTTY: process.stderr.isTTY === true,
          columns: process.stdout.columns ?? process.stderr.columns ?? 120,
        },
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
