import { describe, expect, it } from 'vitest';
import { compileQuery } from '@kqlr/engine';
import { parseIsoDatetime } from '@kqlr/common';
import { timestampLowerBound, windowWarning } from './time-window.js';

const now = parseIsoDatetime('2025-06-12T08:00:00Z')!;

describe('timestampLowerBound', () => {
  it('finds the folded ago() bound of the seed rule shape', () => {
    const c = compileQuery('DeviceFileEvents | where Timestamp > ago(24h) | where FileName endswith ".service"', { now });
    expect(c.result).not.toBeNull();
    expect(timestampLowerBound(c.result!.plan)).toBe(parseIsoDatetime('2025-06-11T08:00:00Z'));
  });
  it('takes the latest bound across union legs and between', () => {
    const c = compileQuery(
      'DeviceFileEvents | where Timestamp > ago(2d) | project Timestamp | union (DeviceProcessEvents | where Timestamp between (ago(1h) .. now()) | project Timestamp)',
      { now },
    );
    expect(timestampLowerBound(c.result!.plan)).toBe(parseIsoDatetime('2025-06-12T07:00:00Z'));
  });
  it('is null when the query has no time window', () => {
    const c = compileQuery('DeviceFileEvents | where FileName == "x"', { now });
    expect(timestampLowerBound(c.result!.plan)).toBeNull();
  });
  it('words the warning with the window start, the data range and the --now suggestion', () => {
    const text = windowWarning(parseIsoDatetime('2026-01-01')!, { min: parseIsoDatetime('2025-06-10')!, max: parseIsoDatetime('2025-06-12')! });
    expect(text).toContain('starts at 2026-01-01T00:00:00.0000000Z');
    expect(text).toContain('2025-06-10T00:00:00.0000000Z .. 2025-06-12T00:00:00.0000000Z');
    expect(text).toContain('--now latest');
  });
});
