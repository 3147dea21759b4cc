import type { RecordBatch } from 'apache-arrow';
import type { Diagnostic, ScalarValue, TableProvider, TableSchema } from '@kqlr/common';
import { executePlan, ExecutionError, readRows } from '@kqlr/executor';
import { compileQuery, type CompileOptions, type NowSource } from './compile-query.js';
import { EngineDiagnostics, isResourceLimit } from './diagnostic-facts.js';

export interface RunOptions extends CompileOptions {
  /** Providers by table name; a catalog table without one scans as empty. */
  tables?: ReadonlyMap<string, TableProvider>;
  batchSize?: number;
}

export type QueryResult =
  | {
      ok: true;
      schema: TableSchema;
      /** Result rows in the common/types.ts representation. */
      rows: ScalarValue[][];
      batches: RecordBatch[];
      now: bigint;
      nowSource: NowSource;
      /** Warnings (errors make `ok` false). */
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Compiles and runs a query to completion, collecting every batch. Query errors (syntax, binding,
 * or at run time, e.g. a bad regex) come back as `ok: false` with diagnostics; only internal bugs
 * throw.
 */
export async function runQuery(text: string, options: RunOptions = {}): Promise<QueryResult> {
  const compiled = compileQuery(text, options);
  if (compiled.result === null) return { ok: false, diagnostics: compiled.diagnostics };
  const { plan, now, nowSource } = compiled.result;
  try {
    const execution = executePlan(plan, {
      tables: options.tables ?? new Map(),
      now,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    });
    const batches: RecordBatch[] = [];
    const rows: ScalarValue[][] = [];
    for await (const batch of execution.batches) {
      batches.push(batch);
      rows.push(...readRows(batch, execution.schema));
    }
    return { ok: true, schema: execution.schema, rows, batches, now, nowSource, diagnostics: compiled.diagnostics };
  } catch (err) {
    if (err instanceof ExecutionError) {
      return { ok: false, diagnostics: [...compiled.diagnostics, EngineDiagnostics.runtimeError(err.message)] };
    }
    if (isResourceLimit(err)) {
      return { ok: false, diagnostics: [...compiled.diagnostics, EngineDiagnostics.resourceLimit('run', err)] };
    }
    throw err;
  }
}
