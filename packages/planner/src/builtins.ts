import { KQL_TYPES, type KqlType } from '@kqlr/common/core';
import type { BinaryOperatorKind } from '@kqlr/parser';
import type { BuiltinId } from './logical/plan.js';

/**
 * Declarative signatures of the subset's operators and functions (kql-semantics.md §5-§6),
 * used only for type checking. Implementations live in the executor, keyed by `BuiltinId`.
 */

export type TypeClass = readonly KqlType[];

export const ANY_TYPE: TypeClass = KQL_TYPES;
/** String operators and string functions take a string, or a dynamic holding one. */
export const STRING_LIKE: TypeClass = ['string', 'dynamic'];
/** Parameters Kusto.Language declares as plain string: a dynamic is KS107 ("a value of type string expected"). */
export const STRING: TypeClass = ['string'];
export const INTEGER: TypeClass = ['int', 'long'];
export const NUMERIC: TypeClass = ['int', 'long', 'real', 'decimal'];
export const BOOL: TypeClass = ['bool'];
export const TIMESPAN: TypeClass = ['timespan'];
export const DATETIME: TypeClass = ['datetime'];

export function typeIn(type: KqlType, cls: TypeClass): boolean {
  return cls.includes(type);
}

// ---------------------------------------------------------------------------------------------
// Functions

/** A parameter accepts values of `types`, or (`typeof`) a `typeof(T)` argument selecting the result type. */
export interface ParamSignature {
  name: string;
  types: TypeClass | 'typeof';
  optional?: boolean;
  /** The argument must not depend on the row (no column reference): Kusto.Language's KS129. */
  constant?: boolean;
}

export interface FunctionSignature {
  /** KQL spelling (case-sensitive). */
  name: string;
  id: BuiltinId;
  params: readonly ParamSignature[];
  /** For `strcat`: every argument takes `types`, between `min` and `max` arguments. */
  variadic?: { types: TypeClass; min: number; max: number };
  /** The result type; a function receives the `typeof(T)` argument when there is one. */
  result: KqlType | ((typeofArg: KqlType | null) => KqlType);
  /** Folded against the query's fixed `now` by the planner (never evaluated per row). */
  usesNow?: boolean;
}

const fn = (sig: FunctionSignature): FunctionSignature => sig;
const conversion = (name: string, id: BuiltinId, result: KqlType): FunctionSignature =>
  fn({ name, id, params: [{ name: 'value', types: ANY_TYPE }], result });

const FUNCTION_LIST: readonly FunctionSignature[] = [
  // now([offset]): the offset must be a timespan (`now(1)` is an error).
  fn({ name: 'now', id: 'now', params: [{ name: 'offset', types: TIMESPAN, optional: true }], result: 'datetime', usesNow: true }),
  // ago(ts): `ago(24)`, `ago("1d")` and `ago()` are errors.
  fn({ name: 'ago', id: 'ago', params: [{ name: 'timespan', types: TIMESPAN }], result: 'datetime', usesNow: true }),
  fn({ name: 'strlen', id: 'strlen', params: [{ name: 'source', types: STRING_LIKE }], result: 'long' }),
  // tolower/toupper/split take any scalar as the source, converted with tostring (Kusto.Language
  // accepts `tolower(5)`, `split(123, "2")`); only strlen() insists on a string or dynamic.
  fn({ name: 'tolower', id: 'tolower', params: [{ name: 'source', types: ANY_TYPE }], result: 'string' }),
  fn({ name: 'toupper', id: 'toupper', params: [{ name: 'source', types: ANY_TYPE }], result: 'string' }),
  // strcat: 1 to 64 arguments of any type, converted with tostring.
  fn({ name: 'strcat', id: 'strcat', params: [], variadic: { types: ANY_TYPE, min: 1, max: 64 }, result: 'string' }),
  fn({
    name: 'extract',
    id: 'extract',
    params: [
      // The regex is a row-independent string (a literal, a scalar let, strcat of constants).
      { name: 'regex', types: STRING, constant: true },
      { name: 'captureGroup', types: INTEGER },
      { name: 'source', types: STRING },
      { name: 'typeLiteral', types: 'typeof', optional: true },
    ],
    result: (t) => t ?? 'string',
  }),
  fn({
    name: 'split',
    id: 'split',
    params: [
      { name: 'source', types: ANY_TYPE },
      { name: 'delimiter', types: STRING },
      { name: 'requestedIndex', types: INTEGER, optional: true },
    ],
    result: 'dynamic',
  }),
  conversion('tostring', 'tostring', 'string'),
  conversion('tolong', 'tolong', 'long'),
  conversion('toint', 'toint', 'int'),
  conversion('toreal', 'toreal', 'real'),
  conversion('todouble', 'toreal', 'real'),
  conversion('tobool', 'tobool', 'bool'),
  conversion('toboolean', 'tobool', 'bool'),
  conversion('todatetime', 'todatetime', 'datetime'),
  conversion('totimespan', 'totimespan', 'timespan'),
  conversion('isempty', 'isempty', 'bool'),
  conversion('isnotempty', 'isnotempty', 'bool'),
  conversion('isnull', 'isnull', 'bool'),
  conversion('isnotnull', 'isnotnull', 'bool'),
  fn({ name: 'not', id: 'not', params: [{ name: 'expr', types: BOOL }], result: 'bool' }),
];

export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(FUNCTION_LIST.map((f) => [f.name, f]));

export function lookupFunction(name: string): FunctionSignature | undefined {
  return FUNCTIONS.get(name);
}

export function functionArity(sig: FunctionSignature): { min: number; max: number } {
  if (sig.variadic) return { min: sig.variadic.min, max: sig.variadic.max };
  return { min: sig.params.filter((p) => !p.optional).length, max: sig.params.length };
}

// ---------------------------------------------------------------------------------------------
// Binary operators

export type OperatorFamily = 'logical' | 'equality' | 'ordering' | 'arithmetic' | 'string';

/**
 * The term operators (`has`, `hasprefix`, `hassuffix`, their `_cs` and `!` forms) need a string
 * right operand: Kusto.Language rejects a dynamic one (KS106) although it accepts one for `=~`,
 * `contains`, `startswith`, `endswith` and `matches regex`.
 */
const TERM_OPERATORS: ReadonlySet<BinaryOperatorKind> = new Set<BinaryOperatorKind>([
  'has', '!has', 'has_cs', '!has_cs',
  'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
  'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs',
]);

/** Types a string operator accepts on each side. */
export function stringOperandTypes(op: BinaryOperatorKind): { left: TypeClass; right: TypeClass } {
  return { left: STRING_LIKE, right: TERM_OPERATORS.has(op) ? STRING : STRING_LIKE };
}

const STRING_OPERATORS: ReadonlySet<BinaryOperatorKind> = new Set<BinaryOperatorKind>([
  '=~', '!~',
  'has', '!has', 'has_cs', '!has_cs',
  'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
  'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs',
  'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs',
  'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
  'matches regex',
]);

export function operatorFamily(op: BinaryOperatorKind): OperatorFamily {
  if (op === 'and' || op === 'or') return 'logical';
  if (op === '==' || op === '!=') return 'equality';
  if (op === '<' || op === '<=' || op === '>' || op === '>=') return 'ordering';
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') return 'arithmetic';
  if (STRING_OPERATORS.has(op)) return 'string';
  throw new Error(`unhandled operator ${op}`);
}

/** `int(1) + int(2)` is a long; real wins over everything; decimal over integers (§2). */
export function promoteNumeric(left: KqlType, right: KqlType): KqlType {
  if (left === 'real' || right === 'real') return 'real';
  if (left === 'decimal' || right === 'decimal') return 'decimal';
  return 'long';
}

type ResultRule = KqlType | 'promote';
type Overload = readonly [left: TypeClass, right: TypeClass, result: ResultRule];

/** Arithmetic overloads, including the datetime/timespan table of §5.1. `datetime + datetime` is rejected (doc). */
const ARITHMETIC: Readonly<Record<'+' | '-' | '*' | '/' | '%', readonly Overload[]>> = {
  '+': [
    [NUMERIC, NUMERIC, 'promote'],
    [DATETIME, TIMESPAN, 'datetime'],
    [TIMESPAN, DATETIME, 'datetime'],
    [TIMESPAN, TIMESPAN, 'timespan'],
  ],
  '-': [
    [NUMERIC, NUMERIC, 'promote'],
    [DATETIME, DATETIME, 'timespan'],
    [DATETIME, TIMESPAN, 'datetime'],
    [TIMESPAN, TIMESPAN, 'timespan'],
  ],
  '*': [
    [NUMERIC, NUMERIC, 'promote'],
    [NUMERIC, TIMESPAN, 'timespan'],
    [TIMESPAN, NUMERIC, 'timespan'],
  ],
  '/': [
    [NUMERIC, NUMERIC, 'promote'],
    [TIMESPAN, TIMESPAN, 'real'],
    [TIMESPAN, NUMERIC, 'timespan'],
  ],
  '%': [[NUMERIC, NUMERIC, 'promote']],
};

/** `<`..`>=`: numbers mix freely, datetime with datetime, timespan with timespan (§5.1). */
const ORDERING: readonly Overload[] = [
  [NUMERIC, NUMERIC, 'bool'],
  [DATETIME, DATETIME, 'bool'],
  [TIMESPAN, TIMESPAN, 'bool'],
];

/**
 * `==`/`!=`: numbers mix; otherwise the same type, a dynamic on either side, or guid with string.
 * datetime vs timespan is a type error (§5.1); string vs number is rejected (§9: avoid).
 */
export function equalityComparable(left: KqlType, right: KqlType): boolean {
  if (left === 'dynamic' || right === 'dynamic') return true;
  if (typeIn(left, NUMERIC) && typeIn(right, NUMERIC)) return true;
  if (left === right) return true;
  const pair = new Set([left, right]);
  return pair.has('guid') && pair.has('string');
}

function matchOverloads(overloads: readonly Overload[], left: KqlType, right: KqlType): KqlType | null {
  for (const [l, r, result] of overloads) {
    if (typeIn(left, l) && typeIn(right, r)) return result === 'promote' ? promoteNumeric(left, right) : result;
  }
  return null;
}

/** Why a binary operator does not apply: which operand is at fault, or the pair as a whole. */
export type BinaryResolution =
  | { ok: true; type: KqlType }
  | { ok: false; fault: 'left' | 'right' | 'pair'; expected?: TypeClass };

export function resolveBinary(op: BinaryOperatorKind, left: KqlType, right: KqlType): BinaryResolution {
  switch (operatorFamily(op)) {
    case 'logical':
      if (left !== 'bool') return { ok: false, fault: 'left', expected: BOOL };
      if (right !== 'bool') return { ok: false, fault: 'right', expected: BOOL };
      return { ok: true, type: 'bool' };
    case 'equality':
      return equalityComparable(left, right) ? { ok: true, type: 'bool' } : { ok: false, fault: 'pair' };
    case 'ordering':
      return matchOverloads(ORDERING, left, right) ? { ok: true, type: 'bool' } : { ok: false, fault: 'pair' };
    case 'arithmetic': {
      const type = matchOverloads(ARITHMETIC[op as keyof typeof ARITHMETIC], left, right);
      return type ? { ok: true, type } : { ok: false, fault: 'pair' };
    }
    case 'string': {
      // Every string operator needs a string (or dynamic) on both sides: `FileSize has "5"` and
      // `FileName =~ 1` are type errors (§5.3); the term operators want a plain string on the right.
      const expected = stringOperandTypes(op);
      if (!typeIn(left, expected.left)) return { ok: false, fault: 'left', expected: expected.left };
      if (!typeIn(right, expected.right)) return { ok: false, fault: 'right', expected: expected.right };
      return { ok: true, type: 'bool' };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Unary, between, membership, sort

/** Types unary `-`/`+` apply to: Kusto.Language also accepts a datetime (`-now()`, `+datetime(...)`). */
export const UNARY_OPERAND: TypeClass = [...NUMERIC, 'timespan', 'datetime'];

/** Unary `-`/`+` keep the operand type (so `-int(1)` stays an int and `-now()` a datetime). */
export function resolveUnary(operand: KqlType): KqlType | null {
  return typeIn(operand, UNARY_OPERAND) ? operand : null;
}

/**
 * `x between (a .. b)`: numbers, datetimes, timespans; with a datetime on the left the high end
 * may be a timespan (an offset from the low end), per L:between-operator.
 */
export function betweenAllowed(left: KqlType, low: KqlType, high: KqlType): boolean {
  if (typeIn(left, NUMERIC)) return typeIn(low, NUMERIC) && typeIn(high, NUMERIC);
  if (left === 'datetime') return low === 'datetime' && (high === 'datetime' || high === 'timespan');
  if (left === 'timespan') return low === 'timespan' && high === 'timespan';
  return false;
}

export type MembershipOperator = 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';

/** `in~`, `!in~`, `has_any`, `has_all` need a string (or dynamic) left operand; `in`/`!in` take any. */
export function membershipLeftTypes(op: MembershipOperator): TypeClass {
  return op === 'in' || op === '!in' ? ANY_TYPE : STRING_LIKE;
}

/** Element types accepted in the list of a membership operator. */
export function membershipElementAllowed(op: MembershipOperator, left: KqlType, element: KqlType): boolean {
  if (element === 'dynamic') return true;
  if (op === 'in' || op === '!in') return equalityComparable(left, element);
  return element === 'string';
}

/** Sorting by a dynamic value is an error (§4 sort). */
export function sortable(type: KqlType): boolean {
  return type !== 'dynamic';
}
