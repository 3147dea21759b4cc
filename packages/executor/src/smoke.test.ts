import { describe, expect, it } from 'vitest';
import { memoryTable } from './memory-table.js';
import { call, col, filter, long, project, runRows, scan, schemaOf, str, member } from './testing/plan-builders.js';

describe('smoke', () => {
  it('filters and projects', async () => {
    const schema = schemaOf(['Name', 'string'], ['Size', 'long']);
    const t = memoryTable('T', schema, [['a.service', 1n], ['b.conf', 2n], ['C.SERVICE', 3n]], { dictionaryColumns: ['Name'], batchSize: 2 });
    const plan = project(
      filter(scan('T', schema), call('and', [call('endswith', [col(0, 'Name', 'string'), str('.service')]), call('>', [col(1, 'Size', 'long'), long(0)])])),
      [{ name: 'Name', expr: col(0, 'Name', 'string') }, { name: 'In', expr: member('in~', col(0, 'Name', 'string'), [str('c.service')]) }],
    );
    expect(await runRows(plan, new Map([['T', t]]))).toEqual([['a.service', false], ['C.SERVICE', true]]);
  });
});
