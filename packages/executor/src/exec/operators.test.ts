import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '@kqlr/common';
import type { LogicalPlan } from '@kqlr/planner';
import { memoryTable } from '../memory-table.js';
import {
  call, col, count, filter, limit, long, member, project, runRows, scan, schemaOf, sort, str, values,
} from '../testing/plan-builders.js';

const key = (index: number, type: 'long' | 'real' | 'string' | 'datetime', descending: boolean, nullsFirst: boolean) => ({
  expr: col(index, 'k', type), descending, nullsFirst,
});

describe('sort (§4)', () => {
  const reals = schemaOf(['k', 'real']);
  const realRows: ScalarValue[][] = [[1], [null], [NaN], [-Infinity], [Infinity], [0]];

  it('asc with nulls first: null, NaN, -inf, ..., +inf', async () => {
    const got = await runRows(sort(values(reals, realRows), [key(0, 'real', false, true)]));
    expect(got.map((r) => r[0])).toEqual([null, NaN, -Infinity, 0, 1, Infinity]);
  });

  it('desc with nulls last is the mirror', async () => {
    const got = await runRows(sort(values(reals, realRows), [key(0, 'real', true, false)]));
    expect(got.map((r) => r[0])).toEqual([Infinity, 1, 0, -Infinity, NaN, null]);
  });

  it('explicit nulls placement overrides the default', async () => {
    const longs = schemaOf(['k', 'long']);
    const rows: ScalarValue[][] = [[2n], [null], [1n]];
    expect((await runRows(sort(values(longs, rows), [key(0, 'long', true, true)]))).map((r) => r[0])).toEqual([null, 2n, 1n]);
    expect((await runRows(sort(values(longs, rows), [key(0, 'long', false, false)]))).map((r) => r[0])).toEqual([1n, 2n, null]);
  });

  it('several keys compare lexicographically and ties keep input order', async () => {
    const s = schemaOf(['g', 'string'], ['v', 'long'], ['id', 'long']);
    const rows: ScalarValue[][] = [['b', 1n, 0n], ['a', 2n, 1n], ['b', 2n, 2n], ['a', 2n, 3n], ['a', 1n, 4n]];
    const plan = sort(values(s, rows), [
      { expr: col(0, 'g', 'string'), descending: false, nullsFirst: true },
      { expr: col(1, 'v', 'long'), descending: true, nullsFirst: false },
    ]);
    expect((await runRows(plan)).map((r) => r[2])).toEqual([1n, 3n, 4n, 2n, 0n]);
  });

  it('strings in ordinal order ("B" < "a")', async () => {
    const s = schemaOf(['k', 'string']);
    const got = await runRows(sort(values(s, [['a'], ['B'], ['b'], ['A']]), [key(0, 'string', false, true)]));
    expect(got.map((r) => r[0])).toEqual(['A', 'B', 'a', 'b']);
  });

  it('datetimes differing only in the 7th fraction digit', async () => {
    const s = schemaOf(['k', 'datetime']);
    const base = 16_871_629_746_623_324n;
    const got = await runRows(sort(values(s, [[base], [base + 1n], [base - 1n]]), [key(0, 'datetime', true, false)]));
    expect(got.map((r) => r[0])).toEqual([base + 1n, base, base - 1n]);
  });
});

describe('take and count (§4)', () => {
  const s = schemaOf(['v', 'long']);
  const rows = Array.from({ length: 20 }, (_, i) => [BigInt(i)]);
  it('take keeps a stable prefix across batches', async () => {
    const t = memoryTable('T', s, rows, { batchSize: 3 });
    const got = await runRows(limit(scan('T', s), 7), new Map([['T', t]]));
    expect(got).toEqual(rows.slice(0, 7));
    expect(await runRows(limit(scan('T', s), 0), new Map([['T', t]]))).toEqual([]);
  });
  it('take closes the scans under it once it has its rows (their files close, their workers stop)', async () => {
    const t = memoryTable('T', s, rows, { batchSize: 3 });
    let pulled = 0;
    let closed = false;
    const watched = {
      name: t.name,
      schema: t.schema,
      async *scan(o?: Parameters<typeof t.scan>[0]) {
        try {
          for await (const b of t.scan(o)) {
            pulled++;
            yield b;
          }
        } finally {
          closed = true;
        }
      },
    };
    const got = await runRows(project(limit(scan('T', s), 4), [{ name: 'v', expr: col(0, 'v', 'long') }]), new Map([['T', watched]]));
    expect(got).toEqual(rows.slice(0, 4));
    expect(pulled).toBe(2);
    expect(closed).toBe(true);
  });
  it('count is one Count:long row, 0 when empty or when the table has no provider', async () => {
    const t = memoryTable('T', s, rows, { batchSize: 6 });
    expect(await runRows(count(filter(scan('T', s), call('>=', [col(0, 'v', 'long'), long(15)]))), new Map([['T', t]]))).toEqual([[5n]]);
    expect(await runRows(count(scan('T', s)))).toEqual([[0n]]);
  });
});

describe('union (§4)', () => {
  const a = schemaOf(['x', 'long'], ['s', 'string']);
  const b = schemaOf(['s', 'string'], ['y', 'datetime']);
  const union = (withSource: string | null): LogicalPlan => ({
    kind: 'Union',
    inputs: [values(a, [[1n, 'a1']]), values(b, [['b1', 5n], ['b2', null]])],
    columnMaps: [[0, 1, -1], [-1, 0, 1]],
    withSource,
    sourceLabels: ['A', 'B'],
    schema: {
      columns: [
        ...(withSource === null ? [] : [{ name: withSource, type: 'string' as const }]),
        { name: 'x', type: 'long' }, { name: 's', type: 'string' }, { name: 'y', type: 'datetime' },
      ],
    },
  });

  it('fills missing columns with null, and "" for strings', async () => {
    expect(await runRows(union(null))).toEqual([[1n, 'a1', null], [null, 'b1', 5n], [null, 'b2', null]]);
  });
  it('puts the withsource column first with each leg label', async () => {
    expect((await runRows(union('src'))).map((r) => r[0])).toEqual(['A', 'B', 'B']);
  });
  it('a string column missing from a leg reads as ""', async () => {
    const plan: LogicalPlan = {
      kind: 'Union', inputs: [values(schemaOf(['n', 'long']), [[1n]]), values(schemaOf(['s', 'string']), [['z']])],
      columnMaps: [[0, -1], [-1, 0]], withSource: null, sourceLabels: ['a', 'b'],
      schema: schemaOf(['n', 'long'], ['s', 'string']),
    };
    expect(await runRows(plan)).toEqual([[1n, ''], [null, 'z']]);
  });
});

describe('projection (§4)', () => {
  it('extend in place keeps the column position and may change its type', async () => {
    const s = schemaOf(['a', 'long'], ['b', 'long'], ['c', 'long']);
    const plan = project(values(s, [[1n, 2n, 3n]]), [
      { name: 'a', expr: str('99') }, { name: 'b', expr: col(1, 'b', 'long') }, { name: 'c', expr: col(2, 'c', 'long') },
    ]);
    expect(await runRows(plan)).toEqual([['99', 2n, 3n]]);
  });
});

describe('membership', () => {
  const s = schemaOf(['s', 'string'], ['n', 'long'], ['d', 'dynamic']);
  const rows: ScalarValue[][] = [['FileCreated', 1n, 'x'], ['filecreated', 2n, null], ['Other', null, 5]];
  const S = col(0, 's', 'string');
  const N = col(1, 'n', 'long');
  const run = (pred: ReturnType<typeof member>) => runRows(filter(values(s, rows), pred)).then((r) => r.map((x) => x[1]));

  it('in is case-sensitive, in~ is not; negations complement them', async () => {
    expect(await run(member('in', S, [str('FileCreated'), str('FileModified')]))).toEqual([1n]);
    expect(await run(member('in~', S, [str('FileCreated')]))).toEqual([1n, 2n]);
    expect(await run(member('!in', S, [str('FileCreated')]))).toEqual([2n, null]);
    expect(await run(member('!in~', S, [str('FileCreated')]))).toEqual([null]);
  });
  it('numbers compare numerically (int vs long), null left side: in false / !in true', async () => {
    expect(await run(member('in', N, [{ kind: 'Literal', type: 'int', value: 2 }]))).toEqual([2n]);
    expect(await run(member('!in', N, [long(2)]))).toEqual([1n, null]);
  });
  it('dynamic arrays in the list contribute their elements', async () => {
    expect(await run(member('in', N, [{ kind: 'Literal', type: 'dynamic', value: [1, 2] }]))).toEqual([1n, 2n]);
  });
  it('has_any / has_all with term and punctuation needles', async () => {
    const paths = schemaOf(['p', 'string']);
    const prow: ScalarValue[][] = [['/etc/systemd/system/a.service'], ['/usr/lib/systemd/system.conf'], ['/home/u/.config/systemd/user/x'], ['kthreadd2']];
    const P = col(0, 'p', 'string');
    const t = memoryTable('T', paths, prow, { dictionaryColumns: ['p'], batchSize: 2 });
    const tables = new Map([['T', t]]);
    const any = member('has_any', P, [str('/etc/systemd/system/'), str('.config/systemd/user/'), str('kthreadd')]);
    expect(await runRows(filter(scan('T', paths), any), tables)).toEqual([prow[0], prow[2]]);
    const all = member('has_all', P, [str('systemd'), str('SYSTEM'), str('/etc/')]);
    expect(await runRows(filter(scan('T', paths), all), tables)).toEqual([prow[0]]);
    const empty = member('has_any', P, [{ kind: 'Literal', type: 'dynamic', value: [] }]);
    expect(await runRows(filter(scan('T', paths), empty), tables)).toEqual([]);
  });
  it('takes the first column of a subquery', async () => {
    const sub = values(schemaOf(['v', 'string'], ['w', 'long']), [['Other', 0n], ['FileCreated', 0n]]);
    expect(await run(member('in', S, [], sub))).toEqual([1n, null]);
  });
});

describe('membership with column elements', () => {
  it('builds the list per row', async () => {
    const s = schemaOf(['a', 'string'], ['b', 'string']);
    const rows: ScalarValue[][] = [['x', 'x'], ['x', 'y'], ['Y', 'y']];
    const A = col(0, 'a', 'string');
    const B = col(1, 'b', 'string');
    const got = await runRows(project(values(s, rows), [
      { name: 'in', expr: member('in', A, [B, str('z')]) },
      { name: 'in~', expr: member('in~', A, [B]) },
      { name: 'any', expr: member('has_any', A, [B]) },
    ]));
    expect(got).toEqual([[true, true, true], [false, false, false], [false, true, true]]);
    expect(await runRows(filter(values(s, rows), member('!in', A, [B])))).toEqual([rows[1], rows[2]]);
  });
});

describe('sort over sparse selections', () => {
  it('compacts filtered chunks and still sorts every live row', async () => {
    const s = schemaOf(['v', 'long'], ['s', 'string']);
    const rows: ScalarValue[][] = Array.from({ length: 50 }, (_, i) => [BigInt((i * 37) % 50), `r${i}`]);
    const t = memoryTable('T', s, rows, { batchSize: 8, dictionaryColumns: ['s'] });
    const plan = sort(filter(scan('T', s), call('<', [col(0, 'v', 'long'), long(10)])), [
      { expr: col(0, 'v', 'long'), descending: false, nullsFirst: true },
    ]);
    const got = await runRows(plan, new Map([['T', t]]));
    const expected = rows.filter((r) => (r[0] as bigint) < 10n).sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint)));
    expect(got).toEqual(expected);
  });
});

describe('top-N (sort | take)', () => {
  it('equals a full sort then take, stable on ties, across pruning rounds', async () => {
    const s = schemaOf(['k', 'long'], ['id', 'long']);
    const rows: ScalarValue[][] = Array.from({ length: 3000 }, (_, i) => [BigInt((i * 7919) % 13), BigInt(i)]);
    const t = memoryTable('T', s, rows, { batchSize: 100 });
    const keys = [{ expr: col(0, 'k', 'long'), descending: true, nullsFirst: false }];
    const got = await runRows(limit(sort(scan('T', s), keys), 5), new Map([['T', t]]));
    const expected = [...rows].sort((a, b) => Number((b[0] as bigint) - (a[0] as bigint)) || Number((a[1] as bigint) - (b[1] as bigint))).slice(0, 5);
    expect(got).toEqual(expected);
  });
});
