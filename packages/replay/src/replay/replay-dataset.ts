import { hasErrors, type Diagnostic, type TableProvider } from '@kqlr/common';
import { compileQuery, EngineDiagnostics, type CompiledQuery } from '@kqlr/engine';
import { ExecutionError } from '@kqlr/executor';
import type { LogicalPlan } from '@kqlr/planner';
import { EventIndexBuilder, type EventIndex } from '../dataset/event-index.js';
import { asDatasetError, openDataset, withEvents, type LoadedDataset, type LoadOptions } from '../dataset/load-dataset.js';
import type { Label } from '../dataset/labels.js';
import { executeWithLineage, outputTables, type LineageRow } from '../lineage/execute-with-lineage.js';
import type { ScanTap } from '../lineage/lineage-tables.js';
import { scoreRows, type AlertedEvent, type ReplayMetrics } from './score.js';
import { checkThresholds, type ThresholdCheck } from './thresholds.js';

export interface ReplayOptions extends LoadOptions {
  /** Rule file path, for reports only. */
  rulePath?: string;
}

export interface DatasetReplay {
  dataset: { name: string; description: string; dir: string; now: string };
  rulePath: string | null;
  /** Compile and run-time diagnostics of the rule (errors mean no metrics). */
  diagnostics: Diagnostic[];
  /** Tables whose rows can reach the rule's output. */
  ruleTables: string[];
  metrics: ReplayMetrics | null;
  thresholds: ThresholdCheck[];
  /** The rule ran and every threshold passed. */
  passed: boolean;
  alerted: AlertedEvent[];
  caught: Label[];
  missed: Label[];
  warnings: string[];
}

/**
 * Replays one rule (KQL text) over one labelled dataset (a folder, or one already loaded) with the
 * dataset's `now`, attributing output rows to input events by row lineage. Dataset problems throw
 * DatasetError; rule problems come back as diagnostics with `passed: false`.
 */
export async function replayDataset(
  rule: string,
  dataset: string | LoadedDataset,
  options: ReplayOptions = {},
): Promise<DatasetReplay> {
  return (await replayAndLoad(rule, dataset, options)).replay;
}

/**
 * replayDataset, and the dataset as loaded for it: a folder is read in one pass with the rule
 * (see loadAndRun), after which other rules can replay over the loaded dataset (kqlr diff).
 */
export async function replayAndLoad(
  rule: string,
  dataset: string | LoadedDataset,
  options: ReplayOptions = {},
): Promise<{ replay: DatasetReplay; loaded: LoadedDataset }> {
  const { loaded, run } = typeof dataset === 'string' ? await loadAndRun(rule, dataset, options) : { loaded: dataset, run: await runRule(rule, dataset, options) };
  return { replay: scoredReplay(loaded, run, options), loaded };
}

function scoredReplay(loaded: LoadedDataset, run: RuleRun, options: ReplayOptions): DatasetReplay {
  const { manifest } = loaded;
  const base = {
    dataset: { name: manifest.name, description: manifest.description, dir: manifest.dir, now: manifest.nowText },
    rulePath: options.rulePath ?? null,
    diagnostics: run.diagnostics,
    warnings: loaded.warnings,
  };
  if (run.rows === null) {
    return {
      ...base,
      ruleTables: run.ruleTables,
      metrics: null,
      thresholds: checkThresholds(manifest.thresholds, null),
      passed: false,
      alerted: [],
      caught: [],
      missed: loaded.labels.filter((l) => l.label === 'malicious'),
    };
  }
  const score = scoreRows(run.rows, loaded.events, loaded.labels, run.ruleTables, manifest.unlabelled);
  const thresholds = checkThresholds(manifest.thresholds, score.metrics);
  return {
    ...base,
    ruleTables: run.ruleTables,
    metrics: score.metrics,
    thresholds,
    passed: thresholds.every((t) => t.passed),
    alerted: score.alerted,
    caught: score.caught,
    missed: score.missed,
  };
}

interface RuleRun {
  diagnostics: Diagnostic[];
  ruleTables: string[];
  rows: LineageRow[] | null;
}

/**
 * A dataset folder read and its rule run in one pass over each table the rule reads to its end:
 * the event index (labels to row ids) is built from the rule's own scans (EventIndexBuilder.tap),
 * and only the other tables, and any the rule stopped reading early, are scanned for it after.
 * Same result as loadDataset then runRule, which read every table twice.
 */
async function loadAndRun(rule: string, dir: string, options: LoadOptions): Promise<{ loaded: LoadedDataset; run: RuleRun }> {
  const opened = await openDataset(dir, options);
  const builder = new EventIndexBuilder(opened.inputs.tables, opened.labels);
  const { result: query, diagnostics } = compileQuery(rule, { now: opened.manifest.now });
  const run = query === null || hasErrors(diagnostics)
    ? { diagnostics, ruleTables: [], rows: null, scans: [] }
    : await asDatasetError(opened.manifest, () => runCompiled(query, diagnostics, opened.inputs.tables, options, (t) => builder.tap(t)));
  await asDatasetError(opened.manifest, () => builder.scanRemaining(options.batchSize));
  const loaded = withEvents(opened, builder.build());
  return { loaded, run: checkedRun(run, loaded.events) };
}

/** Compiles with the dataset's `now` and runs with lineage; errors become diagnostics. */
export async function runRule(rule: string, loaded: LoadedDataset, options: LoadOptions = {}): Promise<RuleRun> {
  const compiled = compileQuery(rule, { now: loaded.manifest.now });
  if (compiled.result === null || hasErrors(compiled.diagnostics)) {
    return { diagnostics: compiled.diagnostics, ruleTables: [], rows: null };
  }
  return checkedRun(await runCompiled(compiled.result, compiled.diagnostics, loaded.inputs.tables, options), loaded.events);
}

interface CompiledRun extends RuleRun {
  /** Every scan that ran to its end: its table and the rows it numbered. */
  scans: [string, number][];
}

async function runCompiled(
  query: CompiledQuery,
  diagnostics: Diagnostic[],
  tables: ReadonlyMap<string, TableProvider>,
  options: LoadOptions,
  tap?: (table: string) => ScanTap | undefined,
): Promise<CompiledRun> {
  const plan: LogicalPlan = query.plan;
  const ruleTables = outputTables(plan);
  const scans: [string, number][] = [];
  try {
    const result = await executeWithLineage(plan, tables, {
      now: query.now,
      onScanEnd: (table, rows) => scans.push([table, rows]),
      ...(tap ? { tap } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    return { diagnostics, ruleTables, rows: result.rows, scans };
  } catch (err) {
    if (err instanceof ExecutionError) {
      return { diagnostics: [...diagnostics, EngineDiagnostics.runtimeError(err.message)], ruleTables, rows: null, scans };
    }
    throw err;
  }
}

/**
 * Row ids are row numbers in scan order: a table that yields a different number of rows than
 * when the labels were matched would attribute alerts to the wrong events, so refuse to score.
 */
function checkedRun(run: CompiledRun, events: EventIndex): RuleRun {
  const unstable: string[] = [];
  for (const [table, rows] of run.scans) {
    const expected = events.byName.get(table)?.count;
    if (expected !== undefined && expected !== rows) unstable.push(`${table} (${rows} rows, ${expected} when labels were matched)`);
  }
  if (run.rows !== null && unstable.length > 0) {
    const message = `row lineage is unreliable: the inputs yielded a different number of rows on a second scan: ${unstable.join(', ')}`;
    return { diagnostics: [...run.diagnostics, EngineDiagnostics.runtimeError(message)], ruleTables: run.ruleTables, rows: null };
  }
  return { diagnostics: run.diagnostics, ruleTables: run.ruleTables, rows: run.rows };
}
