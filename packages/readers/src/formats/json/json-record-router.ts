import { DEFENDER_TABLES, type TableSchema } from '@kqlr/common/core';
import type { BatchBuilder } from '../../arrow/batch-builder.js';
import { CellError } from '../../values/cell-error.js';
import type { FileScanContext } from '../../scan/scan-context.js';

export const STREAMING_CATEGORY_PREFIX = 'AdvancedHunting-';

type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Looks up a key case-insensitively (hunting API responses use `Results` or `results`). */
export function keyCi(o: JsonObject, name: string): unknown {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/**
 * Routes parsed JSON values to rows of one table: Streaming API records (`category` +
 * `properties`, table from the category), Event Hubs bodies (`records`), hunting API results
 * (`Results`/`results` arrays, rows as objects), Log Analytics query results (`tables[].rows`),
 * and flat rows (the file's table). Unknown keys are ignored; a value of the wrong type makes the
 * record malformed.
 */
export class JsonRecordRouter {
  private readonly index: Map<string, number>;
  private readonly indexCi: Map<string, number>;

  constructor(
    private readonly table: string,
    schema: TableSchema,
    private readonly builder: BatchBuilder,
    private readonly ctx: FileScanContext,
    /** Flat rows belong to the scanned table only when the file feeds exactly one table. */
    private readonly flatRowsAllowed: boolean,
  ) {
    this.index = new Map(schema.columns.map((c, i) => [c.name, i]));
    this.indexCi = new Map(schema.columns.map((c, i) => [c.name.toLowerCase(), i]));
  }

  route(v: unknown, line: number): void {
    if (!isJsonObject(v)) {
      if (Array.isArray(v)) {
        for (const item of v) this.route(item, line);
        return;
      }
      this.ctx.reportMalformed(`expected a JSON object, found ${v === null ? 'null' : typeof v}`, line);
      return;
    }
    const records = v['records'];
    if (Array.isArray(records)) {
      for (const r of records) this.route(r, line);
      return;
    }
    const category = v['category'];
    const properties = v['properties'];
    if (typeof category === 'string' && isJsonObject(properties)) {
      const table = category.startsWith(STREAMING_CATEGORY_PREFIX) ? category.slice(STREAMING_CATEGORY_PREFIX.length) : category;
      if (table !== this.table) {
        if (!(table in DEFENDER_TABLES)) this.ctx.otherTable();
        return;
      }
      this.writeRow(properties, line);
      return;
    }
    const results = keyCi(v, 'results');
    if (Array.isArray(results) && keyCi(v, 'schema') !== undefined) {
      for (const r of results) this.route(r, line);
      return;
    }
    const tables = v['tables'];
    if (Array.isArray(tables) && tables.every(isJsonObject)) {
      for (const t of tables) this.routeQueryTable(t, line);
      return;
    }
    if (!this.flatRowsAllowed) {
      this.ctx.reportMalformed('a row without "category" in a file of Streaming API records (which table?)', line);
      return;
    }
    this.writeRow(v, line);
  }

  /** Log Analytics query API: `{name, columns:[{name,type}], rows:[[...]]}`. */
  private routeQueryTable(t: JsonObject, line: number): void {
    const columns = t['columns'];
    const rows = t['rows'];
    if (!Array.isArray(columns) || !Array.isArray(rows)) {
      this.ctx.reportMalformed('"tables" entry without "columns" and "rows" arrays', line);
      return;
    }
    const names = columns.map((c) => (isJsonObject(c) ? String(keyCi(c, 'name') ?? '') : ''));
    const typeAt = names.indexOf('Type');
    for (const row of rows) {
      if (!Array.isArray(row) || row.length !== names.length) {
        this.ctx.reportMalformed(`query result row with ${Array.isArray(row) ? row.length : 'no'} values, expected ${names.length}`, line);
        continue;
      }
      if (typeAt >= 0 && typeof row[typeAt] === 'string' && row[typeAt] !== this.table) {
        if (!(row[typeAt] in DEFENDER_TABLES)) this.ctx.otherTable();
        continue;
      }
      if (typeAt < 0 && !this.flatRowsAllowed) {
        this.ctx.reportMalformed('query result without a Type column in a multi-table file', line);
        return;
      }
      const obj: JsonObject = {};
      names.forEach((n, k) => (obj[n] = row[k]));
      this.writeRow(obj, line);
    }
  }

  private writeRow(o: JsonObject, line: number): void {
    const b = this.builder;
    try {
      for (const key in o) {
        let i = this.index.get(key);
        if (i === undefined) i = this.indexCi.get(key.toLowerCase());
        if (i !== undefined) b.setJson(i, o[key]);
      }
      // Log Analytics rows may carry TimeGenerated only (equal to Timestamp in real exports).
      if (o['TimeGenerated'] !== undefined && o['Timestamp'] === undefined) {
        const ts = this.index.get('Timestamp');
        if (ts !== undefined) b.setJson(ts, o['TimeGenerated']);
      }
      b.commitRow();
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      b.abortRow();
      this.ctx.reportMalformed(err.message, line);
    }
  }
}
