import { DEFENDER_TABLES } from '@kqlr/common';
import { basename } from 'node:path';
import { InputError } from '../input-error.js';
import { headText } from '../io/text-chunks.js';
import { SENTINEL_EXTRA_COLUMNS, parseSentinelHeader } from '../formats/csv/sentinel-header.js';
import { JsonDocumentSplitter } from '../formats/json/json-document-splitter.js';
import { isJsonObject, keyCi } from '../formats/json/json-record-router.js';
import type { InputFormat } from '../input-spec.js';
import { csvHeaderOf } from './csv-header.js';
import { inferTable, tableNameHelp } from './infer-table.js';

export const SYSMON_TABLES = ['DeviceFileEvents', 'DeviceProcessEvents'];
const ALL_TABLES = Object.keys(DEFENDER_TABLES);

export interface Binding {
  tables: string[];
  rule: string;
}

export function checkTableName(table: string, path: string): void {
  if (!(table in DEFENDER_TABLES)) {
    throw new InputError(`${path}: unknown table ${JSON.stringify(table)} (known tables: ${ALL_TABLES.join(', ')})`, path);
  }
}

/**
 * Which tables a file feeds, from its format and first records (§3a: from the header; §3b: per
 * record; §3d: per row `Type`); a table named by the user wins. Throws an InputError asking the
 * user to name the table when the content cannot settle it.
 */
export function bindTables(path: string, format: InputFormat, head: Uint8Array, layout: 'lines' | 'document' | undefined, userTable?: string): Binding {
  if (userTable !== undefined) {
    checkTableName(userTable, path);
    if (format === 'sysmon' && !SYSMON_TABLES.includes(userTable)) {
      throw new InputError(`${path}: Sysmon for Linux maps to ${SYSMON_TABLES.join(' and ')} only, not ${userTable}`, path);
    }
    return { tables: [userTable], rule: 'named by the user' };
  }
  const text = () => headText(head);
  switch (format) {
    case 'sysmon':
      return { tables: SYSMON_TABLES, rule: 'Sysmon events 11/23 -> DeviceFileEvents, 1 -> DeviceProcessEvents' };
    case 'defender-csv': {
      const header = csvHeaderOf(text()) ?? [];
      const inf = inferTable(header);
      if (inf.kind === 'table') return { tables: [inf.table], rule: inf.rule };
      throw new InputError(tableNameHelp(path, inf.rule), path);
    }
    case 'sentinel-csv': {
      const header = (csvHeaderOf(text()) ?? []).map((h) => parseSentinelHeader(h).name);
      if (header.includes('Type')) return { tables: ALL_TABLES, rule: 'the Type column names the table of each row' };
      const inf = inferTable(header, SENTINEL_EXTRA_COLUMNS);
      if (inf.kind === 'table') return { tables: [inf.table], rule: inf.rule };
      throw new InputError(tableNameHelp(path, inf.rule), path);
    }
    case 'json': {
      const first = firstJsonRecord(text(), layout ?? 'lines');
      if (first === undefined) return { tables: ALL_TABLES, rule: 'no complete JSON record in the first bytes; tables from record categories' };
      const row = flatRowOf(first);
      if (row === undefined) return { tables: ALL_TABLES, rule: 'Streaming API records: the table comes from each record\'s category' };
      const inf = inferTable(Object.keys(row));
      if (inf.kind === 'table') return { tables: [inf.table], rule: inf.rule };
      throw new InputError(tableNameHelp(path, inf.rule), path);
    }
    case 'arrow':
    case 'parquet': {
      const stem = basename(path).replace(/\..*$/, '');
      if (stem in DEFENDER_TABLES) return { tables: [stem], rule: `file name ${basename(path)}` };
      return { tables: ALL_TABLES, rule: 'table from the kql.table schema metadata or the column names' };
    }
  }
}

function firstJsonRecord(text: string, layout: 'lines' | 'document'): unknown {
  if (layout === 'lines') {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
  const els = new JsonDocumentSplitter(() => undefined).feed(text);
  if (els.length === 0) return undefined;
  try {
    return JSON.parse(els[0]!.text);
  } catch {
    return undefined;
  }
}

/** The first flat result row of a JSON value, or undefined when records carry their table. */
function flatRowOf(v: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(v)) return v.length > 0 ? flatRowOf(v[0]) : undefined;
  if (!isJsonObject(v)) return undefined;
  const records = v['records'];
  if (Array.isArray(records)) return records.length > 0 ? flatRowOf(records[0]) : undefined;
  if (typeof v['category'] === 'string' && 'properties' in v) return undefined;
  const tables = v['tables'];
  if (Array.isArray(tables)) {
    const cols = isJsonObject(tables[0]) ? tables[0]['columns'] : undefined;
    const names = Array.isArray(cols) ? cols.map((c) => (isJsonObject(c) ? String(keyCi(c, 'name') ?? '') : '')) : [];
    if (names.includes('Type')) return undefined;
    return Object.fromEntries(names.filter((n) => !SENTINEL_EXTRA_COLUMNS.has(n)).map((n) => [n, null]));
  }
  const results = keyCi(v, 'results');
  if (Array.isArray(results)) return results.length > 0 ? flatRowOf(results[0]) : undefined;
  return v;
}
