import type { ColumnStatistics } from '@kqlr/common';
import { ColumnExpr } from '../physical/column-expr.js';
import { CompareExpr } from '../physical/compare-expr.js';
import { LiteralExpr } from '../physical/literal-expr.js';
import { LogicalExpr } from '../physical/logical-expr.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import { flipCompare, type CompareOp } from '../kernels/datetime.js';

/** What a batch's statistics say about one filter: no row passes, every row passes, or unknown. */
export type ZoneVerdict = 'none' | 'some' | 'all';

/** Statistics of the scan's column `index` (scan schema order) in the current batch. */
export type StatisticsByIndex = (index: number) => ColumnStatistics | undefined;

export type ZoneCheck = (statistics: StatisticsByIndex) => ZoneVerdict;

/**
 * A zone-map check for a scan filter, or undefined when statistics cannot decide it. Covers what
 * CompareExpr runs through its allocation-free kernels (kernels/datetime.ts): a long/datetime/
 * timespan column against an integer constant, an int/real column against a number, and `and`/`or`
 * of such filters (`between` is lowered to an `and`). The verdict must agree with those kernels
 * exactly: a null row passes only `!=` (against a non-null constant), never an ordering compare,
 * so a batch with nulls passes wholesale only under `!=`, and an all-null batch passes nothing
 * else. Anything else (null constants, other types) gets no check and is evaluated row by row.
 */
export function zoneCheckOf(expr: PhysicalExpr): ZoneCheck | undefined {
  if (expr instanceof LogicalExpr) {
    const l = zoneCheckOf(expr.left);
    const r = zoneCheckOf(expr.right);
    if (l === undefined && r === undefined) return undefined;
    const left = l ?? unknown;
    const right = r ?? unknown;
    return expr.op === 'and' ? (s) => andVerdict(left(s), right(s)) : (s) => orVerdict(left(s), right(s));
  }
  if (!(expr instanceof CompareExpr)) return undefined;
  let column: ColumnExpr;
  let literal: LiteralExpr;
  let op: CompareOp = expr.op;
  if (expr.left instanceof ColumnExpr && expr.right instanceof LiteralExpr) {
    column = expr.left;
    literal = expr.right;
  } else if (expr.left instanceof LiteralExpr && expr.right instanceof ColumnExpr) {
    column = expr.right;
    literal = expr.left;
    op = flipCompare(op);
  } else return undefined;
  const c = literal.value;
  const index = column.index;
  switch (column.type) {
    case 'long':
    case 'datetime':
    case 'timespan': {
      // CompareExpr's Int64 kernel takes a bigint or an integral number; others go row by row.
      const constant = typeof c === 'bigint' ? c : typeof c === 'number' && Number.isInteger(c) ? BigInt(c) : null;
      if (constant === null) return undefined;
      return (s) => verdict(s(index), op, (v) => compareBig(toBig(v), constant));
    }
    case 'int':
    case 'real': {
      if (typeof c !== 'number' && typeof c !== 'bigint') return undefined;
      const constant = Number(c);
      if (Number.isNaN(constant)) return undefined;
      return (s) => verdict(s(index), op, (v) => compareNum(Number(v), constant));
    }
    default:
      return undefined;
  }
}

const unknown: ZoneCheck = () => 'some';

function andVerdict(a: ZoneVerdict, b: ZoneVerdict): ZoneVerdict {
  if (a === 'none' || b === 'none') return 'none';
  return a === 'all' && b === 'all' ? 'all' : 'some';
}

function orVerdict(a: ZoneVerdict, b: ZoneVerdict): ZoneVerdict {
  if (a === 'all' || b === 'all') return 'all';
  return a === 'none' && b === 'none' ? 'none' : 'some';
}

/**
 * The executor reads a long column stored as Int32/Float64 through Math.trunc and an int/real
 * column stored as Int64 through Number: both maps are monotone, so mapped bounds stay bounds.
 */
function toBig(v: bigint | number): bigint {
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `cmp(v)` compares a statistics bound with the constant (-1, 0, 1). */
function verdict(s: ColumnStatistics | undefined, op: CompareOp, cmp: (v: bigint | number) => number): ZoneVerdict {
  if (s === undefined) return 'some';
  const hasValues = s.min !== undefined && s.max !== undefined;
  const hasNulls = s.nullCount > 0;
  if (!hasValues && !hasNulls) return 'some'; // empty or inconsistent statistics: decide nothing
  // A null row satisfies only `!=` against a non-null constant (kernels/datetime.ts).
  const nullsPass = op === '!=';
  let anyValuePasses = false;
  let everyValuePasses = true;
  if (hasValues) {
    const lo = cmp(s.min!);
    const hi = cmp(s.max!);
    switch (op) {
      case '>':
        anyValuePasses = hi > 0;
        everyValuePasses = lo > 0;
        break;
      case '>=':
        anyValuePasses = hi >= 0;
        everyValuePasses = lo >= 0;
        break;
      case '<':
        anyValuePasses = lo < 0;
        everyValuePasses = hi < 0;
        break;
      case '<=':
        anyValuePasses = lo <= 0;
        everyValuePasses = hi <= 0;
        break;
      case '==':
        anyValuePasses = lo <= 0 && hi >= 0;
        everyValuePasses = lo === 0 && hi === 0;
        break;
      case '!=':
        anyValuePasses = !(lo === 0 && hi === 0);
        everyValuePasses = lo > 0 || hi < 0;
        break;
    }
  }
  const some = anyValuePasses || (hasNulls && nullsPass);
  const all = everyValuePasses && (!hasNulls || nullsPass);
  return !some ? 'none' : all ? 'all' : 'some';
}
