import type { ScalarExpr } from '@kqlr/planner';

/**
 * Conjuncts of a scan, cheapest first (stable among equals). All must hold and none has side
 * effects or can fail at run time (regexes are compiled at plan time), so their order never
 * changes which rows pass; it changes how many rows the costly ones see. On the seed rule the time
 * window and `ActionType in` cut the rows before `FileName endswith` (one compare per dictionary
 * entry or row), which in turn leaves `FolderPath has_any` (term scans of six needles) well under
 * 1% of the rows (performance-notes §2.3).
 */
export function orderByCost(filters: readonly ScalarExpr[]): ScalarExpr[] {
  return filters.map((f, i) => ({ f, i, c: cost(f) })).sort((a, b) => a.c - b.c || a.i - b.i).map((x) => x.f);
}

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=', 'between', '!between']);
const ANCHORED = new Set([
  '==', '!=', '=~', '!~', 'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs',
  '!endswith_cs', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs', 'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs',
]);
const SCANNING = new Set(['contains', '!contains', 'contains_cs', '!contains_cs', 'has', '!has', 'has_cs', '!has_cs']);

/** A rough relative cost per row: numbers < set lookups < anchored string tests < scans < other. */
function cost(e: ScalarExpr): number {
  switch (e.kind) {
    case 'Column':
    case 'Literal':
      return 0;
    case 'Membership':
      if (e.subquery !== null || !e.values.every((v) => v.kind === 'Literal')) return 8;
      return e.op === 'has_any' || e.op === 'has_all' ? 5 : 2;
    case 'Call': {
      if (e.fn === 'and' || e.fn === 'or' || e.fn === 'not') return e.args.reduce((s, a) => s + cost(a), 0);
      const stringArgs = e.args.some((a) => a.type === 'string' || a.type === 'dynamic');
      if (COMPARE.has(e.fn) && !stringArgs && e.args.every((a) => a.kind === 'Column' || a.kind === 'Literal')) return 1;
      if (ANCHORED.has(e.fn)) return 3;
      if (SCANNING.has(e.fn)) return 4;
      return 8;
    }
  }
}
