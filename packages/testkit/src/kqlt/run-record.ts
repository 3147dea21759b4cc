import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic, TableProvider } from '@kqlr/common';
import { compareRows } from './compare-rows.js';
import type { KqltEngine, KqltQueryResult } from './engine-port.js';
import type { ErrorRecord, QueryRecord, RunnableRecord, TableRecord } from './kqlt-record.js';
import { renderValue } from './render-value.js';
import { tableRowsFromJsonLines } from './table-rows.js';
import { letterOfType } from './type-letters.js';

export interface RunRecordOptions {
  engine: KqltEngine;
  /** Directory that `table ... file <path>` paths are relative to (the .kqlt file's folder). */
  baseDir: string;
  /** Every query runs once per variant and must give the same (expected) result each time. */
  variants?: readonly RunVariant[];
}

/** One way of running a query: the batch size, and whether table string columns are dictionary-encoded. */
export interface RunVariant {
  batchSize: number;
  dictionary: boolean;
}

export interface RecordOutcome {
  passed: boolean;
  message: string;
}

/** Batch sizes 1, 7 and 8192 on plain columns, plus 7 on dictionary-encoded string columns. */
export const DEFAULT_VARIANTS: readonly RunVariant[] = [
  { batchSize: 1, dictionary: false },
  { batchSize: 7, dictionary: false },
  { batchSize: 8192, dictionary: false },
  { batchSize: 7, dictionary: true },
];

function describeVariant(v: RunVariant): string {
  return `batch size ${v.batchSize}${v.dictionary ? ' (dictionary-encoded strings)' : ''}`;
}

export async function runRecord(record: RunnableRecord, options: RunRecordOptions): Promise<RecordOutcome> {
  switch (record.kind) {
    case 'invalid':
      return fail(`invalid record: ${record.problem}`);
    case 'error':
      return runErrorRecord(record, options);
    case 'query':
      return runQueryRecord(record, options);
  }
}

async function runQueryRecord(record: QueryRecord, options: RunRecordOptions): Promise<RecordOutcome> {
  for (const variant of options.variants ?? DEFAULT_VARIANTS) {
    // Tables are rebuilt per variant so that scans, not only operators, see small batches.
    const tables = buildTables(record.tables, options, variant);
    if (typeof tables === 'string') return fail(tables);
    const label = describeVariant(variant);
    const result = await execute(record.query, { now: record.now, tables, batchSize: variant.batchSize }, options);
    if (typeof result === 'string') return fail(`${label}: ${result}`);
    if (!result.ok) return fail(`${label}: query failed:\n${describeDiagnostics(result.diagnostics)}`);
    const types = result.schema.columns.map((c) => letterOfType(c.type)).join('');
    const wanted = record.letters.join('');
    if (types !== wanted) {
      const cols = result.schema.columns.map((c) => `${c.name}:${c.type}`).join(', ');
      return fail(`${label}: expected column types ${wanted}, got ${types} (${cols})`);
    }
    const ragged = result.rows.findIndex((row) => row.length !== record.letters.length);
    if (ragged >= 0) return fail(`${label}: row ${ragged} has ${result.rows[ragged]!.length} values for ${wanted.length} columns`);
    const rendered = result.rows.map((row) => record.letters.map((letter, i) => renderValue(row[i] ?? null, letter)));
    const diff = compareRows(rendered, record.expected, record.sortMode);
    if (diff !== null) return fail(`${label}: ${diff}`);
  }
  return { passed: true, message: 'ok' };
}

async function runErrorRecord(record: ErrorRecord, options: RunRecordOptions): Promise<RecordOutcome> {
  const tables = buildTables(record.tables, options);
  if (typeof tables === 'string') return fail(tables);
  const result = await execute(record.query, { now: record.now, tables }, options);
  if (typeof result === 'string') return fail(result);
  if (result.ok) return fail(`expected an error (${record.code}), but the query returned ${result.rows.length} row(s)`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return fail('query reported ok:false without an error diagnostic');
  if (record.code !== 'any' && !errors.some((d) => d.code === record.code)) {
    return fail(`expected diagnostic ${record.code}, got:\n${describeDiagnostics(errors)}`);
  }
  return { passed: true, message: 'ok' };
}

/** The engine must report problems as diagnostics; a thrown exception is itself a failure. */
async function execute(
  query: string,
  runOptions: { now: bigint | undefined; tables: ReadonlyMap<string, TableProvider>; batchSize?: number },
  options: RunRecordOptions,
): Promise<KqltQueryResult | string> {
  try {
    const { now, ...rest } = runOptions;
    return await options.engine.runQuery(query, now === undefined ? rest : { ...rest, now });
  } catch (e) {
    return `engine threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
}

function buildTables(
  declared: readonly TableRecord[],
  options: RunRecordOptions,
  variant?: RunVariant,
): Map<string, TableProvider> | string {
  const tables = new Map<string, TableProvider>();
  for (const table of declared) {
    let lines = table.rows.kind === 'inline' ? table.rows.lines : undefined;
    if (table.rows.kind === 'file') {
      try {
        const text = readFileSync(resolve(options.baseDir, table.rows.path), 'utf8');
        lines = text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t })).filter((l) => l.text.trim() !== '');
      } catch (e) {
        return `table ${table.name}: cannot read ${table.rows.path}: ${(e as Error).message}`;
      }
    }
    const rows = tableRowsFromJsonLines(table.columns, lines ?? []);
    if (!rows.ok) return `table ${table.name} (${table.file}:${table.line}): ${rows.error}`;
    const schema = { name: table.name, columns: table.columns };
    const dictionaryColumns = table.columns.filter((c) => c.type === 'string').map((c) => c.name);
    const provider = variant === undefined
      ? options.engine.memoryTable(table.name, schema, rows.rows)
      : options.engine.memoryTable(table.name, schema, rows.rows, {
          batchSize: variant.batchSize,
          ...(variant.dictionary ? { dictionaryColumns } : {}),
        });
    tables.set(table.name, provider);
  }
  return tables;
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '  (no diagnostics)';
  return diagnostics.map((d) => `  ${d.severity} ${d.code} [${d.span.start},${d.span.end}): ${d.message}`).join('\n');
}

function fail(message: string): RecordOutcome {
  return { passed: false, message };
}
