import type { KqlType, ScalarValue } from '@kqlr/common';
import type { CallExpr as LogicalCall, ScalarExpr } from '@kqlr/planner';
import { ExecutionError } from '../errors.js';
import type { ExecutionPlan } from '../exec/execution-plan.js';
import { arithmetic, negate, type ArithmeticOp } from '../kernels/arithmetic.js';
import { convertTo } from '../kernels/convert.js';
import type { CompareOp } from '../kernels/datetime.js';
import { dynamicGet, isEmptyValue } from '../kernels/dynamic.js';
import { compileRegex, RegexCache } from '../kernels/regex.js';
import { extract, split, strcat, strlen } from '../kernels/strings.js';
import { toKqlString } from '../kernels/to-string.js';
import { ColumnExpr } from './column-expr.js';
import { CompareExpr } from './compare-expr.js';
import { CallExpr, type RowFunction } from './call-expr.js';
import { LiteralExpr } from './literal-expr.js';
import { LogicalExpr, NotExpr } from './logical-expr.js';
import { MembershipExpr } from './membership-expr.js';
import type { PhysicalExpr } from './physical-expr.js';
import { stringOpSpec } from './string-op-spec.js';
import { StringOpExpr } from './string-op-expr.js';

export interface PhysicalExprContext {
  /** Plans a subquery (the right side of `in`/`has_any`). */
  planSubquery(plan: NonNullable<import('@kqlr/planner').MembershipExpr['subquery']>): ExecutionPlan;
  /** The run's `now` for `now()`/`ago()` left unfolded by the planner. */
  now: bigint | undefined;
}

/** Lowers a bound logical expression to a physical expression tree. */
export function createPhysicalExpr(expr: ScalarExpr, ctx: PhysicalExprContext): PhysicalExpr {
  switch (expr.kind) {
    case 'Column':
      return new ColumnExpr(expr.index, expr.name, expr.type);
    case 'Literal':
      return new LiteralExpr(expr.type, expr.value);
    case 'Membership':
      return new MembershipExpr(
        expr.op,
        createPhysicalExpr(expr.left, ctx),
        expr.values.map((v) => createPhysicalExpr(v, ctx)),
        expr.subquery === null ? null : ctx.planSubquery(expr.subquery),
      );
    case 'Call':
      return createCall(expr, ctx);
  }
}

const COMPARE_OPS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
const ARITHMETIC_OPS = new Set<string>(['+', '-', '*', '/', '%']);
const isStringLike = (t: KqlType) => t === 'string';

function createCall(expr: LogicalCall, ctx: PhysicalExprContext): PhysicalExpr {
  const args = expr.args.map((a) => createPhysicalExpr(a, ctx));
  const argTypes = expr.args.map((a) => a.type);
  const fn = expr.fn;
  const arg = (i: number): PhysicalExpr => {
    const a = args[i];
    if (a === undefined) throw new ExecutionError(`'${fn}' expects at least ${i + 1} argument(s)`);
    return a;
  };

  if (fn === 'and' || fn === 'or') return new LogicalExpr(fn, arg(0), arg(1));
  if (fn === 'not') return new NotExpr(arg(0));
  if (COMPARE_OPS.has(fn)) {
    if ((fn === '==' || fn === '!=') && isStringLike(argTypes[0]!) && isStringLike(argTypes[1]!)) {
      return new StringOpExpr(stringOpSpec(fn)!, arg(0), arg(1));
    }
    return new CompareExpr(fn as CompareOp, arg(0), arg(1));
  }
  if (ARITHMETIC_OPS.has(fn) && args.length === 1) {
    // Defensive: a unary form that reached the plan (the binder normally emits `negate` or drops `+`).
    return fn === '-' ? new CallExpr('negate', args, expr.type, (v) => negate(v[0] ?? null, argTypes[0] ?? null)) : arg(0);
  }
  if (ARITHMETIC_OPS.has(fn)) {
    const op = fn as ArithmeticOp;
    const type = expr.type;
    return new CallExpr(fn, args, type, (v) => arithmetic(op, v[0] ?? null, v[1] ?? null, type), true);
  }
  if (fn === 'between' || fn === '!between') {
    const x = arg(0);
    const low = arg(1);
    let high = arg(2);
    // `Timestamp between (datetime(...) .. 1d)`: a timespan upper end is an offset from the start.
    if (argTypes[0] === 'datetime' && argTypes[2] === 'timespan') {
      high = new CallExpr('+', [low, high], 'datetime', (v) => arithmetic('+', v[0] ?? null, v[1] ?? null, 'datetime'), true);
    }
    const inRange = new LogicalExpr('and', new CompareExpr('>=', x, low), new CompareExpr('<=', x, high));
    return fn === 'between' ? inRange : new NotExpr(inRange);
  }
  const spec = stringOpSpec(fn);
  if (spec !== null) return new StringOpExpr(spec, arg(0), arg(1));
  return new CallExpr(fn, args, expr.type, rowFunction(expr, args, argTypes, ctx));
}

function rowFunction(expr: LogicalCall, args: PhysicalExpr[], argTypes: KqlType[], ctx: PhysicalExprContext): RowFunction {
  const type = expr.type;
  const str = (v: ScalarValue, i: number) => (typeof v === 'string' ? v : toKqlString(v, argTypes[i] ?? null));
  switch (expr.fn) {
    case 'negate':
      return (v) => negate(v[0] ?? null, argTypes[0] ?? null);
    case 'now':
    case 'ago': {
      const now = ctx.now;
      if (now === undefined) throw new ExecutionError(`${expr.fn}() needs the run's 'now' (the planner normally folds it)`);
      const sign = expr.fn === 'now' ? 1n : -1n;
      return (v) => {
        const offset = v[0];
        if (offset === undefined) return now;
        return typeof offset === 'bigint' ? now + sign * offset : null;
      };
    }
    case 'strlen':
      return (v) => strlen(str(v[0] ?? null, 0));
    case 'tolower':
      return (v) => str(v[0] ?? null, 0).toLowerCase();
    case 'toupper':
      return (v) => str(v[0] ?? null, 0).toUpperCase();
    case 'strcat':
      return (v) => strcat(v, argTypes);
    case 'split':
      return (v) => split(str(v[0] ?? null, 0), str(v[1] ?? null, 1), v.length > 2 ? v[2] : undefined);
    case 'extract': {
      const pattern = args[0];
      const constant = pattern instanceof LiteralExpr && typeof pattern.value === 'string' ? compileRegex(pattern.value) : null;
      const cache = new RegexCache();
      return (v) => {
        const re = constant ?? (v[0] === null ? null : cache.get(str(v[0] ?? null, 0)));
        if (re === null) return type === 'string' ? '' : null;
        return extract(re, v[1] ?? null, str(v[2] ?? null, 2), type);
      };
    }
    case 'tostring':
    case 'tolong':
    case 'toint':
    case 'toreal':
    case 'tobool':
    case 'todatetime':
    case 'totimespan':
      return (v) => convertTo(type, v[0] ?? null, argTypes[0] ?? null);
    case 'isempty':
      return (v) => isEmptyValue(v[0] ?? null);
    case 'isnotempty':
      return (v) => !isEmptyValue(v[0] ?? null);
    case 'isnull':
      return (v) => v[0] === null && argTypes[0] !== 'string';
    case 'isnotnull':
      return (v) => !(v[0] === null && argTypes[0] !== 'string');
    case 'dynamic_get':
      return (v) => dynamicGet(v[0] ?? null, v[1] ?? null);
    default:
      throw new ExecutionError(`function '${expr.fn}' is not supported by the executor`);
  }
}
