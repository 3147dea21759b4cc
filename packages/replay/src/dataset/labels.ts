import { readFile } from 'node:fs/promises';
import { DEFENDER_TABLES, parseIsoDatetime, type KqlType } from '@kqlr/common';
import { DatasetError } from './dataset-error.js';
import { jsonErrorReason } from './json-position.js';

export type LabelKind = 'malicious' | 'benign' | 'ignore';

export type MatchValue = string | number | boolean | null;

export interface Label {
  /** Index in file order (the first matching label of an event decides its kind). */
  index: number;
  /** 1-based line in the labels file. */
  line: number;
  table: string;
  match: Record<string, MatchValue>;
  label: LabelKind;
  category: string;
  scenario: string;
}

const KINDS: readonly LabelKind[] = ['malicious', 'benign', 'ignore'];
const KEYS = new Set(['table', 'match', 'label', 'category', 'scenario']);

export async function loadLabels(file: string): Promise<Label[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DatasetError(`cannot read labels: ${jsonErrorReason(err)}`, file);
  }
  return parseLabels(text, file);
}

/**
 * Parses labels.jsonl: one object per non-blank line. Tables must be Defender tables, match
 * columns must exist in them, and values must fit the column's type (datetimes as ISO text).
 * A (table, match) pair may appear once only.
 */
export function parseLabels(text: string, file: string): Label[] {
  const labels: Label[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i]!.trim();
    if (source === '') continue;
    const line = i + 1;
    const fail = (message: string): never => {
      throw new DatasetError(message, file, line);
    };
    let raw: unknown;
    try {
      raw = JSON.parse(source);
    } catch (err) {
      fail(`invalid JSON: ${jsonErrorReason(err)}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a JSON object');
    const o = raw as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!KEYS.has(key)) fail(`unknown key "${key}" (expected ${[...KEYS].join(', ')})`);
    const table = o['table'];
    if (typeof table !== 'string') fail('"table" must be a string');
    const schema = DEFENDER_TABLES[table as string];
    if (schema === undefined) fail(`unknown table "${String(table)}" (expected a Defender table, e.g. DeviceFileEvents)`);
    const label = o['label'];
    if (!KINDS.includes(label as LabelKind)) fail(`"label" must be one of ${KINDS.join(', ')}`);
    const category = o['category'] ?? '';
    const scenario = o['scenario'] ?? '';
    if (typeof category !== 'string') fail('"category" must be a string');
    if (typeof scenario !== 'string') fail('"scenario" must be a string');
    const match = o['match'];
    if (typeof match !== 'object' || match === null || Array.isArray(match) || Object.keys(match).length === 0) {
      fail('"match" must be a non-empty object of column: value');
    }
    for (const [column, value] of Object.entries(match as Record<string, unknown>)) {
      const def = schema!.columns.find((c) => c.name === column);
      if (def === undefined) fail(`match column "${column}" is not a column of ${String(table)}`);
      const problem = valueProblem(def!.type, value);
      if (problem !== null) fail(`match column "${column}" (${def!.type}): ${problem}`);
    }
    const key = `${String(table)}\u0000${canonicalMatch(match as Record<string, MatchValue>)}`;
    const previous = seen.get(key);
    if (previous !== undefined) fail(`duplicate label: same table and match as line ${previous}`);
    seen.set(key, line);
    labels.push({
      index: labels.length,
      line,
      table: table as string,
      match: match as Record<string, MatchValue>,
      label: label as LabelKind,
      category: category as string,
      scenario: scenario as string,
    });
  }
  return labels;
}

function valueProblem(type: KqlType, value: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? null : 'expected a string';
    case 'guid':
      return typeof value === 'string' || value === null ? null : 'expected a string or null';
    case 'datetime':
      if (value === null) return null;
      return typeof value === 'string' && parseIsoDatetime(value) !== null ? null : 'expected an ISO 8601 datetime string';
    case 'bool':
      return typeof value === 'boolean' || value === null ? null : 'expected true, false or null';
    case 'int':
    case 'long':
      if (value === null) return null;
      if (typeof value === 'number' && Number.isInteger(value)) return null;
      return typeof value === 'string' && /^-?\d+$/.test(value) ? null : 'expected an integer';
    case 'real':
    case 'decimal':
      return typeof value === 'number' || value === null ? null : 'expected a number or null';
    case 'timespan':
    case 'dynamic':
      return 'matching on this column type is not supported';
  }
}

function canonicalMatch(match: Record<string, MatchValue>): string {
  return JSON.stringify(Object.keys(match).sort().map((k) => [k, match[k]]));
}
