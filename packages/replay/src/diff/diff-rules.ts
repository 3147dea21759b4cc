import type { LoadedDataset } from '../dataset/load-dataset.js';
import type { Label } from '../dataset/labels.js';
import type { ThresholdName } from '../dataset/manifest.js';
import { replayAndLoad, replayDataset, type DatasetReplay, type ReplayOptions } from '../replay/replay-dataset.js';
import type { AlertedEvent } from '../replay/score.js';

export interface DiffOptions extends ReplayOptions {
  oldRulePath?: string;
  newRulePath?: string;
  /** Called before each replay: which rule, over which dataset (its folder, or its name once loaded). */
  onReplay?: (rule: 'old' | 'new', dataset: string) => void;
}

export interface DatasetDiff {
  dataset: string;
  old: DatasetReplay;
  new: DatasetReplay;
  /** Events the new rule alerts on and the old one does not, with their labels. */
  added: AlertedEvent[];
  /** Events the old rule alerted on and the new one does not. */
  removed: AlertedEvent[];
  /** Malicious labels the old rule caught and the new one misses. */
  lostTruePositives: Label[];
  gainedTruePositives: Label[];
  truePositivesDelta: number;
  falsePositivesDelta: number;
  /** Thresholds the old rule met and the new one breaks. */
  brokenThresholds: ThresholdName[];
  /** A lost true positive, a newly broken threshold, or a new rule that no longer runs. */
  regression: boolean;
}

export interface RuleDiff {
  datasets: DatasetDiff[];
  regression: boolean;
}

/**
 * Replays an old and a new version of a rule over the same datasets and compares them event by
 * event (row lineage, so a changed `project` does not look like a different alert).
 */
export async function diffRules(
  oldRule: string,
  newRule: string,
  datasets: readonly (string | LoadedDataset)[],
  options: DiffOptions = {},
): Promise<RuleDiff> {
  const out: DatasetDiff[] = [];
  for (const d of datasets) {
    // A folder is read together with the old rule's run; the new rule replays over what it loaded.
    options.onReplay?.('old', typeof d === 'string' ? d : d.manifest.name);
    const { replay: before, loaded } = await replayAndLoad(oldRule, d, { ...options, ...(options.oldRulePath ? { rulePath: options.oldRulePath } : {}) });
    options.onReplay?.('new', typeof d === 'string' ? d : d.manifest.name);
    const after = await replayDataset(newRule, loaded, { ...options, ...(options.newRulePath ? { rulePath: options.newRulePath } : {}) });
    out.push(compareReplays(before, after));
  }
  return { datasets: out, regression: out.some((d) => d.regression) };
}

/** Compares two replays of the same dataset. */
export function compareReplays(before: DatasetReplay, after: DatasetReplay): DatasetDiff {
  const key = (e: AlertedEvent): string => (e.id === null ? 'unattributed' : e.id.toString());
  const oldKeys = new Set(before.alerted.map(key));
  const newKeys = new Set(after.alerted.map(key));
  const added = after.alerted.filter((e) => !oldKeys.has(key(e)));
  const removed = before.alerted.filter((e) => !newKeys.has(key(e)));
  const newCaught = new Set(after.caught.map((l) => l.index));
  const oldCaught = new Set(before.caught.map((l) => l.index));
  const lostTruePositives = before.caught.filter((l) => !newCaught.has(l.index));
  const gainedTruePositives = after.caught.filter((l) => !oldCaught.has(l.index));
  const newChecks = new Map(after.thresholds.map((t) => [t.name, t]));
  const brokenThresholds = before.thresholds
    .filter((t) => t.passed && newChecks.get(t.name)?.passed === false)
    .map((t) => t.name);
  // A new rule that does not run is a regression even when the old one did not run either:
  // a diff that compared nothing must not report success.
  const newFailedToRun = after.metrics === null;
  return {
    dataset: after.dataset.name,
    old: before,
    new: after,
    added,
    removed,
    lostTruePositives,
    gainedTruePositives,
    truePositivesDelta: (after.metrics?.truePositives ?? 0) - (before.metrics?.truePositives ?? 0),
    falsePositivesDelta: (after.metrics?.falsePositives ?? 0) - (before.metrics?.falsePositives ?? 0),
    brokenThresholds,
    regression: lostTruePositives.length > 0 || brokenThresholds.length > 0 || newFailedToRun,
  };
}
