import { describe, expect, it } from 'vitest';
import { createPhysicalExpr } from '../physical/create-physical-expr.js';
import { planPhysical } from '../plan-physical.js';
import { recordBatchFromRows } from '../memory-table.js';
import { call, col, schemaOf, str } from '../testing/plan-builders.js';
import { chunkFromRecordBatch } from './chunk-from-batch.js';
import { valueAt } from './column.js';

describe('physical expressions on a RecordBatch', () => {
  const schema = schemaOf(['p', 'string'], ['n', 'long']);
  const batch = recordBatchFromRows(schema, [['/etc/systemd/system/a', 1n], ['/tmp/x', 2n], ['/ETC/SYSTEMD/SYSTEM/', 3n]], new Set(['p']));
  const expr = createPhysicalExpr(call('has', [col(0, 'p', 'string'), str('/etc/systemd/system/')]), {
    now: undefined,
    planSubquery: (p) => planPhysical(p),
  });

  it('selects rows, optionally under a selection', () => {
    expect([...expr.select(chunkFromRecordBatch(batch), Uint32Array.of(0, 1, 2))]).toEqual([0, 2]);
    const chunk = chunkFromRecordBatch(batch, schema, Uint32Array.of(1, 2));
    expect([...expr.select(chunk, chunk.selection)]).toEqual([2]);
  });

  it('evaluates to a bool column', () => {
    const chunk = chunkFromRecordBatch(batch);
    const v = expr.evaluate(chunk, chunk.selection);
    expect(v.kind === 'array' && [0, 1, 2].map((r) => valueAt(v.column, r))).toEqual([true, false, true]);
  });
});
