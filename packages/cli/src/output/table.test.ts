import { describe, expect, it } from 'vitest';
import type { TableSchema } from '@kqlr/common';
import { renderTable } from './table.js';

const schema: TableSchema = {
  columns: [
    { name: 'DeviceName', type: 'string' },
    { name: 'FolderPath', type: 'string' },
    { name: 'IsSuspicious', type: 'bool' },
  ],
};
const rows = [
  ['web01', '/etc/systemd/system/a-rather-long-unit-name-for-testing.service', true],
  ['db01', '/lib/systemd/system/nginx.service', null],
];

describe('renderTable', () => {
  it('pads columns to their widest cell when the terminal is wide enough', () => {
    const text = renderTable(schema, rows, { width: 200 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('DeviceName │ FolderPath                                                      │ IsSuspicious');
    expect(lines[2]).toBe('web01      │ /etc/systemd/system/a-rather-long-unit-name-for-testing.service │ true');
    // A null bool is an empty cell; trailing padding is trimmed.
    expect(lines[3]).toBe('db01       │ /lib/systemd/system/nginx.service                               │');
    expect(lines.at(-2)).toBe('(2 rows)');
  });

  it('truncates the widest column with an ellipsis to fit the terminal', () => {
    const text = renderTable(schema, rows, { width: 60 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(text).toContain('…');
    expect(text).toContain('web01');
  });

  it('switches to one block per row when even truncated columns cannot fit', () => {
    const text = renderTable(schema, rows, { width: 20 });
    expect(text).toContain('── row 1 ──');
    expect(text).toContain('FolderPath   │ /etc/systemd/system/a-rather-long-unit-name-for-testing.service');
  });

  it('keeps each row on one line when a value holds line breaks', () => {
    const text = renderTable({ columns: [{ name: 'c', type: 'string' }] }, [['a\nb']], { width: 80 });
    expect(text.split('\n')[2]).toBe('a↵b');
  });

  it('never cuts a datetime; the widest text columns give way first', () => {
    const wide: TableSchema = {
      columns: [
        { name: 'Timestamp', type: 'datetime' },
        { name: 'CommandLine', type: 'string' },
        { name: 'Host', type: 'string' },
      ],
    };
    const text = renderTable(wide, [[1_718_179_200_000_000_0n, 'x'.repeat(200), 'web01']], { width: 80 });
    const row = text.split('\n')[2]!;
    expect(row.length).toBeLessThanOrEqual(80);
    expect(row).toContain('2024-06-12T08:00:00.0000000Z');
    expect(row).toContain('web01');
    expect(row).toContain('x…');
  });
});
