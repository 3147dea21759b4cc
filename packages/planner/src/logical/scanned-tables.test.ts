import { describe, expect, it } from 'vitest';
import { parseQuery } from '@kqlr/parser';
import { bindQuery } from '../binder/index.js';
import { defenderCatalog } from '../catalog.js';
import { optimizePlan } from '../optimizer/index.js';
import { planQuery } from './plan-query.js';
import { scannedTables } from './scanned-tables.js';

function plan(text: string) {
  const bound = bindQuery(parseQuery(text).result, { catalog: defenderCatalog(), now: 0n, nowSource: 'option' });
  expect(bound.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return optimizePlan(planQuery(bound.result!));
}

describe('scannedTables', () => {
  it('finds subquery tables also after the filter was pushed into the scan', () => {
    const p = plan('DeviceFileEvents | where InitiatingProcessFileName in (DeviceProcessEvents | project FileName) | project FileName');
    expect(scannedTables(p, { subqueries: true })).toEqual(['DeviceFileEvents', 'DeviceProcessEvents']);
    expect(scannedTables(p, { subqueries: false })).toEqual(['DeviceFileEvents']);
  });
  it('walks union legs and leaves count out of the output tables', () => {
    const p = plan('DeviceFileEvents | project Timestamp | union (DeviceProcessEvents | project Timestamp)');
    expect(scannedTables(p, { subqueries: false })).toEqual(['DeviceFileEvents', 'DeviceProcessEvents']);
    const c = plan('DeviceFileEvents | count');
    expect(scannedTables(c, { subqueries: false })).toEqual([]);
    expect(scannedTables(c, { subqueries: true })).toEqual(['DeviceFileEvents']);
  });
});
