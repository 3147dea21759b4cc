import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { identitySelection, type StringColumn } from '../columns/column.js';
import { recordBatchFromRows } from '../memory-table.js';
import { chunkFromRecordBatch } from '../columns/chunk-from-batch.js';
import { ColumnExpr } from '../physical/column-expr.js';
import { CompareExpr } from '../physical/compare-expr.js';
import { LiteralExpr } from '../physical/literal-expr.js';
import { StringOpExpr } from '../physical/string-op-expr.js';
import { CallExpr } from '../physical/call-expr.js';
import { stringOpSpec } from '../physical/string-op-spec.js';
import { schemaOf } from '../testing/plan-builders.js';
import { AdaptiveConjuncts, VECTOR_SIZE } from './adaptive-conjuncts.js';

const s = schemaOf(['n', 'long'], ['name', 'string']);
const rows: ScalarValue[][] = Array.from({ length: 3 * VECTOR_SIZE + 17 }, (_, i) => [
  i % 7 === 0 ? null : BigInt(i % 1000),
  i % 3 === 0 ? `x${i}.service` : `x${i}.conf`,
]);
const n = new ColumnExpr(0, 'n', 'long');
const name = new ColumnExpr(1, 'name', 'string');
const small = new CompareExpr('<', n, new LiteralExpr('long', 100n));
const service = new StringOpExpr(stringOpSpec('endswith')!, name, new LiteralExpr('string', '.SERVICE'));
/** Passes every row, but through the row-wise CallExpr path: it may not move. */
const opaque = new CallExpr('isnotempty', [name], 'bool', (v) => v[0] !== '');

describe('adaptive conjunct order', () => {
  it('keeps exactly the rows every conjunct keeps, across vector boundaries, whatever the order', () => {
    const expected = rows.flatMap((r, i) => {
      const v = r[0] as bigint | null;
      return v !== null && v < 100n && (r[1] as string).endsWith('.service') ? [i] : [];
    });
    for (const filters of [[small, service, opaque], [opaque, service, small]]) {
      const conjuncts = new AdaptiveConjuncts(filters);
      for (let batch = 0; batch < 3; batch++) {
        const chunk = chunkFromRecordBatch(recordBatchFromRows(s, rows), s);
        expect([...conjuncts.select(chunk, Uint8Array.of(1, 1, 1))]).toEqual(expected);
      }
    }
  });

  it('skips conjuncts marked inactive for the batch (decided by zone maps)', () => {
    const conjuncts = new AdaptiveConjuncts([small, service]);
    const chunk = chunkFromRecordBatch(recordBatchFromRows(s, rows), s);
    const onlyService = rows.flatMap((r, i) => ((r[1] as string).endsWith('.service') ? [i] : []));
    expect([...conjuncts.select(chunk, Uint8Array.of(0, 1))]).toEqual(onlyService);
  });

  it('never moves a conjunct that could fail at run time ahead of the others', () => {
    const conjuncts = new AdaptiveConjuncts([opaque, small, service]);
    const chunk = chunkFromRecordBatch(recordBatchFromRows(s, rows), s);
    conjuncts.select(chunk, Uint8Array.of(1, 1, 1));
    expect(conjuncts.currentOrder()[2]).toBe(0);
  });

  it('hands back selections of their own: later batches, large or small, never overwrite earlier results', () => {
    // Selections are written into two scratch buffers reused vector after vector; what a batch
    // keeps must not be a view of them.
    const small1 = rows.slice(0, 40);
    const expectedOf = (rs: ScalarValue[][]) =>
      rs.flatMap((r, i) => ((r[0] as bigint | null) !== null && (r[0] as bigint) < 100n && (r[1] as string).endsWith('.service') ? [i] : []));
    const conjuncts = new AdaptiveConjuncts([small, service, opaque]);
    const kept: Uint32Array[] = [];
    const expected: number[][] = [];
    for (const rs of [rows, small1, rows.slice(5, 2 * VECTOR_SIZE), small1.slice(3), rows]) {
      kept.push(conjuncts.select(chunkFromRecordBatch(recordBatchFromRows(s, rs), s), Uint8Array.of(1, 1, 1)));
      expected.push(expectedOf(rs));
    }
    expect(kept.map((k) => [...k])).toEqual(expected);
  });

  it('narrows through every kernel writing into scratch (long compare, string memo, row-wise call) as through fresh arrays', () => {
    const chunk = chunkFromRecordBatch(recordBatchFromRows(s, rows), s);
    const all = chunk.selection;
    for (const f of [small, service, opaque]) {
      const fresh = [...f.select(chunk, all)];
      const scratch = new Uint32Array(all.length).fill(0xffffffff);
      expect([...f.select(chunk, all, scratch)]).toEqual(fresh);
    }
  });

  it("learns the order within a query's first batch: a rejecting conjunct moves ahead after the first vector", () => {
    // Two string columns read through `get` (no UTF-8 view, no dictionary), counting the values read.
    const length = 8 * VECTOR_SIZE;
    const reads = [0, 0];
    const column = (k: number, value: (row: number) => string): StringColumn => ({
      rep: 'string', length, dictionary: null, codes: null,
      get: (row) => {
        reads[k]!++;
        return value(row);
      },
    });
    const chunk: Chunk = {
      schema: schemaOf(['a', 'string'], ['b', 'string']),
      columns: [column(0, (r) => `a${r}x`), column(1, (r) => (r % 100 === 0 ? `b${r}.service` : `b${r}.conf`))],
      length,
      selection: identitySelection(length),
    };
    const endsWith = (index: number, name: string, suffix: string) =>
      new StringOpExpr(stringOpSpec('endswith')!, new ColumnExpr(index, name, 'string'), new LiteralExpr('string', suffix));
    // Static order: `a endswith "x"` (keeps every row) first, then `b endswith ".service"` (keeps 1%).
    const kept = new AdaptiveConjuncts([endsWith(0, 'a', 'x'), endsWith(1, 'b', '.service')]).select(chunk, Uint8Array.of(1, 1));
    expect(kept.length).toBe(Math.ceil(length / 100));
    // Once measured on the first vector, `b` runs first: `a` then sees the first vector and b's 1%.
    expect(reads[1]).toBe(length);
    expect(reads[0]).toBeLessThan(VECTOR_SIZE + length / 50);
  });
});
