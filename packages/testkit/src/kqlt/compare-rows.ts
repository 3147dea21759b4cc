/**
 * Compares rendered actual rows with expected rows (both canonical text) under a sort mode.
 * Returns null when they match, else a readable diff.
 */
import type { SortMode } from './kqlt-record.js';

export function compareRows(actual: string[][], expected: string[][], mode: SortMode): string | null {
  const norm = (rows: string[][]): string[] => {
    if (mode === 'valuesort') return rows.flat().sort();
    const lines = rows.map((r) => r.join(' '));
    return mode === 'rowsort' ? lines.sort() : lines;
  };
  const a = norm(actual);
  const e = norm(expected);
  if (a.length === e.length && a.every((v, i) => v === e[i])) return null;
  const width = Math.max(a.length, e.length);
  const out: string[] = [`expected ${e.length} ${mode === 'valuesort' ? 'values' : 'rows'}, got ${a.length}:`];
  for (let i = 0; i < width; i++) {
    const ev = e[i];
    const av = a[i];
    if (ev === av) out.push(`  = ${ev}`);
    else {
      if (ev !== undefined) out.push(`  - ${ev}`);
      if (av !== undefined) out.push(`  + ${av}`);
    }
  }
  return out.join('\n');
}
