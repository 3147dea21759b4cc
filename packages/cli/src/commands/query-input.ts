import { readFile } from 'node:fs/promises';
import { parseIsoDatetime } from '@kqlr/common';
import { UserError } from '../exit-codes.js';

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
