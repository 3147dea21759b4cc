import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFENDER_TABLES, type ScalarValue, type TableProvider } from '@kqlr/common';
import { compileQuery, memoryTable } from '@kqlr/engine';
import type { InputSet } from '@kqlr/readers';
import { createCatalog } from '@kqlr/planner';
import { decodeRowId, executeWithLineage, indexEvents, loadManifest, runRule, type LoadedDataset } from '@kqlr/replay';
import { writeTinyDataset } from './tiny-dataset.js';

const schema = { name: 'T', columns: [{ name: 'n', type: 'long' as const }, { name: 's', type: 'string' as const }] };
const catalog = createCatalog([schema]);

describe('lineage property', () => {
  it('every output row of where/sort/take/project comes from an input row that satisfies the filter, in the right order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.constantFrom('a', 'b', 'c')), { maxLength: 30 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 7 }),
        async (raw, c, take, batchSize) => {
          const rows: ScalarValue[][] = raw.map(([n, s]) => [BigInt(n), s]);
          const q = `T | where n > ${c} | sort by n desc | take ${take} | project s`;
          const plan = compileQuery(q, { catalog, now: 0n }).result!.plan;
          const r = await executeWithLineage(plan, new Map([['T', memoryTable('T', schema, rows, { batchSize })]]));
          const src = r.rows.map((row) => rows[decodeRowId(row.id!).rowNumber]!);
          const expected = rows.filter((row) => (row[0] as bigint) > BigInt(c)).sort((x, y) => Number((y[0] as bigint) - (x[0] as bigint)));
          expect(src.length).toBe(Math.min(take, expected.length));
          src.forEach((s, i) => {
            expect(r.rows[i]!.values).toEqual([s[1]]);
            expect(s[0]).toBe(expected[i]![0]);
          });
          expect(new Set(r.rows.map((row) => row.id)).size).toBe(r.rows.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('row-numbering guard', () => {
  it('refuses to score when a table yields a different number of rows on the query scan', async () => {
    const dir = await writeTinyDataset();
    const file = DEFENDER_TABLES['DeviceFileEvents']!;
    const row = (name: string) => file.columns.map((col) => (col.name === 'FolderPath' ? name : col.type === 'string' ? '' : null));
    const full = memoryTable('DeviceFileEvents', file, [row('/a'), row('/b'), row('/c')]);
    const short = memoryTable('DeviceFileEvents', file, [row('/a'), row('/b')]);
    let scans = 0;
    const flaky: TableProvider = { name: full.name, schema: full.schema, scan: (o) => (scans++ === 0 ? full : short).scan(o) };
    const tables = new Map([['DeviceFileEvents', flaky]]);
    const manifest = await loadManifest(dir);
    const events = await indexEvents(tables, []);
    const loaded: LoadedDataset = { manifest, labels: [], inputs: { tables } as unknown as InputSet, events, warnings: [] };
    const run = await runRule('DeviceFileEvents', loaded);
    expect(run.rows).toBeNull();
    expect(run.diagnostics.map((d) => d.message).join()).toMatch(/row lineage is unreliable: .*DeviceFileEvents \(2 rows, 3 when labels were matched\)/);
  });
});
