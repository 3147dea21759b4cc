import { parseIsoDatetime, parseTimespanText, type ColumnDef, type DynamicValue, type ScalarValue } from '@kqlr/common';

export type TableRowsResult = { ok: true; rows: ScalarValue[][] } | { ok: false; error: string };

/**
 * Converts JSON-object rows (one object per line, keys = column names) into rows of ScalarValue
 * in column order. A missing key is the column's empty value: `""` for string (Kusto strings have
 * no null, kql-semantics.md §2), null otherwise. Datetimes are ISO text, timespans
 * `[d.]hh:mm:ss[.f]` text, longs a JSON number or a decimal string (for values past 2^53).
 */
export function tableRowsFromJsonLines(columns: readonly ColumnDef[], lines: readonly { line: number; text: string }[]): TableRowsResult {
  const names = new Set(columns.map((c) => c.name));
  const rows: ScalarValue[][] = [];
  for (const { line, text } of lines) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return { ok: false, error: `line ${line}: not JSON: ${(e as Error).message}` };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, error: `line ${line}: a row must be a JSON object` };
    }
    const obj = parsed as Record<string, unknown>;
    const unknown = Object.keys(obj).filter((k) => !names.has(k));
    if (unknown.length > 0) return { ok: false, error: `line ${line}: unknown column(s) ${unknown.join(', ')}` };
    const row: ScalarValue[] = [];
    for (const column of columns) {
      const value = convert(obj[column.name], column);
      if (value instanceof Error) return { ok: false, error: `line ${line}: ${column.name}: ${value.message}` };
      row.push(value);
    }
    rows.push(row);
  }
  return { ok: true, rows };
}

function convert(value: unknown, column: ColumnDef): ScalarValue | Error {
  if (value === undefined) return column.type === 'string' ? '' : null;
  if (value === null) return column.type === 'string' ? new Error('strings cannot be null; omit the key or use ""') : null;
  const bad = () => new Error(`${JSON.stringify(value)} is not a ${column.type}`);
  switch (column.type) {
    case 'string':
    case 'guid':
      return typeof value === 'string' ? value : bad();
    case 'bool':
      return typeof value === 'boolean' ? value : bad();
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 ? value : bad();
    case 'long':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
      return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : bad();
    case 'real':
    case 'decimal':
      if (typeof value === 'number') return value;
      if (value === 'NaN') return NaN;
      if (value === 'Infinity') return Infinity;
      if (value === '-Infinity') return -Infinity;
      return bad();
    case 'datetime':
      return typeof value === 'string' ? (parseIsoDatetime(value) ?? bad()) : bad();
    case 'timespan':
      return typeof value === 'string' ? (parseTimespanText(value) ?? bad()) : bad();
    case 'dynamic':
      return value as DynamicValue;
  }
}
