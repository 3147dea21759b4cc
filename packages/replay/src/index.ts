export { ROW_ID_COLUMN, encodeRowId, decodeRowId } from './lineage/row-id.js';
export { withLineage, type LineagePlan } from './lineage/lineage-plan.js';
export { lineageTables, type LineageTables, type LineageTableOptions, type ScanTap } from './lineage/lineage-tables.js';
export {
  executeWithLineage,
  outputTables,
  type LineageRow,
  type LineageResult,
  type LineageRunOptions,
} from './lineage/execute-with-lineage.js';
export { DatasetError } from './dataset/dataset-error.js';
export {
  loadManifest,
  parseManifest,
  THRESHOLD_NAMES,
  type DatasetManifest,
  type DatasetThresholds,
  type ThresholdName,
  type UnlabelledPolicy,
} from './dataset/manifest.js';
export { loadLabels, parseLabels, type Label, type LabelKind, type MatchValue } from './dataset/labels.js';
export { EventIndexBuilder, indexEvents, lookupEvent, type EventIndex, type EventTable, type EventRef } from './dataset/event-index.js';
export { loadDataset, type LoadedDataset, type LoadOptions } from './dataset/load-dataset.js';
export { scoreRows, type AlertOutcome, type AlertedEvent, type ReplayMetrics, type Score } from './replay/score.js';
export { checkThresholds, type ThresholdCheck } from './replay/thresholds.js';
export { replayAndLoad, replayDataset, runRule, type DatasetReplay, type ReplayOptions } from './replay/replay-dataset.js';
export { diffRules, compareReplays, type DatasetDiff, type RuleDiff, type DiffOptions } from './diff/diff-rules.js';
export { chartJsAsset, type ScriptAsset } from './report-assets/chart-js.js';
