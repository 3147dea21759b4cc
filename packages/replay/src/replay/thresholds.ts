import { THRESHOLD_NAMES, type DatasetThresholds, type ThresholdName } from '../dataset/manifest.js';
import type { ReplayMetrics } from './score.js';

export interface ThresholdCheck {
  name: ThresholdName;
  limit: number;
  /** The measured value; null when undefined (0/0), which passes: nothing to catch or no alert. */
  actual: number | null;
  passed: boolean;
}

/** Evaluates each threshold the dataset sets, in a fixed order. Without metrics (rule failed) all fail. */
export function checkThresholds(thresholds: DatasetThresholds, metrics: ReplayMetrics | null): ThresholdCheck[] {
  const checks: ThresholdCheck[] = [];
  for (const name of THRESHOLD_NAMES) {
    const limit = thresholds[name];
    if (limit === undefined) continue;
    if (metrics === null) {
      checks.push({ name, limit, actual: null, passed: false });
      continue;
    }
    const actual = measured(name, metrics);
    const passed = actual === null ? true : name.startsWith('min') ? actual >= limit : actual <= limit;
    checks.push({ name, limit, actual, passed });
  }
  return checks;
}

function measured(name: ThresholdName, m: ReplayMetrics): number | null {
  switch (name) {
    case 'minRecall':
      return m.recall;
    case 'minPrecision':
      return m.precision;
    case 'maxFalsePositiveRate':
      return m.falsePositiveRate;
    case 'maxFalsePositives':
      return m.falsePositives;
  }
}
