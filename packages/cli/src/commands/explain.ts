import type { TableProvider } from '@kqlr/common';
import { compileQuery } from '@kqlr/engine';
import { executePhysicalPlan, ExecutionError, planPhysical, printPhysicalPlan } from '@kqlr/executor';
import { printLogicalPlan } from '@kqlr/planner';
import { ExitCode, UserError } from '../exit-codes.js';
import { renderDiagnosticsText } from '../output/diagnostics.js';
import { existsSync } from 'node:fs';
import { InputError, openInputs, parseInputSpec } from '@kqlr/readers';
import { parseNowOption, readQueryFile, type QueryInput } from './run.js';

export { registerExplainCommand } from './explain-command.js';

export interface ExplainOptions {
  queryFile?: string;
  now?: string;
  analyze?: boolean;
}

/** Tables for `--analyze` (tests give their own; the CLI opens `--data`). */
export type TableResolver = (options: Record<string, unknown>) => Promise<ReadonlyMap<string, TableProvider>>;

/** The action of `kqlr explain` (registered by explain-command.ts). */
export async function explainCommand(query: string | undefined, options: ExplainOptions & Record<string, unknown>, resolveTables?: TableResolver): Promise<void> {
  const now = parseNowOption(options.now);
  if (query !== undefined && options.queryFile !== undefined) {
    throw new UserError('give the query either as an argument or with --query-file, not both');
  }
  // A rule file is what people have at hand: an argument naming an existing file is read.
  const input: QueryInput =
    query === undefined
      ? await readQueryFile(undefined, options.queryFile)
      : existsSync(query)
        ? await readQueryFile(query, undefined)
        : { file: '<query>', text: query };
  const tables = resolveTables !== undefined ? await resolveTables(options) : await openData(options['data'] as string[]);
  const result = await explainQuery(input, { now, analyze: options.analyze === true, tables });
  if (result.ok) process.stdout.write(result.text);
  else process.stderr.write(result.text);
  process.exitCode = result.ok ? ExitCode.Success : ExitCode.QueryError;
}

export interface ExplainQueryOptions {
  now: bigint | undefined;
  analyze: boolean;
  tables: ReadonlyMap<string, TableProvider>;
}

/** The explain text (or the rendered errors when `ok` is false). */
export async function explainQuery(input: QueryInput, options: ExplainQueryOptions): Promise<{ ok: boolean; text: string }> {
  const compiled = compileQuery(input.text, options.now === undefined ? {} : { now: options.now });
  if (compiled.result === null) {
    return { ok: false, text: ensureNewline(renderDiagnosticsText(input.file, input.text, compiled.diagnostics)) };
  }
  try {
    const physical = planPhysical(compiled.result.plan, { now: compiled.result.now });
    if (options.analyze) {
      const run = executePhysicalPlan(physical, { tables: options.tables });
      for await (const batch of run.batches) void batch;
    }
    const text =
      `Logical plan:\n${printLogicalPlan(compiled.result.plan)}\n\n` +
      `Physical plan:\n${printPhysicalPlan(physical, { metrics: options.analyze })}\n`;
    return { ok: true, text };
  } catch (e) {
    if (e instanceof ExecutionError) return { ok: false, text: `${input.file}: error[runtime-error]: ${e.message}\n` };
    throw e;
  }
}

async function openData(paths: readonly string[]): Promise<ReadonlyMap<string, TableProvider>> {
  if (paths.length === 0) return new Map();
  try {
    return (await openInputs(paths.map(parseInputSpec))).tables;
  } catch (err) {
    if (err instanceof InputError) throw new UserError(err.message);
    throw err;
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
