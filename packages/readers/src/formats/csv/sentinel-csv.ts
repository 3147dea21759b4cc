import type { RecordBatch } from 'apache-arrow';
import { DEFENDER_TABLES } from '@kqlr/common';
import { InputError } from '../../input-error.js';
import { CellError } from '../../values/cell-error.js';
import { parseDatetimeText, parseUsDisplayDatetime, zoneToUtc, type ZoneToUtc } from '../../values/parse-datetime.js';
import type { TableScan } from '../../scan/table-scan.js';
import { csvRecords, isBlankRecord } from './csv-parser.js';
import { parseSentinelHeader, SENTINEL_EXTRA_COLUMNS } from './sentinel-header.js';

/**
 * Log Analytics / Sentinel CSV export (§3d): ` [UTC]` / ` [Local Time]` header suffixes, US display
 * datetimes `M/D/YYYY, h:mm:ss.fff AM|PM`, and a `Type` column naming each row's table. Columns are
 * mapped by name, never by position.
 */
export async function* readSentinelCsv(scan: TableScan): AsyncGenerator<RecordBatch> {
  const { builder, ctx, schema } = scan;
  let mapping: number[] | undefined;
  let localCols: boolean[] = [];
  let typeIndex = -1;
  let width = 0;
  let toUtc: ZoneToUtc | undefined;
  const isDatetime = schema.columns.map((c) => c.type === 'datetime');
  for await (const block of csvRecords(scan.text())) {
    for (const rec of block) {
      if (mapping === undefined) {
        if (isBlankRecord(rec)) continue;
        if (rec.error) throw new InputError(`${scan.file.path}:${rec.line}: malformed CSV header: ${rec.error}`, scan.file.path, rec.line);
        const cols = rec.fields.map(parseSentinelHeader);
        width = cols.length;
        const names = schema.columns.map((c) => c.name);
        mapping = cols.map((c) => names.indexOf(c.name));
        // The Azure Monitor schema lists TimeGenerated but not Timestamp (they are equal in real
        // exports): without a Timestamp column, TimeGenerated provides it.
        const tg = cols.findIndex((c) => c.name === 'TimeGenerated');
        if (tg >= 0 && !cols.some((c) => c.name === 'Timestamp')) mapping[tg] = names.indexOf('Timestamp');
        localCols = cols.map((c) => c.local);
        typeIndex = cols.findIndex((c) => c.name === 'Type');
        if (localCols.some((l, k) => l && mapping![k]! >= 0)) toUtc = localZone(scan);
        const extras = cols.filter((c, k) => mapping![k]! < 0 && !SENTINEL_EXTRA_COLUMNS.has(c.name)).map((c) => c.name);
        if (extras.length > 0) ctx.warn(`${extras.length} column(s) not in ${scan.table} ignored: ${extras.slice(0, 8).join(', ')}`);
        continue;
      }
      if (isBlankRecord(rec)) continue;
      if (rec.error) {
        ctx.reportMalformed(rec.error, rec.line);
        continue;
      }
      if (rec.fields.length !== width) {
        ctx.reportMalformed(`expected ${width} fields (as in the header), found ${rec.fields.length}`, rec.line);
        continue;
      }
      if (typeIndex >= 0) {
        const t = rec.fields[typeIndex]!;
        if (t !== scan.table) {
          if (!(t in DEFENDER_TABLES)) ctx.otherTable();
          continue;
        }
      }
      try {
        for (let k = 0; k < width; k++) {
          const col = mapping[k]!;
          if (col < 0 || !builder.wants(col)) continue;
          const v = rec.fields[k]!;
          if (isDatetime[col] && v !== '') builder.setTicks(col, sentinelDatetime(v, localCols[k]! ? toUtc : undefined, schema.columns[col]!.name));
          else builder.setText(col, v);
        }
        builder.commitRow();
      } catch (err) {
        if (!(err instanceof CellError)) throw err;
        builder.abortRow();
        ctx.reportMalformed(err.message, rec.line);
        continue;
      }
      if (ctx.batchDue(builder.rows, scan.batchSize)) yield builder.flush();
    }
  }
  if (mapping === undefined) throw new InputError(`${scan.file.path}: empty file (no CSV header)`, scan.file.path);
  if (builder.rows > 0) yield builder.flush();
}

function sentinelDatetime(v: string, toUtc: ZoneToUtc | undefined, column: string): bigint {
  const wall = parseUsDisplayDatetime(v);
  if (wall !== null) return toUtc ? toUtc(wall) : wall;
  const iso = parseDatetimeText(v);
  if (iso !== null) return iso;
  throw new CellError(`unparseable datetime ${JSON.stringify(v)} in column ${column}`);
}

function localZone(scan: TableScan): ZoneToUtc {
  const zone = scan.ctx.options.timezone;
  if (zone === undefined) {
    scan.ctx.warn('datetime columns are in "[Local Time]" of the exporter, which the file does not state; assuming UTC (set a time zone to correct this)');
    return (t) => t;
  }
  const conv = zoneToUtc(zone);
  if (conv === null) throw new InputError(`unknown time zone ${JSON.stringify(zone)} (use an IANA name such as Europe/Berlin or an offset such as +02:00)`);
  return conv;
}
