import { describe, expect, it } from 'vitest';
import type { ScalarValue, TableSchema } from '@kqlr/common';
import { compileQuery, memoryTable } from '@kqlr/engine';
import { createCatalog, type LogicalPlan } from '@kqlr/planner';
import { decodeRowId, executeWithLineage, outputTables, ROW_ID_COLUMN, withLineage } from '@kqlr/replay';

const T: TableSchema = { name: 'T', columns: [{ name: 'k', type: 'long' }, { name: 's', type: 'string' }, { name: 'n', type: 'long' }] };
const U: TableSchema = { name: 'U', columns: [{ name: 'k', type: 'long' }, { name: 'x', type: 'string' }] };
const catalog = createCatalog([T, U]);

// k is unique per row across both tables, so every output row can be checked against its source.
const tRows: ScalarValue[][] = [
  [10n, 'alpha', 1n], [11n, 'beta', 2n], [12n, 'gamma', 3n], [13n, 'delta', 4n], [14n, 'beta', 5n],
];
const uRows: ScalarValue[][] = [[20n, 'one'], [21n, 'two'], [22n, 'three']];

function tables(batchSize: number) {
  return new Map([
    ['T', memoryTable('T', T, tRows, { batchSize, dictionaryColumns: ['s'] })],
    ['U', memoryTable('U', U, uRows, { batchSize })],
  ]);
}

function plan(text: string, optimize = true): LogicalPlan {
  const c = compileQuery(text, { catalog, now: 0n, optimize });
  if (c.result === null) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return c.result.plan;
}

/** Source rows of the output, as [table, input row] pairs, from the row ids. */
async function sources(text: string, batchSize = 2, optimize = true) {
  const p = plan(text, optimize);
  const r = await executeWithLineage(p, tables(batchSize));
  return {
    schema: r.schema,
    rows: r.rows.map((row) => row.values),
    src: r.rows.map((row) => {
      if (row.id === null) return null;
      const { tableIndex, rowNumber } = decodeRowId(row.id);
      const table = r.tableNames[tableIndex]!;
      return { table, row: (table === 'T' ? tRows : uRows)[rowNumber]! };
    }),
  };
}

describe.each([1, 2, 100])('lineage with batch size %i', (batchSize) => {
  it('TableScan: each row maps to itself', async () => {
    const r = await sources('T', batchSize);
    expect(r.rows).toEqual(tRows);
    expect(r.src.map((s) => s?.row)).toEqual(tRows);
  });

  it('Filter (pushed into the scan and not): ids of the surviving rows', async () => {
    for (const optimize of [true, false]) {
      const r = await sources('T | where n > 2 and s != "gamma"', batchSize, optimize);
      expect(r.src.map((s) => s?.row[0])).toEqual([13n, 14n]);
      expect(r.rows.map((row) => row[0])).toEqual([13n, 14n]);
    }
  });

  it('extend and project (source columns dropped): values derive from the attributed row', async () => {
    const r = await sources('T | extend m = n * 10 | project m, up = toupper(s)', batchSize);
    expect(r.schema.columns.map((c) => c.name)).toEqual(['m', 'up']);
    expect(r.rows.length).toBe(5);
    r.rows.forEach((row, i) => {
      const source = r.src[i]!.row;
      expect(row).toEqual([(source[2] as bigint) * 10n, (source[1] as string).toUpperCase()]);
    });
  });

  it('project-away and project-rename keep lineage', async () => {
    const r = await sources('T | project-away n | project-rename name = s', batchSize);
    expect(r.rows.length).toBe(5);
    r.rows.forEach((row, i) => expect(row).toEqual([r.src[i]!.row[0], r.src[i]!.row[1]]));
  });

  it('sort and take: ids follow their rows', async () => {
    const r = await sources('T | sort by n desc | take 3 | project s', batchSize);
    expect(r.src.map((s) => s?.row[0])).toEqual([14n, 13n, 12n]);
    expect(r.rows).toEqual([['beta'], ['delta'], ['gamma']]);
  });

  it('union: rows of each leg map to their own table', async () => {
    const r = await sources('T | where n < 3 | project k | union (U | where x != "two" | project k)', batchSize);
    expect(r.rows.length).toBe(4);
    r.rows.forEach((row, i) => {
      expect(row.length).toBe(1);
      expect(r.src[i]!.row[0]).toBe(row[0]);
    });
    expect(r.src.map((s) => s?.table).sort()).toEqual(['T', 'T', 'U', 'U']);
  });

  it('union withsource: the source column comes first, ids still map to their leg', async () => {
    const r = await sources('union withsource=src T, U | where k == 11 or k == 22', batchSize);
    expect(r.rows.map((row) => [row[0], r.src[r.rows.indexOf(row)]?.table]).sort()).toEqual([['T', 'T'], ['U', 'U']]);
    r.rows.forEach((row, i) => expect(row[1]).toBe(r.src[i]!.row[0]));
  });

  it('union with a datatable leg: that leg has no lineage (null id)', async () => {
    const r = await sources('T | where k == 10 | project k | union (datatable(k:long)[99])', batchSize);
    const byK = new Map(r.rows.map((row, i) => [row[0], r.src[i]]));
    expect(byK.get(10n)?.row[0]).toBe(10n);
    expect(byK.get(99n)).toBeNull();
  });

  it('count: one row, no lineage', async () => {
    const r = await sources('T | where n > 1 | count', batchSize);
    expect(r.rows).toEqual([[4n]]);
    expect(r.src).toEqual([null]);
  });
});

describe('withLineage (plan rewrite)', () => {
  it('appends the id column last without touching the input plan', () => {
    const p = plan('T | where n > 1 | extend m = n + 1 | project m, s | sort by m asc | take 2');
    const before = JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const l = withLineage(p);
    expect(JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
    expect(l.idColumn).toBe(2);
    expect(l.plan.schema.columns.map((c) => c.name)).toEqual(['m', 's', ROW_ID_COLUMN]);
  });

  it('has no id column for Values and Count', () => {
    expect(withLineage(plan('print a = 1')).idColumn).toBeNull();
    expect(withLineage(plan('T | count')).idColumn).toBeNull();
  });

  it('outputTables lists the tables whose rows reach the output', () => {
    expect(outputTables(plan('T | union U')).sort()).toEqual(['T', 'U']);
    expect(outputTables(plan('U | count'))).toEqual([]);
  });
});
