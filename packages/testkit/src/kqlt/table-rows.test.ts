import { describe, expect, it } from 'vitest';
import { tableRowsFromJsonLines } from './table-rows.js';

describe('tableRowsFromJsonLines', () => {
  const columns = [
    { name: 'Ts', type: 'datetime' as const },
    { name: 'Path', type: 'string' as const },
    { name: 'Size', type: 'long' as const },
    { name: 'Extra', type: 'dynamic' as const },
  ];
  it('converts typed values and fills missing keys', () => {
    const r = tableRowsFromJsonLines(columns, [{ line: 1, text: '{"Ts":"1970-01-01T00:00:01.0000001Z","Size":"9007199254740993"}' }]);
    expect(r).toEqual({ ok: true, rows: [[10_000_001n, '', 9007199254740993n, null]] });
  });
  it('rejects unknown keys, null strings and bad datetimes', () => {
    expect(tableRowsFromJsonLines(columns, [{ line: 1, text: '{"Nope":1}' }]).ok).toBe(false);
    expect(tableRowsFromJsonLines(columns, [{ line: 1, text: '{"Path":null}' }]).ok).toBe(false);
    expect(tableRowsFromJsonLines(columns, [{ line: 1, text: '{"Ts":"yesterday"}' }]).ok).toBe(false);
  });
});
