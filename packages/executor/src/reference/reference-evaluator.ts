import type { ScalarValue } from '@kqlr/common';

/**
 * A deliberately plain row-at-a-time evaluator of the string operators, written straight from
 * kql-semantics.md §5.2/§5.3, used only as a test oracle for the columnar kernels. It shares no
 * code with them: own case folding (per code unit, lower-casing only when that keeps one unit),
 * own term test, own position loop.
 */

function lowerUnit(ch: string): string {
  const l = ch.toLowerCase();
  return l.length === 1 ? l : ch;
}

function fold(s: string): string {
  return Array.from({ length: s.length }, (_, i) => lowerUnit(s[i]!)).join('');
}

function isTerm(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

function occursAt(h: string, n: string, i: number): boolean {
  for (let k = 0; k < n.length; k++) if (h[i + k] !== n[k]) return false;
  return true;
}

/** §5.3 has algorithm: some occurrence satisfies the start and end conditions. */
function refTermMatch(h: string, n: string, start: boolean, end: boolean): boolean {
  if (n === '') return false;
  for (let i = 0; i + n.length <= h.length; i++) {
    if (!occursAt(h, n, i)) continue;
    const c1 = !start || !isTerm(n[0]) || i === 0 || !isTerm(h[i - 1]);
    const c2 = !end || !isTerm(n[n.length - 1]) || i + n.length === h.length || !isTerm(h[i + n.length]);
    if (c1 && c2) return true;
  }
  return false;
}

export type RefStringOp =
  | 'has' | 'has_cs' | 'hasprefix' | 'hasprefix_cs' | 'hassuffix' | 'hassuffix_cs'
  | 'contains' | 'contains_cs' | 'startswith' | 'startswith_cs' | 'endswith' | 'endswith_cs'
  | '==' | '=~';

function positive(op: RefStringOp, h: string, n: string): boolean {
  const cs = op.endsWith('_cs') || op === '==';
  const H = cs ? h : fold(h);
  const N = cs ? n : fold(n);
  const base = op.replace('_cs', '');
  switch (base) {
    case 'has':
      return refTermMatch(H, N, true, true);
    case 'hasprefix':
      return refTermMatch(H, N, true, false);
    case 'hassuffix':
      return refTermMatch(H, N, false, true);
    case 'contains':
      for (let i = 0; i + N.length <= H.length; i++) if (occursAt(H, N, i)) return true;
      return false;
    case 'startswith':
      return N.length <= H.length && occursAt(H, N, 0);
    case 'endswith':
      return N.length <= H.length && occursAt(H, N, H.length - N.length);
    default:
      return H === N;
  }
}

/**
 * `left op right`, with `!` forms: §5.2 null rules (one null: positive false, negated true; both
 * null: null). Strings are never null, so null only comes from a dynamic operand.
 */
export function refStringOp(op: RefStringOp | `!${RefStringOp}` | '!=' | '!~', left: string | null, right: string | null): boolean | null {
  const negated = op.startsWith('!');
  const base = (op === '!=' ? '==' : op === '!~' ? '=~' : negated ? op.slice(1) : op) as RefStringOp;
  if (left === null && right === null) return null;
  if (left === null || right === null) return negated;
  const r = positive(base, left, right);
  return negated ? !r : r;
}

/** has_any / has_all: `has` for at least one / every element (empty list: any false, all true). */
export function refHasAny(left: string | null, needles: readonly string[]): boolean {
  if (left === null) return false;
  return needles.some((n) => positive('has', left, n));
}

export function refHasAll(left: string | null, needles: readonly string[]): boolean {
  if (left === null) return false;
  return needles.every((n) => positive('has', left, n));
}

/** in / in~ / !in / !in~ over string lists. */
export function refIn(op: 'in' | '!in' | 'in~' | '!in~', left: string | null, list: readonly string[]): boolean {
  const negated = op.startsWith('!');
  if (left === null) return negated;
  const ci = op.endsWith('~');
  const hit = list.some((v) => (ci ? fold(v) === fold(left) : v === left));
  return negated ? !hit : hit;
}

/** Three-valued `and` / `or` from the §5.2 table. */
export function refAnd(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

export function refOr(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

export function asRefString(v: ScalarValue): string | null {
  return v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
}
