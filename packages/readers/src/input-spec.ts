import { InputError } from './input-error.js';

/**
 * Input formats. Detection is by content; naming one overrides detection.
 * - `defender-csv`: Advanced Hunting portal export (§3a)
 * - `sentinel-csv`: Log Analytics / Sentinel CSV export (§3d)
 * - `json`: Streaming API records (JSON lines or `{"records":[...]}`), hunting API results
 *   (`schema`+`results`), JSON lines / arrays of flat rows, Elastic Sysmon documents
 * - `sysmon`: Sysmon for Linux syslog lines, bare XML lines or XML documents
 * - `arrow`: Arrow IPC file or stream
 * - `parquet`
 */
export type InputFormat = 'defender-csv' | 'sentinel-csv' | 'json' | 'sysmon' | 'arrow' | 'parquet';

export const INPUT_FORMATS: readonly InputFormat[] = ['defender-csv', 'sentinel-csv', 'json', 'sysmon', 'arrow', 'parquet'];

export interface InputSpec {
  /** A file, a directory (all files below it), or a glob (`*`, `**`, `?`). */
  path: string;
  /** Table the rows belong to, when the file cannot say (portal CSV of a projection, flat JSON rows). */
  table?: string;
  format?: InputFormat;
}

const TABLE_PREFIX = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s;

/**
 * CLI syntax of `--data`: `PATH` or `Table=PATH` (a Windows drive `C:\...` has no `=`, and a
 * path that itself contains `=` after a non-identifier is kept whole).
 */
export function parseInputSpec(text: string): InputSpec {
  if (text.trim() === '') throw new InputError('empty --data value: expected PATH or Table=PATH');
  const m = TABLE_PREFIX.exec(text);
  if (m) return { path: m[2]!, table: m[1]! };
  return { path: text };
}
