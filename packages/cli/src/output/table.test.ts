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
});
