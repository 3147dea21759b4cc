import {
  formatDatetime,
  formatTimespan,
  parseIsoDatetime,
  parseTimespanText,
  TIMESPAN_UNITS,
  timespanTicks,
  type KqlType,
  type ScalarValue,
} from '@kqlr/common/core';
import { parseRfcDatetime } from './rfc-datetime.js';

/**
 * Literal text -> value (kql-semantics.md §1.1, §1.2). Pure functions over token images; problems
 * come back as `LiteralIssue` data and diagnostic-facts.ts turns them into diagnostics.
 * Offsets in issues are relative to the start of the token image.
 */

export type LiteralIssue =
  | { kind: 'invalid-escape'; sequence: string; offset: number; length: number }
  | { kind: 'unterminated-string' }
  | { kind: 'invalid-timespan-unit'; text: string; unit: string }
  | { kind: 'invalid-number'; text: string }
  | { kind: 'number-out-of-range'; text: string; type: KqlType }
  | { kind: 'invalid-typed-literal'; typeName: string; content: string; expected: string }
  | { kind: 'unknown-typed-literal'; typeName: string };

export type LiteralResult<V> = { ok: true; value: V } | { ok: false; issue: LiteralIssue };

const ok = <V>(value: V): LiteralResult<V> => ({ ok: true, value });
const fail = <V>(issue: LiteralIssue): LiteralResult<V> => ({ ok: false, issue });

// ---- strings ----------------------------------------------------------------------------------

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"', "'": "'", '\\': '\\', t: '\t', n: '\n', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/**
 * Decodes the body of a `"..."`/`'...'` literal: the escapes of §1.1 (`\uXXXX`, `\UXXXXXXXX` and
 * `\xHH` need exactly that many hex digits; octal takes 1 to 3 digits). Anything else is an error.
 * `bodyOffset` is where the body starts inside the token image, for issue offsets.
 */
function decodeEscapes(body: string, bodyOffset: number): LiteralResult<string> {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const hexWidth = next === 'u' ? 4 : next === 'U' ? 8 : next === 'x' ? 2 : 0;
    if (hexWidth > 0) {
      const hex = body.slice(i + 2, i + 2 + hexWidth);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexWidth ? parseInt(hex, 16) : NaN;
      if (Number.isNaN(code) || code > 0x10ffff) {
        return fail({ kind: 'invalid-escape', sequence: body.slice(i, i + 2 + hexWidth), offset: bodyOffset + i, length: Math.min(2 + hexWidth, body.length - i) });
      }
      out += String.fromCodePoint(code);
      i += 1 + hexWidth;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0];
    if (octal !== undefined) {
      out += String.fromCharCode(parseInt(octal, 8));
      i += octal.length;
      continue;
    }
    return fail({ kind: 'invalid-escape', sequence: `\\${next}`, offset: bodyOffset + i, length: next ? 2 : 1 });
  }
  return ok(out);
}

/**
 * The value of one string token (any form of §1.1). Adjacent tokens are joined by the caller.
 * Obfuscated literals (`h"..."`) have the value of the literal without the prefix.
 */
export function stringTokenValue(tokenTypeName: string, image: string): LiteralResult<string> {
  switch (tokenTypeName) {
    case 'UnterminatedString':
      return fail({ kind: 'unterminated-string' });
    case 'MultiLineString':
      return ok(image.slice(3, -3));
    case 'ObfuscatedString':
      return shiftIssue(stringTokenValue(image[1] === '@' ? 'VerbatimString' : 'QuotedString', image.slice(1)), 1);
    case 'VerbatimString': {
      const quote = image[1]!;
      return ok(image.slice(2, -1).split(quote + quote).join(quote));
    }
    default:
      return decodeEscapes(image.slice(1, -1), 1);
  }
}

function shiftIssue<V>(result: LiteralResult<V>, by: number): LiteralResult<V> {
  if (result.ok || result.issue.kind !== 'invalid-escape') return result;
  return fail({ ...result.issue, offset: result.issue.offset + by });
}

/** The name inside `['...']` / `["..."]`, with the same escapes as a quoted string. */
export function bracketedNameValue(image: string): LiteralResult<string> {
  const open = image.search(/['"]/);
  const close = Math.max(image.lastIndexOf("'"), image.lastIndexOf('"'));
  return shiftIssue(decodeEscapes(image.slice(open + 1, close), 0), open + 1);
}

// ---- numbers ----------------------------------------------------------------------------------

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** A decimal or `0x` literal as a long. Digits only: a sign is a separate operator token. */
export function longValue(text: string, negative = false): LiteralResult<bigint> {
  const magnitude = BigInt(text);
  const value = negative ? -magnitude : magnitude;
  if (value < LONG_MIN || value > LONG_MAX) return fail({ kind: 'number-out-of-range', text, type: 'long' });
  return ok(value);
}

export function realValue(text: string): LiteralResult<number> {
  const value = Number(text);
  if (!Number.isFinite(value)) return fail({ kind: 'number-out-of-range', text, type: 'real' });
  return ok(value);
}

/** `1d`, `1.5h`, `100ms`: digits, optional fraction, then a unit of the closed lower-case list. */
export function timespanLiteralValue(text: string): LiteralResult<bigint> {
  const m = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(text);
  const ticks = m ? timespanTicks(m[1]!, m[2]!) : null;
  if (ticks === null) return fail({ kind: 'invalid-timespan-unit', text, unit: m?.[2] ?? text });
  return ok(ticks);
}

/**
 * A digit-led word that is no number (`1w`, `1D`, `1mins`, `5.h`, `1e`, `0x`): always an issue.
 * Kusto.Language reads these as names; rejecting them here gives a clearer message.
 */
export function badNumberIssue(text: string): LiteralIssue {
  const unit = /^\d+(?:\.\d+)?([A-Za-z][A-Za-z0-9_]*)$/.exec(text);
  // `1e`, `1e1s`: a broken exponent, not a unit.
  if (unit && !/^0[xX]/.test(text) && !/^[eE](\d|$)/.test(unit[1]!)) {
    return { kind: 'invalid-timespan-unit', text, unit: unit[1]! };
  }
  return { kind: 'invalid-number', text };
}

/** Close valid unit for a message hint: the lower-case spelling, or `7d` for weeks. */
export function suggestTimespanUnit(unit: string): string | null {
  const lower = unit.toLowerCase();
  if (lower !== unit && TIMESPAN_UNITS.includes(lower)) return lower;
  if (/^w(eeks?|ks?)?$/.test(lower)) return 'd';
  const singular = lower.replace(/s$/, '');
  if (TIMESPAN_UNITS.includes(singular)) return singular;
  return null;
}

// ---- typed literals ---------------------------------------------------------------------------

/** The value of a `kind(...)` typed literal: a scalar, or `now` for `datetime()` (the query time). */
export type TypedLiteralValue = { type: KqlType; value: ScalarValue } | { type: 'now' };

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BOOL_SPELLINGS: Readonly<Record<string, boolean>> = {
  true: true, TRUE: true, True: true, false: false, FALSE: false, False: false,
};

/** Splits `datetime (2024-01-01)` into the keyword and the trimmed text between the parentheses. */
export function splitTypedLiteral(image: string): { typeName: string; content: string } {
  const open = image.indexOf('(');
  return { typeName: image.slice(0, open).trim(), content: image.slice(open + 1, -1).trim() };
}

/**
 * Typed literals of §1.2: `datetime`/`date`, `timespan`/`time`, `guid`, `long`, `int`,
 * `real`/`double`, `decimal`, `bool`, each also with `null`. There is no `string(...)` or
 * `boolean(...)`.
 */
export function typedLiteralValue(image: string): LiteralResult<TypedLiteralValue> {
  const { typeName, content } = splitTypedLiteral(image);
  const invalid = (expected: string) => fail<TypedLiteralValue>({ kind: 'invalid-typed-literal', typeName, content, expected });
  const isNull = content === 'null';
  switch (typeName) {
    case 'datetime':
    case 'date': {
      if (isNull) return ok({ type: 'datetime', value: null });
      if (content === '') return ok({ type: 'now' });
      const ticks = parseIsoDatetime(content) ?? parseRfcDatetime(content);
      return ticks === null ? invalid('an ISO 8601 date such as 2024-05-01 or 2024-05-01T08:20:03.1234567Z') : ok({ type: 'datetime', value: ticks });
    }
    case 'timespan':
    case 'time': {
      if (isNull) return ok({ type: 'timespan', value: null });
      const ticks = parseTimespanText(padClockFields(content)) ?? timespanWithUnit(content);
      return ticks === null ? invalid('[d.]hh:mm:ss[.fffffff], a number of days, or a number and unit such as 15 seconds') : ok({ type: 'timespan', value: ticks });
    }
    case 'guid':
      if (isNull) return ok({ type: 'guid', value: null });
      return GUID_RE.test(content) ? ok({ type: 'guid', value: content.toLowerCase() }) : invalid('a GUID such as 74be27de-1e4e-49d9-b579-fe0b331d3642');
    case 'long': {
      if (isNull) return ok({ type: 'long', value: null });
      const m = /^([+-]?)\s*(\d+|0[xX][0-9a-fA-F]+)$/.exec(content);
      if (!m) return invalid('an integer or null');
      const v = longValue(m[2]!, m[1] === '-');
      return v.ok ? ok({ type: 'long', value: v.value }) : v;
    }
    case 'int': {
      if (isNull) return ok({ type: 'int', value: null });
      const m = /^([+-]?)\s*(\d+)$/.exec(content);
      if (!m) return invalid('an integer or null');
      const v = Number(m[2]) * (m[1] === '-' ? -1 : 1);
      if (v < INT_MIN || v > INT_MAX) return fail({ kind: 'number-out-of-range', text: content, type: 'int' });
      return ok({ type: 'int', value: v });
    }
    case 'real':
    case 'double':
    case 'decimal': {
      const type: KqlType = typeName === 'decimal' ? 'decimal' : 'real';
      if (isNull) return ok({ type, value: null });
      if (type === 'real') {
        if (content === 'nan') return ok({ type, value: Number.NaN });
        if (content === 'inf' || content === '+inf') return ok({ type, value: Number.POSITIVE_INFINITY });
        if (content === '-inf') return ok({ type, value: Number.NEGATIVE_INFINITY });
      }
      if (!/^[+-]?\s*(\d+(\.\d*)?([eE][+-]?\d+)?|0[xX][0-9a-fA-F]+)$/.test(content)) {
        return invalid(type === 'real' ? 'a number, nan, +inf, -inf or null' : 'a number or null');
      }
      const value = Number(content.replace(/\s+/g, ''));
      return Number.isFinite(value) ? ok({ type, value }) : fail({ kind: 'number-out-of-range', text: content, type });
    }
    case 'bool': {
      if (isNull) return ok({ type: 'bool', value: null });
      const b = BOOL_SPELLINGS[content];
      return b === undefined ? invalid('true, false or null') : ok({ type: 'bool', value: b });
    }
    default:
      return fail({ kind: 'unknown-typed-literal', typeName });
  }
}

/** .NET TimeSpan.Parse accepts one-digit clock fields (`time(1:2:3)` is 01:02:03). */
function padClockFields(content: string): string {
  const m = /^(-?(?:\d+\.)?)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?$/.exec(content);
  if (!m) return content;
  const pad = (f: string) => f.padStart(2, '0');
  return `${m[1]}${pad(m[2]!)}:${pad(m[3]!)}${m[4] === undefined ? '' : `:${pad(m[4])}${m[5] ?? ''}`}`;
}

/** `timespan(15 seconds)`, `timespan(-2 h)`. */
function timespanWithUnit(content: string): bigint | null {
  const m = /^(-)?\s*(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(content);
  if (!m) return null;
  const ticks = timespanTicks(m[2]!, m[3]!);
  return ticks === null ? null : m[1] ? -ticks : ticks;
}

/** Text form of a typed value inside a dynamic (§1.2: datetimes/timespans keep their text forms). */
export function dynamicFormOf(type: KqlType, value: ScalarValue): ScalarValue {
  if (value === null) return null;
  if (type === 'datetime' && typeof value === 'bigint') return formatDatetime(value);
  if (type === 'timespan' && typeof value === 'bigint') return formatTimespan(value);
  if (typeof value === 'bigint') return Number(value);
  return value;
}
