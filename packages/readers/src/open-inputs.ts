import { InputError } from './input-error.js';
import type { InputFormat, InputSpec } from './input-spec.js';
import { INPUT_FORMATS } from './input-spec.js';
import type { ReaderOptions } from './reader-options.js';
import { expandPath } from './io/expand-paths.js';
import { readHead } from './io/byte-stream.js';
import { detectFormat } from './detect/detect-format.js';
import { bindTables } from './detect/bind-table.js';
import { InputSet } from './input-set.js';
import type { InputFile } from './scan/input-file.js';
import { bindColumnarTables } from './formats/columnar/columnar-schema.js';
import { ParallelReads } from './parallel/parallel-reads.js';

/**
 * Resolves input specs (files, directories, globs) into an InputSet: detects each file's format
 * from its content (an explicit format wins), decides which tables it feeds, and prepares lazy
 * streaming providers. Nothing is parsed beyond the first bytes until a table is scanned.
 * Files found by listing a directory or a glob that are not telemetry (README, unknown format)
 * are skipped with a warning; a file named explicitly must be readable.
 */
export async function openInputs(specs: InputSpec[], options: ReaderOptions = {}): Promise<InputSet> {
  if (specs.length === 0) throw new InputError('no input data given (use --data PATH)');
  const files: InputFile[] = [];
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.format !== undefined && !INPUT_FORMATS.includes(spec.format)) {
      throw new InputError(`${spec.path}: unknown format ${JSON.stringify(spec.format)} (formats: ${INPUT_FORMATS.join(', ')})`, spec.path);
    }
    for (const entry of await expandPath(spec.path)) {
      if (seen.has(entry.path)) continue;
      seen.add(entry.path);
      try {
        const f = await resolveFile(entry.path, entry.size, spec);
        if (f !== null) files.push(f);
        else if (entry.listed) warn(`${entry.path}: empty file, skipped`);
        else throw new InputError(`${entry.path}: empty file (no records)`, entry.path);
      } catch (err) {
        if (err instanceof InputError && entry.listed && !/truncated|corrupt/.test(err.message)) {
          warn(`skipped ${err.message}`);
          continue;
        }
        throw err;
      }
    }
  }
  if (files.length === 0) throw new InputError(`no readable telemetry in ${specs.map((s) => s.path).join(', ')}`);
  ParallelReads.warm(files, options);
  const set = new InputSet(files, options);
  set.warnings.push(...warnings);
  return set;
}

async function resolveFile(path: string, size: number, spec: InputSpec): Promise<InputFile | null> {
  const { gzip, head } = await readHead(path);
  const det = detectFormat(head);
  if (det.kind === 'empty' && spec.format === undefined) return null;
  let format = spec.format;
  let layout: 'lines' | 'document' | undefined;
  if (det.kind === 'format') layout = det.jsonLayout;
  if (format === undefined) {
    if (det.kind !== 'format') {
      throw new InputError(`${path}: unrecognised format: ${det.kind === 'unknown' ? det.why : 'empty'} (name one with a format option)`, path);
    }
    format = det.format;
  } else {
    misnamedBinary(path, format, det);
    if (format === 'json' && layout === undefined) layout = 'lines';
  }
  if (format === 'arrow' || format === 'parquet') {
    const b = await bindColumnarTables(path, format, gzip, spec.table);
    return { path, size, gzip, format, tables: b.tables, tableRule: b.rule, ...(spec.table ? { userTable: spec.table } : {}) };
  }
  const b = bindTables(path, format, head, layout, spec.table);
  const file: InputFile = { path, size, gzip, format, tables: b.tables, tableRule: b.rule };
  if (spec.table !== undefined) file.userTable = spec.table;
  if (layout !== undefined && (format === 'json' || format === 'sysmon')) file.jsonLayout = layout;
  if (format === 'sysmon' && det.kind === 'format' && det.syslogCsv) file.syslogCsv = true;
  return file;
}

/**
 * A text format named for an Arrow or Parquet file (`--format json` on `x.arrow`) would report
 * every line of the binary file as a malformed record: say what the file is instead.
 */
function misnamedBinary(path: string, format: InputFormat, det: ReturnType<typeof detectFormat>): void {
  if (format === 'arrow' || format === 'parquet' || det.kind !== 'format') return;
  if (det.format !== 'arrow' && det.format !== 'parquet') return;
  const what = det.format === 'arrow' ? 'Arrow IPC' : 'Parquet';
  throw new InputError(`${path}: not ${format}: the file is ${what} (${det.why}); name the format ${det.format}, or none to detect it`, path);
}
