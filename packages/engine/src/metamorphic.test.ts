import { describe, expect } from 'vitest';
import { it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseIsoDatetime, type ScalarValue, type TableProvider, type TableSchema } from '@kqlr/common';
import { createCatalog } from '@kqlr/planner';
import { memoryTable, runQuery, type RunOptions } from './index.js';

// Metamorphic and invariance checks over the whole pipeline (parser -> planner -> executor).
const SEED = 424242;
const NOW = parseIsoDatetime('2024-05-01T00:00:00Z')!;
const HOUR = 36_000_000_000n;

const schema: TableSchema = {
  name: 'Events',
  columns: [
    { name: 'Timestamp', type: 'datetime' },
    { name: 'ActionType', type: 'string' },
    { name: 'FolderPath', type: 'string' },
    { name: 'FileName', type: 'string' },
    { name: 'Size', type: 'long' },
    { name: 'Score', type: 'real' },
  ],
};
const catalog = createCatalog([schema, { ...schema, name: 'Other' }]);

const actions = ['FileCreated', 'FileModified', 'FileDeleted', 'filecreated'];
const folders = ['/etc/systemd/system/', '/etc/systemd/system.conf', '/home/u/.config/systemd/user/', '/x/etc/systemd/system/y', '/tmp', ''];
const files = ['a.service', 'B.SERVICE', 'kthreadd.service', 'x.conf', ''];

const rowArb = fc.tuple(
  fc.option(fc.bigInt({ min: -48n, max: 2n }), { nil: null, freq: 6 }),
  fc.constantFrom(...actions),
  fc.constantFrom(...folders),
  fc.constantFrom(...files),
  fc.option(fc.bigInt({ min: -5n, max: 5n }), { nil: null, freq: 5 }),
  fc.option(fc.constantFrom(0, 1.5, -2, NaN), { nil: null, freq: 5 }),
).map(([h, a, f, n, s, r]): ScalarValue[] => [h === null ? null : NOW + h * HOUR, a, f, f + n, s, r]);

const predicates = [
  'Timestamp > ago(24h)',
  'ActionType in ("FileCreated", "FileModified")',
  'ActionType in~ ("filecreated")',
  'FolderPath has_any ("/etc/systemd/system/", ".config/systemd/user/")',
  'FileName endswith ".service"',
  'FolderPath has "systemd"',
  'Size >= 0',
  'Size != 2',
  'Score < 1',
  'not(FileName contains "conf")',
  'isnull(Size)',
  'Timestamp between (ago(30h) .. now())',
];

function tables(rows: ScalarValue[][], batchSize: number): ReadonlyMap<string, TableProvider> {
  const opts = { batchSize, dictionaryColumns: ['ActionType', 'FolderPath'] };
  return new Map([
    ['Events', memoryTable('Events', schema, rows, opts)],
    ['Other', memoryTable('Other', { ...schema, name: 'Other' }, rows.slice(0, 3), opts)],
  ]);
}

async function rowsOf(query: string, options: RunOptions): Promise<ScalarValue[][]> {
  const r = await runQuery(query, { catalog, now: NOW, ...options });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.rows;
}

const sortKey = (r: ScalarValue[]) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
const unordered = (rows: ScalarValue[][]) => rows.map(sortKey).sort();

describe('metamorphic properties', () => {
  test.prop([fc.array(rowArb, { maxLength: 25 }), fc.constantFrom(...predicates), fc.constantFrom(...predicates)], {
    seed: SEED,
    numRuns: 25,
  })('where A and B == where A | where B; P, not(P), isnull(P) partition the rows', async (rows, a, b) => {
    const t = tables(rows, 4);
    const both = await rowsOf(`Events | where (${a}) and (${b})`, { tables: t });
    const chained = await rowsOf(`Events | where ${a} | where ${b}`, { tables: t });
    expect(both).toEqual(chained);
    const yes = await rowsOf(`Events | where ${a} | count`, { tables: t });
    const no = await rowsOf(`Events | where not(${a}) | count`, { tables: t });
    const unknown = await rowsOf(`Events | where isnull(${a}) | count`, { tables: t });
    expect((yes[0]![0] as bigint) + (no[0]![0] as bigint) + (unknown[0]![0] as bigint)).toBe(BigInt(rows.length));
  });

  test.prop([fc.array(rowArb, { maxLength: 25 }), fc.constantFrom(...predicates)], { seed: SEED, numRuns: 20 })(
    'results with and without optimizePlan are equal; union count is the sum',
    async (rows, p) => {
      const t = tables(rows, 3);
      const q = `Events | where ${p} | extend Big = Size * 2 | project FileName, Big, Timestamp | where Big > -100 or isnull(Big)`;
      expect(await rowsOf(q, { tables: t, optimize: false })).toEqual(await rowsOf(q, { tables: t }));
      const u = await rowsOf(`union (Events | where ${p}), Other | count`, { tables: t });
      const a = await rowsOf(`Events | where ${p} | count`, { tables: t });
      const o = await rowsOf('Other | count', { tables: t });
      expect(u[0]![0]).toBe((a[0]![0] as bigint) + (o[0]![0] as bigint));
    },
  );
});

describe('batch-size invariance', () => {
  const rows = fc.sample(rowArb, { seed: SEED, numRuns: 60 });
  const queries = [
    `Events | where Timestamp > ago(24h) | where ActionType in ("FileCreated", "FileModified")
     | where FolderPath has_any ("/etc/systemd/system/", ".config/systemd/user/") | where FileName endswith ".service"
     | extend IsUser = FolderPath contains ".config/systemd/user" | project Timestamp, FileName, IsUser, Size`,
    'Events | sort by Timestamp desc, FileName asc | take 17',
    'Events | where Size > 0 | count',
    'union withsource=T Events, Other | where FileName has "service" | project T, FileName, Size',
    'Events | extend k = strcat(ActionType, "/", FileName) | where k matches regex @"(?i)created/.*\\.service$" | project k, Score',
  ];
  it.each(queries)('gives the same rows with 1, 7 and 8192 rows per batch: %s', async (q) => {
    const results = [];
    for (const size of [1, 7, 8192]) results.push(unordered(await rowsOf(q, { tables: tables(rows, size), batchSize: size })));
    expect(results[0]!.length).toBeGreaterThan(0);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
