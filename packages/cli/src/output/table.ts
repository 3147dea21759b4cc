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
  const minWidth = options.minColumnWidth ?? 8;
  const natural = names.map((n, j) => Math.max(n.length, ...cells.map((r) => r[j]!.length)));
  const separators = 3 * (names.length - 1);
  const widths = fitWidths(natural, Math.max(options.width - separators, 0), minWidth);
  if (widths === null) return renderVertical(names, cells);
  const line = (values: string[]) => values.map((v, j) => pad(clip(v, widths[j]!), widths[j]!)).join(' │ ').trimEnd();
  const out = [line(names), widths.map((w) => '─'.repeat(w)).join('─┼─')];
  for (const r of cells) out.push(line(r));
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return out.join('\n') + '\n';
}

/** Shrinks the widest columns until the total fits; null when it cannot fit at `minWidth`. */
function fitWidths(natural: number[], available: number, minWidth: number): number[] | null {
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0);
  if (total <= available) return widths;
  const floor = widths.map((w) => Math.min(w, minWidth)).reduce((a, b) => a + b, 0);
  if (floor > available) return null;
  while (total > available) {
    let widest = 0;
    for (let j = 1; j < widths.length; j++) if (widths[j]! > widths[widest]!) widest = j;
    const second = Math.max(minWidth, ...widths.filter((_, j) => j !== widest));
    const cut = Math.min(widths[widest]! - second + 1, total - available, widths[widest]! - minWidth);
    if (cut <= 0) return null;
    widths[widest] = widths[widest]! - cut;
    total -= cut;
  }
  return widths;
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
