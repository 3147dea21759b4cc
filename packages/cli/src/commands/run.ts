import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseIsoDatetime, type Diagnostic, type TableProvider } from '@kqlr/common';
import { compileQuery } from '@kqlr/engine';
import { executePlan, ExecutionError } from '@kqlr/executor';
import { ExitCode, UserError } from '../exit-codes.js';
import { renderDiagnosticsText } from '../output/diagnostics.js';
import { DeferredWriter, jsonlText, streamSink } from '../output/jsonl.js';

export interface RunCommandOptions {
  queryFile?: string;
  output: string;
  now?: string;
}

/**
 * Extension point for the integrator: turns the command's options into table providers
 * (e.g. from `--data`). The first cut has none, so only self-contained queries have rows.
 */
export type TableResolver = (options: RunCommandOptions & Record<string, unknown>) => Promise<ReadonlyMap<string, TableProvider>>;

const OUTPUT_FORMATS = ['jsonl'] as const;

/**
 * `kqlr run [RULE] --query-file FILE --output jsonl [--now ISO]` (kql-semantics.md §2.2): stdout
 * holds only JSON lines; any error gives a message on stderr, nothing on stdout, and exit status 1
 * (query errors) or 2 (usage/input).
 */
export function registerRunCommand(program: Command, resolveTables?: TableResolver): void {
  program
    .command('run')
    .description('run a KQL query and print the result rows')
    .argument('[rule]', 'the KQL file to run')
    .option('--query-file <file>', 'the KQL file to run (alternative to RULE)')
    .option('--output <format>', `output format (${OUTPUT_FORMATS.join(', ')})`, 'jsonl')
    .option('--now <instant>', 'fix now()/ago() to this ISO 8601 instant (7 fraction digits allowed)')
    .action(async (rule: string | undefined, options: RunCommandOptions & Record<string, unknown>) => {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(options.output)) {
        throw new UserError(`unknown --output '${options.output}' (expected ${OUTPUT_FORMATS.join(', ')})`);
      }
      const now = parseNowOption(options.now);
      const input = await readQueryFile(rule, options.queryFile);
      const tables = resolveTables === undefined ? new Map<string, TableProvider>() : await resolveTables(options);
      process.exitCode = await runToJsonl(input, { now, tables }, streamSink(process.stdout), (text) => process.stderr.write(text));
    });
}

export interface RunToJsonlOptions {
  now: bigint | undefined;
  tables: ReadonlyMap<string, TableProvider>;
  batchSize?: number;
}

/** Compiles, runs and writes JSON lines; returns the exit code. Nothing reaches `out` on error. */
export async function runToJsonl(
  input: QueryInput,
  options: RunToJsonlOptions,
  out: (text: string) => Promise<void> | void,
  err: (text: string) => void,
): Promise<number> {
  const compiled = compileQuery(input.text, options.now === undefined ? {} : { now: options.now });
  const report = (diagnostics: readonly Diagnostic[]) => {
    if (diagnostics.length > 0) err(ensureNewline(renderDiagnosticsText(input.file, input.text, diagnostics)));
  };
  if (compiled.result === null) {
    report(compiled.diagnostics);
    return ExitCode.QueryError;
  }
  report(compiled.diagnostics);
  const writer = new DeferredWriter(out);
  try {
    const execution = executePlan(compiled.result.plan, {
      tables: options.tables,
      now: compiled.result.now,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    });
    for await (const batch of execution.batches) await writer.push(jsonlText(batch));
  } catch (e) {
    if (e instanceof ExecutionError) {
      err(`${input.file}: error[runtime-error]: ${e.message}\n`);
      return ExitCode.QueryError;
    }
    throw e;
  }
  await writer.flush();
  return ExitCode.Success;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The query text and the name diagnostics should use for it. */
export interface QueryInput {
  file: string;
  text: string;
}

/** Reads the query from a file argument or `--query-file` (exactly one of them). */
export async function readQueryFile(positional: string | undefined, queryFile: string | undefined): Promise<QueryInput> {
  if (positional !== undefined && queryFile !== undefined) {
    throw new UserError('give the query either as RULE or with --query-file, not both');
  }
  const file = positional ?? queryFile;
  if (file === undefined) throw new UserError('no query: give a RULE file or --query-file FILE');
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new UserError(`cannot read ${file}: ${reason}`);
  }
}

/** `--now`: an ISO 8601 instant with up to 7 fraction digits (`2023-06-19T08:22:54.6623324Z`). */
export function parseNowOption(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const ticks = parseIsoDatetime(value);
  if (ticks === null) {
    throw new UserError(`invalid --now '${value}': expected an ISO 8601 instant such as 2024-05-01T00:00:00.0000000Z`);
  }
  return ticks;
}
