import { DEFENDER_TABLES, type KqlType, type ScalarValue, type TableProvider } from '@kqlr/common';
import { memoryTable } from '@kqlr/engine';

const STRINGS = ['', 'cmd.exe', '/etc/systemd/system/evil.service', 'ÄÖü ß', 'a"b\\c', 'North America', 'systemctl enable x', '\u0000\ud800'];

function valueFor(type: KqlType, row: number, col: number): ScalarValue {
  const k = (row * 7 + col * 3) % 8;
  if (k === 7 && type !== 'string') return null;
  switch (type) {
    case 'bool':
      return k % 2 === 0;
    case 'int':
      return [0, 1, -1, 2147483647, -2147483648, 42, 7][k] ?? 0;
    case 'long':
      return [0n, 1n, -1n, 9223372036854775807n, -9223372036854775808n, 42n, 7n][k] ?? 0n;
    case 'real':
    case 'decimal':
      return [0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e308, -2.25][k] ?? 0;
    case 'string':
      return STRINGS[k]!;
    case 'datetime':
      return [0n, 638_500_000_000_000_000n - 621_355_968_000_000_000n, 1n, -621_355_968_000_000_000n, 2_534_023_007_999_999_999n, 17_184_000_000_000_000n, 5n][k] ?? 0n;
    case 'timespan':
      return [0n, 10_000_000n, -1n, 864_000_000_000n, 9_223_372_036_854_775_807n, 5n, 1n][k] ?? 0n;
    case 'guid':
      return '0b9f6c1e-3d2a-4e5f-8a7b-9c0d1e2f3a4b';
    case 'dynamic':
      return [{ a: [1, 'x', null] }, [1, 2], 'text', 3.5, true, { '': { b: {} } }, []][k] ?? null;
  }
}

/**
 * Small in-memory Defender tables (6 rows of edge values: nulls, extremes, NaN, non-ASCII, empty
 * strings) for fuzzed queries, cut into batches of `batchSize` rows (and dictionary-encoded string
 * columns when `dictionary`), so one query can be compared across batchings.
 */
export function smallDefenderTables(batchSize: number, dictionary: boolean): Map<string, TableProvider> {
  const tables = new Map<string, TableProvider>();
  for (const [name, schema] of Object.entries(DEFENDER_TABLES)) {
    const rows = Array.from({ length: 6 }, (_, r) => schema.columns.map((c, j) => valueFor(c.type, r, j)));
    const dict = dictionary ? schema.columns.filter((c) => c.type === 'string').map((c) => c.name) : [];
    tables.set(name, memoryTable(name, schema, rows, { batchSize, dictionaryColumns: dict }));
  }
  return tables;
}
