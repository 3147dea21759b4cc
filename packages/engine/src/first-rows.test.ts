import { describe, expect, it } from 'vitest';
import { planPhysical, TableScanExec, type ExecutionPlan } from '@kqlr/executor';
import { compileQuery } from './compile-query.js';

/** Each scan of the query's physical plan, in plan order: whether it asks for its first rows soon. */
function scansWantingRowsSoon(query: string): boolean[] {
  const compiled = compileQuery(query, { now: 0n });
  if (compiled.result === null) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
  const out: boolean[] = [];
  const visit = (p: ExecutionPlan): void => {
    if (p instanceof TableScanExec) out.push(p.firstRowsSoon);
    for (const c of p.children()) visit(c);
  };
  visit(planPhysical(compiled.result.plan));
  return out;
}

describe('scans under a take ask for their first rows soon (plan-physical.ts)', () => {
  it('through filters, projections, unions and takes', () => {
    expect(scansWantingRowsSoon('DeviceFileEvents | where FileName endswith ".service" | take 3')).toEqual([true]);
    expect(scansWantingRowsSoon('DeviceFileEvents | where FileName has "x" | project FileName, N = strlen(FolderPath) | take 3')).toEqual([true]);
    expect(scansWantingRowsSoon('union DeviceFileEvents, DeviceProcessEvents | take 3')).toEqual([true, true]);
    expect(scansWantingRowsSoon('DeviceFileEvents | take 10 | where FileName has "x" | take 3')).toEqual([true]);
  });

  it('not through a sort or a count, which need every row, and not without a take', () => {
    expect(scansWantingRowsSoon('DeviceFileEvents | sort by Timestamp desc | take 3')).toEqual([false]);
    expect(scansWantingRowsSoon('DeviceFileEvents | count | take 1')).toEqual([false]);
    expect(scansWantingRowsSoon('DeviceFileEvents | where FileName endswith ".service"')).toEqual([false]);
    expect(scansWantingRowsSoon('union (DeviceFileEvents | take 1), (DeviceProcessEvents | count)')).toEqual([true, false]);
  });
});
