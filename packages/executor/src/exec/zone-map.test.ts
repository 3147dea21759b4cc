import { describe, expect, it } from 'vitest';
import { columnStatisticsOf, type ColumnStatistics, type ScalarValue, type TableProvider } from '@kqlr/common';
import type { RecordBatch } from 'apache-arrow';
import type { ScalarExpr } from '@kqlr/planner';
import { memoryTable, recordBatchFromRows } from '../memory-table.js';
import { memoryTableFromBatches } from '../memory-batch-table.js';
import { ColumnExpr } from '../physical/column-expr.js';
import { CompareExpr } from '../physical/compare-expr.js';
import { LiteralExpr } from '../physical/literal-expr.js';
import { LogicalExpr } from '../physical/logical-expr.js';
import { executePlan } from '../execute-plan.js';
import { call, col, lit, long, runRows, scan, schemaOf } from '../testing/plan-builders.js';
import type { CompareOp } from '../kernels/datetime.js';
import { TableScanExec } from './table-scan-exec.js';
import { zoneCheckOf } from './zone-map.js';

const ts = new ColumnExpr(0, 'Timestamp', 'datetime');
const at = (op: CompareOp, c: bigint) => new CompareExpr(op, ts, new LiteralExpr('datetime', c));
const verdictOf = (expr: CompareExpr | LogicalExpr, s: ColumnStatistics) => zoneCheckOf(expr)!(() => s);

describe('zone-map verdicts (kql-semantics.md §5.2: ordering compares with null are null, `!=` true)', () => {
  const range = { nullCount: 0, min: 10n, max: 20n };
  it('decides ordering compares from the bounds, inclusive where the operator is', () => {
    expect(verdictOf(at('>', 20n), range)).toBe('none');
    expect(verdictOf(at('>', 19n), range)).toBe('some');
    expect(verdictOf(at('>', 10n), range)).toBe('some');
    expect(verdictOf(at('>', 9n), range)).toBe('all');
    expect(verdictOf(at('>=', 10n), range)).toBe('all');
    expect(verdictOf(at('>=', 21n), range)).toBe('none');
    expect(verdictOf(at('<', 10n), range)).toBe('none');
    expect(verdictOf(at('<=', 20n), range)).toBe('all');
    expect(verdictOf(at('==', 21n), range)).toBe('none');
    expect(verdictOf(at('==', 15n), range)).toBe('some');
    expect(verdictOf(at('!=', 5n), range)).toBe('all');
  });
  it('a constant on the left is flipped (`X < Timestamp` is `Timestamp > X`)', () => {
    const flipped = new CompareExpr('<', new LiteralExpr('datetime', 20n), ts);
    expect(verdictOf(flipped, range)).toBe('none');
  });
  it('nulls never pass an ordering compare or `==`, and always pass `!=`', () => {
    const withNulls = { nullCount: 3, min: 10n, max: 20n };
    expect(verdictOf(at('>', 0n), withNulls)).toBe('some');
    expect(verdictOf(at('!=', 0n), withNulls)).toBe('all');
    const allNull = { nullCount: 5 };
    expect(verdictOf(at('>', 0n), allNull)).toBe('none');
    expect(verdictOf(at('==', 0n), allNull)).toBe('none');
    expect(verdictOf(at('!=', 0n), allNull)).toBe('all');
  });
  it('`==` passes wholesale only a constant column without nulls; `!=` is then none', () => {
    expect(verdictOf(at('==', 7n), { nullCount: 0, min: 7n, max: 7n })).toBe('all');
    expect(verdictOf(at('!=', 7n), { nullCount: 0, min: 7n, max: 7n })).toBe('none');
    expect(verdictOf(at('!=', 7n), { nullCount: 1, min: 7n, max: 7n })).toBe('some');
  });
  it('combines and/or (as `between` is lowered)', () => {
    const between = new LogicalExpr('and', at('>=', 12n), at('<=', 30n));
    expect(verdictOf(between, range)).toBe('some');
    expect(verdictOf(new LogicalExpr('and', at('>=', 0n), at('<=', 30n)), range)).toBe('all');
    expect(verdictOf(new LogicalExpr('and', at('>=', 0n), at('<=', 5n)), range)).toBe('none');
    expect(verdictOf(new LogicalExpr('or', at('<', 0n), at('>', 25n)), range)).toBe('none');
    expect(verdictOf(new LogicalExpr('or', at('<', 0n), at('>', 5n)), range)).toBe('all');
  });
  it('gives no check for null constants, strings or non-integral constants on a long column', () => {
    expect(zoneCheckOf(new CompareExpr('>', ts, new LiteralExpr('datetime', null)))).toBeUndefined();
    expect(zoneCheckOf(new CompareExpr('>', new ColumnExpr(0, 'n', 'long'), new LiteralExpr('real', 1.5)))).toBeUndefined();
    expect(zoneCheckOf(new CompareExpr('==', new ColumnExpr(0, 's', 'guid'), new LiteralExpr('guid', 'x')))).toBeUndefined();
  });
  it('compares int/real columns numerically against a long constant', () => {
    const real = new CompareExpr('>', new ColumnExpr(0, 'r', 'real'), new LiteralExpr('long', 2n));
    expect(zoneCheckOf(real)!(() => ({ nullCount: 0, min: 0.5, max: 2 }))).toBe('none');
    expect(zoneCheckOf(real)!(() => ({ nullCount: 0, min: 2.5, max: 9 }))).toBe('all');
  });
});

describe('scans with batch statistics', () => {
  const s = schemaOf(['Timestamp', 'datetime'], ['id', 'long']);
  // Batches of 4: [0..3] below the bound, [4..7] straddling it with a null, [8..11] all null,
  // [12..15] above it. The bound is 6: `Timestamp > 6` keeps 7 and 12..15 (nulls never pass).
  const tsOf = (i: number): ScalarValue => (i === 5 || (i >= 8 && i < 12) ? null : BigInt(i));
  const rows: ScalarValue[][] = Array.from({ length: 16 }, (_, i) => [tsOf(i), BigInt(i)]);
  const expected = (keep: (t: bigint | null) => boolean) => rows.filter((r) => keep(r[0] as bigint | null));
  const batches: RecordBatch[] = [0, 4, 8, 12].map((start) => recordBatchFromRows(s, rows.slice(start, start + 4)));
  const tableOf = (p: TableProvider) => new Map([['T', p]]);

  async function run(filters: ScalarExpr[], table: TableProvider) {
    const result = executePlan(scan('T', s, filters), { tables: tableOf(table) });
    const out: ScalarValue[][] = [];
    const { readRows } = await import('../read-row.js');
    for await (const b of result.batches) out.push(...readRows(b, result.schema));
    const scanExec = result.physicalPlan as TableScanExec;
    return { rows: out, pruned: scanExec.batchesPruned };
  }

  it('computes min/max and null counts once, when the memory table is built', () => {
    memoryTableFromBatches('T', s, batches);
    const stats = batches.map((b) => columnStatisticsOf(b.getChildAt(0)!.data[0]!));
    expect(stats).toEqual([
      { nullCount: 0, min: 0n, max: 3n },
      { nullCount: 1, min: 4n, max: 7n },
      { nullCount: 4 },
      { nullCount: 0, min: 12n, max: 15n },
    ]);
  });

  it('skips batches that cannot match and still returns exactly the matching rows', async () => {
    const gt = call('>', [col(0, 'Timestamp', 'datetime'), lit('datetime', 6n)]);
    const got = await run([gt], memoryTableFromBatches('T', s, batches));
    expect(got.rows).toEqual(expected((t) => t !== null && t > 6n));
    expect(got.pruned).toBe(2); // the batch below the bound and the all-null batch
  });

  it('`!=` keeps null rows, so only a batch of exactly the constant is skipped', async () => {
    const constant: ScalarValue[][] = [[3n, 0n], [3n, 1n], [null, 2n], [4n, 3n]];
    const b = [recordBatchFromRows(s, constant.slice(0, 2)), recordBatchFromRows(s, constant.slice(2))];
    const ne = call('!=', [col(0, 'Timestamp', 'datetime'), lit('datetime', 3n)]);
    const got = await run([ne], memoryTableFromBatches('T', s, b));
    expect(got.rows).toEqual([[null, 2n], [4n, 3n]]);
    expect(got.pruned).toBe(1);
  });

  it('a batch passing one conjunct wholesale is still filtered by the others', async () => {
    const gt = call('>', [col(0, 'Timestamp', 'datetime'), lit('datetime', 11n)]);
    const odd = call('==', [col(1, 'id', 'long'), long(13)]);
    const got = await run([gt, odd], memoryTableFromBatches('T', s, batches));
    expect(got.rows).toEqual([[13n, 13n]]);
  });

  it('the same results at every batch size of the rows-based memory table (statistics built with it)', async () => {
    const bounds = [-1n, 0n, 3n, 4n, 6n, 7n, 12n, 15n, 16n];
    for (const size of [1, 3, 4, 7, 16]) {
      const t = memoryTable('T', s, rows, { batchSize: size });
      for (const c of bounds) {
        for (const [op, keep] of [
          ['>', (t: bigint) => t > c], ['>=', (t: bigint) => t >= c], ['<', (t: bigint) => t < c],
          ['<=', (t: bigint) => t <= c], ['==', (t: bigint) => t === c],
        ] as const) {
          const f = call(op, [col(0, 'Timestamp', 'datetime'), lit('datetime', c)]);
          expect(await runRows(scan('T', s, [f]), tableOf(t)), `${op} ${c} at batch size ${size}`)
            .toEqual(expected((t) => t !== null && keep(t)));
        }
        const ne = call('!=', [col(0, 'Timestamp', 'datetime'), lit('datetime', c)]);
        expect(await runRows(scan('T', s, [ne]), tableOf(t))).toEqual(expected((t) => t === null || t !== c));
      }
    }
  });

  it('offers the provider a skipBatch test over column statistics by name', async () => {
    let seen: ((lookup: (c: string) => ColumnStatistics | undefined) => boolean) | undefined;
    const provider: TableProvider = {
      name: 'T',
      schema: s,
      async *scan(options) {
        seen = (options as { skipBatch?: typeof seen }).skipBatch;
        yield* [];
      },
    };
    const gt = call('>', [col(0, 'Timestamp', 'datetime'), lit('datetime', 6n)]);
    await run([gt], provider);
    expect(seen).toBeDefined();
    expect(seen!((c) => (c === 'Timestamp' ? { nullCount: 0, min: 0n, max: 6n } : undefined))).toBe(true);
    expect(seen!((c) => (c === 'Timestamp' ? { nullCount: 0, min: 0n, max: 7n } : undefined))).toBe(false);
    expect(seen!(() => undefined)).toBe(false);
  });
});
