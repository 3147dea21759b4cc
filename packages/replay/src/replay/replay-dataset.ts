import { hasErrors, type Diagnostic } from '@kqlr/common';
import { compileQuery, EngineDiagnostics } from '@kqlr/engine';
import { ExecutionError } from '@kqlr/executor';
import type { LogicalPlan } from '@kqlr/planner';
import { loadDataset, type LoadedDataset, type LoadOptions } from '../dataset/load-dataset.js';
import type { Label } from '../dataset/labels.js';
import { executeWithLineage, outputTables, type LineageRow } from '../lineage/execute-with-lineage.js';
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
  const loaded = typeof dataset === 'string' ? await loadDataset(dataset, options) : dataset;
  const run = await runRule(rule, loaded, options);
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

/** Compiles with the dataset's `now` and runs with lineage; errors become diagnostics. */
export async function runRule(rule: string, loaded: LoadedDataset, options: LoadOptions = {}): Promise<RuleRun> {
  const compiled = compileQuery(rule, { now: loaded.manifest.now });
  if (compiled.result === null || hasErrors(compiled.diagnostics)) {
    return { diagnostics: compiled.diagnostics, ruleTables: [], rows: null };
  }
  const plan: LogicalPlan = compiled.result.plan;
  const ruleTables = outputTables(plan);
  // Row ids are row numbers in scan order: a table that yields a different number of rows than
  // when the labels were matched would attribute alerts to the wrong events, so refuse to score.
  const unstable: string[] = [];
  const onScanEnd = (table: string, rows: number): void => {
    const expected = loaded.events.byName.get(table)?.count;
    if (expected !== undefined && expected !== rows) unstable.push(`${table} (${rows} rows, ${expected} when labels were matched)`);
  };
  try {
    const result = await executeWithLineage(plan, loaded.inputs.tables, {
      now: compiled.result.now,
      onScanEnd,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    if (unstable.length > 0) {
      const message = `row lineage is unreliable: the inputs yielded a different number of rows on a second scan: ${unstable.join(', ')}`;
      return { diagnostics: [...compiled.diagnostics, EngineDiagnostics.runtimeError(message)], ruleTables, rows: null };
    }
    return { diagnostics: compiled.diagnostics, ruleTables, rows: result.rows };
  } catch (err) {
    if (err instanceof ExecutionError) {
      return { diagnostics: [...compiled.diagnostics, EngineDiagnostics.runtimeError(err.message)], ruleTables, rows: null };
    }
    throw err;
  }
}
