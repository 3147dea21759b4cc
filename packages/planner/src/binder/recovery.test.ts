import { describe, expect, it } from 'vitest';
import { parseQuery } from '@kqlr/parser';
import { CATALOG } from '../../test-support/bind.js';
import { bindQuery } from './bind-query.js';

// The parser recovers from syntax errors with ErrorExpression nodes; binding such a tree must not
// throw, must not add cascading errors, and must not return a tree the planner cannot lower.
describe('binding parser-recovered trees', () => {
  it.each([
    'print t = 1w',
    'print x = 1,  = x + 1',
    'DeviceFileEvents | where',
    'DeviceFileEvents | where FileName == | take 1',
    'let x = ; print x',
    'DeviceFileEvents | project FileName, , FolderPath',
  ])('%s', (text) => {
    const parsed = parseQuery(text);
    expect(parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const bound = bindQuery(parsed.result, { catalog: CATALOG, now: 0n, nowSource: 'wallclock' });
    expect(bound.result).toBeNull();
    expect(bound.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('unknown'))).toEqual([]);
  });
});
