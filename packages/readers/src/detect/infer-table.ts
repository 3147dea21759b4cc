import { DEFENDER_TABLES } from '@kqlr/common';

/** Result of matching a header against the catalog. */
export type TableInference =
  | { kind: 'table'; table: string; rule: string }
  | { kind: 'none'; rule: string };

/**
 * The table whose schema contains every given column (§3a). When several tables fit (a projection
 * of shared columns) or none does (a `union` export), the user must name it. `ignore` lists
 * columns that belong to the export format rather than the table (Sentinel's TenantId, Type...).
 */
export function inferTable(columns: readonly string[], ignore: ReadonlySet<string> = new Set()): TableInference {
  const cols = columns.filter((c) => c !== '' && !ignore.has(c));
  if (cols.length === 0) return { kind: 'none', rule: 'no column names to infer the table from' };
  const fits: string[] = [];
  const misses: string[] = [];
  for (const [name, schema] of Object.entries(DEFENDER_TABLES)) {
    const known = new Set(schema.columns.map((c) => c.name));
    const missing = cols.filter((c) => !known.has(c));
    if (missing.length === 0) fits.push(name);
    else misses.push(`${name} lacks ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` (+${missing.length - 3} more)` : ''}`);
  }
  if (fits.length === 1) return { kind: 'table', table: fits[0]!, rule: `every column of the header belongs to ${fits[0]} only` };
  if (fits.length > 1) {
    return { kind: 'none', rule: `the columns fit several tables (${fits.join(', ')}): a projection of shared columns` };
  }
  return { kind: 'none', rule: `the columns fit no known table (${misses.join('; ')}), e.g. a union export` };
}

export function tableNameHelp(path: string, rule: string): string {
  const tables = Object.keys(DEFENDER_TABLES).join(', ');
  // The same syntax names the table on the command line and in a labelled dataset's "inputs".
  return `${path}: cannot tell which table the rows belong to: ${rule}. Name it with --data <Table>=${path} (or "<Table>=${path}" in a dataset's inputs; tables: ${tables})`;
}
