import path from 'node:path';
import { UserError } from '../exit-codes.js';

export const RESULT_FORMATS = ['table', 'jsonl', 'csv', 'json', 'arrow', 'parquet'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/**
 * The result format: as given; else from the `--out` file's extension; else `table` on a terminal
 * (people read it) and `jsonl` elsewhere (programs read it).
 */
export function resolveResultFormat(given: string | undefined, out: string | undefined, stdoutIsTTY: boolean): ResultFormat {
  if (given !== undefined) {
    if (!(RESULT_FORMATS as readonly string[]).includes(given)) {
      throw new UserError(`unknown --output '${given}' (expected one of ${RESULT_FORMATS.join(', ')})`);
    }
    return given as ResultFormat;
  }
  if (out !== undefined) {
    const ext = path.extname(out).toLowerCase().slice(1);
    const byExt: Record<string, ResultFormat> = {
      csv: 'csv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', arrow: 'arrow', arrows: 'arrow', parquet: 'parquet', txt: 'table',
    };
    return byExt[ext] ?? 'jsonl';
  }
  return stdoutIsTTY ? 'table' : 'jsonl';
}
