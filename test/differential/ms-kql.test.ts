import { DEFENDER_TABLES } from '@kqlr/common';
import { describe, expect, test } from 'vitest';
import { analyzeWithMicrosoft, MS_TABLE_NAMES } from './ms-kql.js';

describe('analyzeWithMicrosoft', () => {
  test.each(MS_TABLE_NAMES)('%s exposes every Defender column', (table) => {
    const columns = DEFENDER_TABLES[table]?.columns.map((c) => c.name) ?? [];
    expect(columns.length).toBeGreaterThan(10);
    expect(analyzeWithMicrosoft(`${table} | project ${columns.join(', ')}`).accepted).toBe(true);
  });

  test('column types are mapped (FileSize is long, Timestamp datetime, IsAzureInfoProtectionApplied bool)', () => {
    expect(analyzeWithMicrosoft('DeviceFileEvents | where FileSize > 5').accepted).toBe(true);
    expect(analyzeWithMicrosoft('DeviceFileEvents | where FileSize has "5"').accepted).toBe(false);
    expect(analyzeWithMicrosoft('DeviceFileEvents | where Timestamp > ago(1d)').accepted).toBe(true);
    expect(analyzeWithMicrosoft('DeviceFileEvents | where IsAzureInfoProtectionApplied').accepted).toBe(true);
  });

  test('no other table exists, and an unknown name is reported with its KS code and span', () => {
    const verdict = analyzeWithMicrosoft('DeviceNetworkEvents | take 1');
    expect(verdict.accepted).toBe(false);
    expect(verdict.diagnostics[0]).toMatchObject({ code: 'KS204', severity: 'Error', start: 0, length: 19 });
  });

  test('a syntax error rejects the query', () => {
    expect(analyzeWithMicrosoft('DeviceFileEvents | where').accepted).toBe(false);
  });
});
