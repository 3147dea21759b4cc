import type { TableSchema } from '@kqlr/common';
import type { CallExpr, MembershipExpr, ScalarExpr } from '@kqlr/planner';

/**
 * Raw-text needles for a scan (performance-notes §2.2): strings such that every row passing the
 * scan's pushed-down filters has, in some string column, a value containing at least one of them
 * (case-insensitively). Readers may then skip records whose raw text holds none of them without
 * parsing; they decide which needles are safe in their own format (escapes, quoting, entities).
 *
 * Only top-level conjuncts count (a row must satisfy each one), plus `or` of two such predicates
 * (the union of both sides' needles). Of the candidate groups, the one whose shortest needle is
 * longest is kept: a long needle is rarely present by chance, so it skips the most lines.
 */
export function scanTextNeedles(filters: readonly ScalarExpr[], schema: TableSchema): string[] | undefined {
  let best: string[] | undefined;
  for (const f of filters) {
    for (const group of conjunctGroups(f, schema)) {
      if (best === undefined || score(group) > score(best)) best = group;
    }
  }
  return best;
}

/** More needles make the per-line test slower; a longer list is not worth testing. */
const MAX_NEEDLES = 32;

/** Substring-implying operators: a true result means the (folded) value contains the literal. */
const SUBSTRING_OPS: ReadonlySet<string> = new Set([
  '==', '=~', 'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs',
  'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs',
]);

function conjunctGroups(e: ScalarExpr, schema: TableSchema): string[][] {
  if (e.kind === 'Call' && e.fn === 'and') return e.args.flatMap((a) => conjunctGroups(a, schema));
  const g = predicateGroup(e, schema);
  return g === undefined ? [] : [g];
}

/** The needles one predicate implies, or undefined when it implies none (or too many). */
function predicateGroup(e: ScalarExpr, schema: TableSchema): string[] | undefined {
  let g: string[] | undefined;
  if (e.kind === 'Call') g = e.fn === 'or' ? disjunctionGroup(e, schema) : callGroup(e, schema);
  else if (e.kind === 'Membership') g = membershipGroup(e, schema);
  if (g === undefined || g.length === 0 || g.length > MAX_NEEDLES) return undefined;
  return [...new Set(g)];
}

function disjunctionGroup(e: CallExpr, schema: TableSchema): string[] | undefined {
  const out: string[] = [];
  for (const a of e.args) {
    const sides = conjunctGroups(a, schema);
    if (sides.length === 0) return undefined;
    // Any conjunct of a side is implied by that side: take its best one.
    out.push(...sides.reduce((x, y) => (score(y) > score(x) ? y : x)));
  }
  return out;
}

function callGroup(e: CallExpr, schema: TableSchema): string[] | undefined {
  if (!SUBSTRING_OPS.has(e.fn) || e.args.length !== 2) return undefined;
  let [col, lit] = e.args as [ScalarExpr, ScalarExpr];
  // Equality is symmetric; the other operators take the column on the left only.
  if ((e.fn === '==' || e.fn === '=~') && col.kind === 'Literal') [col, lit] = [lit, col];
  if (!isStringColumn(col, schema) || lit.kind !== 'Literal' || typeof lit.value !== 'string') return undefined;
  // An empty needle matches every value (contains, startswith, ==) or none (has): no text implied.
  return lit.value === '' ? undefined : [lit.value];
}

function membershipGroup(e: MembershipExpr, schema: TableSchema): string[] | undefined {
  if (e.subquery !== null || !isStringColumn(e.left, schema)) return undefined;
  if (e.op !== 'in' && e.op !== 'in~' && e.op !== 'has_any' && e.op !== 'has_all') return undefined;
  const values: string[] = [];
  for (const v of e.values) {
    if (v.kind !== 'Literal') return undefined;
    // Null elements never match; any other non-string element could match by its text form.
    if (v.value === null) continue;
    if (typeof v.value !== 'string') return undefined;
    values.push(v.value);
  }
  if (e.op === 'has_any') {
    // An empty has_any needle never matches, so it implies nothing and can be left out.
    const nonEmpty = values.filter((v) => v !== '');
    return nonEmpty.length > 0 ? nonEmpty : undefined;
  }
  if (e.op === 'has_all') {
    // Every needle must be present: the longest alone is the most selective implied group.
    const nonEmpty = values.filter((v) => v !== '');
    if (nonEmpty.length !== values.length || nonEmpty.length === 0) return undefined;
    return [nonEmpty.reduce((x, y) => (y.length > x.length ? y : x))];
  }
  // `in ("")` matches the empty value, whose text is nowhere in the record.
  return values.includes('') || values.length === 0 ? undefined : values;
}

function isStringColumn(e: ScalarExpr, schema: TableSchema): boolean {
  return e.kind === 'Column' && e.type === 'string' && schema.columns[e.index]?.type === 'string';
}

function score(group: readonly string[]): number {
  return Math.min(...group.map((n) => n.length));
}
