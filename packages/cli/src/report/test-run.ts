import type { DatasetReplay } from './replay-api.js';

/** One `kqlr test` invocation: a rule replayed over one or more datasets. */
export interface TestRun {
  /** Rule file as given on the command line. */
  rulePath: string;
  ruleText: string;
  replays: DatasetReplay[];
}

export function runPassed(run: TestRun): boolean {
  return run.replays.every((r) => r.passed);
}

/** Ratios as reports print them: 3 decimals, `n/a` when undefined (0/0). */
export function ratioText(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

/** Threshold limits and measurements: counts as integers, ratios with 3 decimals. */
export function thresholdValueText(name: string, value: number | null): string {
  if (value === null) return 'n/a';
  return name === 'maxFalsePositives' ? String(value) : value.toFixed(3);
}

export function thresholdLabel(name: string): string {
  switch (name) {
    case 'minRecall':
      return 'recall >=';
    case 'minPrecision':
      return 'precision >=';
    case 'maxFalsePositiveRate':
      return 'false-positive rate <=';
    default:
      return 'false positives <=';
  }
}

/** A label or event in one line: the match columns, as written in labels.jsonl. */
export function matchText(match: Record<string, unknown>): string {
  return Object.entries(match).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}
