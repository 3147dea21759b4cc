import { DEFENDER_TABLES, type ColumnDef, type TableSchema } from '@kqlr/common';

/**
 * The 15 DeviceFileEvents columns the synthetic data carries (performance-notes.md: "15 columns").
 * Types come from the canonical Defender schema, never from the data, so every writer agrees.
 */
export const BENCH_COLUMN_NAMES = [
  'Timestamp',
  'DeviceId',
  'DeviceName',
  'ActionType',
  'FileName',
  'FolderPath',
  'SHA1',
  'FileSize',
  'InitiatingProcessAccountDomain',
  'InitiatingProcessAccountName',
  'InitiatingProcessFileName',
  'InitiatingProcessFolderPath',
  'InitiatingProcessId',
  'InitiatingProcessCommandLine',
  'ReportId',
] as const;

export type BenchColumnName = (typeof BENCH_COLUMN_NAMES)[number];

function pickColumns(): ColumnDef[] {
  const table = DEFENDER_TABLES['DeviceFileEvents'];
  if (!table) throw new Error('DeviceFileEvents missing from the Defender schema');
  return BENCH_COLUMN_NAMES.map((name) => {
    const def = table.columns.find((c) => c.name === name);
    if (!def) throw new Error(`DeviceFileEvents has no column ${name}`);
    return def;
  });
}

/** The bench table's schema: a projection of DeviceFileEvents, in the order above. */
export const BENCH_SCHEMA: TableSchema = { name: 'DeviceFileEvents', columns: pickColumns() };
