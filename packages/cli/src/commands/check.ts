import { readFile } from 'node:fs/promises';
import { hasErrors, TICKS_PER_MILLISECOND, type Diagnostic } from '@kqlr/common/core';
import { parseQuery } from '@kqlr/parser';
import { bindQuery, defenderCatalog, type Catalog } from '@kqlr/planner';
import { ExitCode, UserError } from '../exit-codes.js';
import { renderDiagnosticsJson, renderDiagnosticsText, summarizeDiagnostics } from '../output/diagnostics.js';

export { registerCheckCommand } from './check-command.js';

type CheckFormat = 'text' | 'json';

/**
 * Parses and binds a query: syntax diagnostics first; semantic ones only when the syntax is
 * clean (binding a recovered tree would add noise, not information).
 */
export function checkQueryText(text: string, catalog: Catalog = defenderCatalog()): Diagnostic[] {
  const parsed = parseQuery(text);
  if (hasErrors(parsed.diagnostics)) return parsed.diagnostics;
  const now = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
  const bound = bindQuery(parsed.result, { catalog, now, nowSource: 'wallclock' });
  return [...parsed.diagnostics, ...bound.diagnostics];
}

/** The action of `kqlr check` (registered by check-command.ts). */
export async function checkCommand(rule: string, options: { format: string }): Promise<void> {
  const format = parseFormat(options.format);
  const text = await readRule(rule);
  const diagnostics = checkQueryText(text);
  if (format === 'json') {
    process.stdout.write(renderDiagnosticsJson(rule, text, diagnostics));
  } else if (diagnostics.length > 0) {
    process.stdout.write(renderDiagnosticsText(rule, text, diagnostics));
    process.stdout.write(`${rule}: ${summarizeDiagnostics(diagnostics)}\n`);
  } else {
    process.stdout.write(`${rule}: ok\n`);
  }
  process.exitCode = hasErrors(diagnostics) ? ExitCode.QueryError : ExitCode.Success;
}

function parseFormat(format: string): CheckFormat {
  if (format === 'text' || format === 'json') return format;
  throw new UserError(`unknown --format '${format}' (expected text or json)`);
}

async function readRule(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new UserError(`cannot read ${path}: ${reason}`);
  }
}
