import { INPUT_FORMATS, type InputFormat } from '@kqlr/readers';
import { UserError } from '../exit-codes.js';
import { executeRun } from '../run/execute-run.js';
import { RESULT_FORMATS } from '../run/run-options.js';
import { streamSink } from '../output/jsonl.js';
import { readQueryFile } from './run.js';

export { registerRunCommand } from './run-command.js';

export interface RunFlags {
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

/** The action of `kqlr run` (registered by run-command.ts). */
export async function runCommand(rule: string | undefined, flags: RunFlags): Promise<void> {
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
}
