import type { ScalarValue, TableSchema } from '@kqlr/common';
import { cellText } from './cell-text.js';

export interface TableLayoutOptions {
  /** Terminal width in columns. */
  width: number;
  /** Narrowest a column is squeezed to before switching to the vertical layout. */
  minColumnWidth?: number;
}

/**
 * A readable, terminal-width-aware rendering of result rows. Columns get the width of their widest
 * cell; when the table is wider than the terminal the widest columns are truncated first (with
 * `…`), and when even that cannot fit, each row is printed as a block of `name: value` lines (like
 * psql's expanded mode), so nothing is cut so short it becomes useless.
 */
export function renderTable(schema: TableSchema, rows: readonly ScalarValue[][], options: TableLayoutOptions): string {
  const names = schema.columns.map((c) => c.name);
  const cells = rows.map((row) => row.map((v, j) => oneLine(cellText(v, schema.columns[j]!.type))));
  if (names.length === 0) return `(${rows.length} row${rows.length === 1 ? '' : 's'}, no columns)\n`;
  // Below ~16 characters paths, host names and timestamps become unreadable stubs; past that
  // point one block per row reads better than a table of stubs.
  const minWidth = options.minColumnWidth ?? 16;
  const natural = names.map((n, j) => Math.max(n.length, ...cells.map((r) => r[j]!.length)));
  const separators = 3 * (names.length - 1);
  // Datetimes are never cut (a cut timestamp is useless); other columns may shrink to minWidth.
  const floors = natural.map((w, j) => (schema.columns[j]!.type === 'datetime' ? w : Math.min(w, minWidth)));
  const widths = fitWidths(natural, floors, Math.max(options.width - separators, 0));
  if (widths === null) return renderVertical(names, cells);
  const line = (values: string[]) => values.map((v, j) => pad(clip(v, widths[j]!), widths[j]!)).join(' │ ').trimEnd();
  const out = [line(names), widths.map((w) => '─'.repeat(w)).join('─┼─')];
  for (const r of cells) out.push(line(r));
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return out.join('\n') + '\n';
}

/**
 * Column widths that fit `available`: every column keeps its natural width up to a common level L,
 * the largest level that fits, so only the widest columns are cut, and no column is cut below its
 * floor. Null when even the floors do not fit.
 */
function fitWidths(natural: number[], floors: number[], available: number): number[] | null {
  const widthsAt = (level: number) => natural.map((w, j) => Math.max(floors[j]!, Math.min(w, level)));
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  if (total(natural) <= available) return [...natural];
  if (total(floors) > available) return null;
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (total(widthsAt(mid)) <= available) lo = mid;
    else hi = mid - 1;
  }
  return widthsAt(lo);
}

function renderVertical(names: string[], cells: string[][]): string {
  const labelWidth = Math.max(...names.map((n) => n.length));
  const out: string[] = [];
  cells.forEach((row, i) => {
    out.push(`── row ${i + 1} ──`);
    row.forEach((v, j) => out.push(`${pad(names[j]!, labelWidth)} │ ${v}`));
  });
  out.push(`(${cells.length} row${cells.length === 1 ? '' : 's'})`);
  return out.join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, ' ');
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 0))}…`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
