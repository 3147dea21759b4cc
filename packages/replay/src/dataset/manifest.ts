import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parseIsoDatetime } from '@kqlr/common';
import { parseInputSpec } from '@kqlr/readers';
import { DatasetError } from './dataset-error.js';
import { jsonErrorLine, jsonErrorReason } from './json-position.js';

export type UnlabelledPolicy = 'benign' | 'ignore';

/** Pass/fail gates of a replay; every one is optional. */
export interface DatasetThresholds {
  /** FP / (FP + TN) must not exceed this. */
  maxFalsePositiveRate?: number;
  /** TP / (TP + FN) must be at least this. */
  minRecall?: number;
  /** TP / (TP + FP) must be at least this. */
  minPrecision?: number;
  /** FP count must not exceed this. */
  maxFalsePositives?: number;
}

export const THRESHOLD_NAMES = ['minRecall', 'minPrecision', 'maxFalsePositiveRate', 'maxFalsePositives'] as const;
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];

export interface DatasetManifest {
  /** Absolute folder holding dataset.json. */
  dir: string;
  /** Absolute path of dataset.json. */
  file: string;
  name: string;
  description: string;
  /** The instant ago()/now() see, as written and in ticks. */
  nowText: string;
  now: bigint;
  /** Inputs as for `kqlr run --data`: `PATH` or `Table=PATH`, the path made absolute. */
  inputs: DatasetInput[];
  /** Absolute path of the labels file. */
  labels: string;
  unlabelled: UnlabelledPolicy;
  thresholds: DatasetThresholds;
}

/** One entry of `inputs`: a file, folder or glob, and the table its rows belong to when it cannot say. */
export interface DatasetInput {
  path: string;
  table?: string;
}

const KEYS = new Set(['name', 'description', 'now', 'inputs', 'labels', 'unlabelled', 'thresholds']);

/** Reads and validates `DIR/dataset.json` (DIR may also name the dataset.json file itself). */
export async function loadManifest(dirOrFile: string): Promise<DatasetManifest> {
  const file = dirOrFile.endsWith('.json') ? resolve(dirOrFile) : resolve(dirOrFile, 'dataset.json');
  const dir = resolve(file, '..');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DatasetError(`cannot read dataset manifest: ${jsonErrorReason(err)}`, file);
  }
  return parseManifest(text, file, dir);
}

export function parseManifest(text: string, file: string, dir: string): DatasetManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DatasetError(`invalid JSON: ${jsonErrorReason(err)}`, file, jsonErrorLine(text, err));
  }
  const fail = (message: string): never => {
    throw new DatasetError(message, file, lineOfKey(text, message));
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a JSON object');
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KEYS.has(key)) fail(`unknown key "${key}" (expected one of ${[...KEYS].join(', ')})`);
  const name = o['name'];
  if (typeof name !== 'string' || name === '') fail('"name" must be a non-empty string');
  const description = o['description'] ?? '';
  if (typeof description !== 'string') fail('"description" must be a string');
  const nowText = o['now'];
  if (typeof nowText !== 'string') fail('"now" must be an ISO 8601 datetime string, e.g. "2025-06-12T08:00:00Z"');
  const now = parseIsoDatetime(nowText as string);
  if (now === null) fail(`"now" is not an ISO 8601 datetime: ${JSON.stringify(nowText)}`);
  const inputs = o['inputs'];
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((i) => typeof i === 'string' && i !== '')) {
    fail('"inputs" must be a non-empty array of paths (PATH or Table=PATH)');
  }
  const labels = o['labels'] ?? 'labels.jsonl';
  if (typeof labels !== 'string' || labels === '') fail('"labels" must be a path string');
  const unlabelled = o['unlabelled'] ?? 'benign';
  if (unlabelled !== 'benign' && unlabelled !== 'ignore') fail('"unlabelled" must be "benign" or "ignore"');
  const thresholds = parseThresholds(o['thresholds'], fail);
  const at = (p: string): string => (isAbsolute(p) ? p : join(dir, p));
  return {
    dir,
    file,
    name: name as string,
    description: description as string,
    nowText: nowText as string,
    now: now as bigint,
    // `Table=PATH` as `--data` takes it: a file whose rows could belong to several tables.
    inputs: (inputs as string[]).map((text) => {
      const spec = parseInputSpec(text);
      return spec.table === undefined ? { path: at(spec.path) } : { path: at(spec.path), table: spec.table };
    }),
    labels: at(labels as string),
    unlabelled: unlabelled as UnlabelledPolicy,
    thresholds,
  };
}

function parseThresholds(raw: unknown, fail: (m: string) => never): DatasetThresholds {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('"thresholds" must be an object');
  const out: DatasetThresholds = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(THRESHOLD_NAMES as readonly string[]).includes(key)) {
      fail(`unknown threshold "${key}" (expected ${THRESHOLD_NAMES.join(', ')})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`threshold "${key}" must be a number >= 0`);
    const isRatio = key !== 'maxFalsePositives';
    if (isRatio && (value as number) > 1) fail(`threshold "${key}" is a ratio: it must be between 0 and 1`);
    out[key as ThresholdName] = value as number;
  }
  return out;
}

/** Best effort: the line of the first key named in the message, so errors point at the entry. */
function lineOfKey(text: string, message: string): number | undefined {
  const m = /"([^"]+)"/.exec(message);
  if (m === null) return undefined;
  const at = text.indexOf(`"${m[1]}"`);
  if (at < 0) return undefined;
  return text.slice(0, at).split('\n').length;
}
