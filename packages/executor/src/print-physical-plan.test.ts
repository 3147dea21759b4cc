import { describe, expect, it } from 'vitest';
import { parseIsoDatetime } from '@kqlr/common';
import type { LogicalPlan } from '@kqlr/planner';
import { planPhysical } from './plan-physical.js';
import { printPhysicalPlan } from './print-physical-plan.js';
import { call, col, count, lit, limit, member, project, scan, schemaOf, sort, str, values } from './testing/plan-builders.js';

describe('printPhysicalPlan', () => {
  it('prints a numbered, indented, deterministic tree', () => {
    const s = schemaOf(['Timestamp', 'datetime'], ['FolderPath', 'string']);
    const filters = [
      call('>', [col(0, 'Timestamp', 'datetime'), lit('datetime', parseIsoDatetime('2024-05-01T00:00:00Z'))]),
      member('has_any', col(1, 'FolderPath', 'string'), [str('/etc/systemd/system/')]),
    ];
    const plan = limit(
      sort(
        project(scan('DeviceFileEvents', s, filters), [
          { name: 'FolderPath', expr: col(1, 'FolderPath', 'string') },
          { name: 'Len', expr: call('strlen', [col(1, 'FolderPath', 'string')], 'long') },
        ]),
        [{ expr: col(1, 'Len', 'long'), descending: true, nullsFirst: false }],
      ),
      10,
    );
    const text = printPhysicalPlan(planPhysical(plan));
    expect(text).toBe(
      [
        '01)LimitExec: fetch=10',
        '02)--SortExec: keys=[Len@1 desc nulls last] fetch=10',
        '03)----ProjectionExec: exprs=[FolderPath@1, Len=strlen(FolderPath@1)]',
        '04)------TableScanExec: table=DeviceFileEvents projection=[Timestamp, FolderPath] filters=[Timestamp@0 > datetime(2024-05-01T00:00:00.0000000Z), FolderPath@1 has_any ("/etc/systemd/system/")]',
      ].join('\n'),
    );
    expect(printPhysicalPlan(planPhysical(plan))).toBe(text);
  });

  it('prints union legs and count', () => {
    const a = values(schemaOf(['x', 'long']), [[1n]]);
    const u: LogicalPlan = {
      kind: 'Union', inputs: [a, a], columnMaps: [[0], [0]], withSource: 'src', sourceLabels: ['A', 'B'],
      schema: schemaOf(['src', 'string'], ['x', 'long']),
    };
    expect(printPhysicalPlan(planPhysical(count(u)))).toBe(
      [
        '01)CountExec',
        '02)--UnionExec: legs=2 withsource=src labels=[A, B]',
        '03)----ValuesExec: rows=1 columns=[x:long]',
        '04)----ValuesExec: rows=1 columns=[x:long]',
      ].join('\n'),
    );
  });
});
