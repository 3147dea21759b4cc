import { formatDatetime, formatTimespan, type DynamicValue, type ScalarValue } from '@kqlr/common';
import type { TypeLetter } from './type-letters.js';

/**
 * Canonical text of one result value. Both sides of a comparison go through this, so equal
 * values render equally: datetimes as 7-digit ISO UTC (instants, whatever the expected text's
 * fraction length), reals rounded to 12 significant digits, dynamic as compact JSON with sorted
 * keys (property-bag key order is not significant, kql-semantics.md §1.2), guids lower case.
 * Null of any type is `NULL`; the empty string is `(empty)`.
 */
export function renderValue(value: ScalarValue, letter: TypeLetter): string {
  if (letter === 'Y') return value === null ? 'NULL' : canonicalJson(value as DynamicValue);
  if (value === null || value === undefined) return 'NULL';
  switch (letter) {
    case 'B':
      return typeof value === 'boolean' ? String(value) : badValue(value);
    case 'I':
    case 'L':
      if (typeof value === 'bigint') return value.toString();
      return typeof value === 'number' && Number.isInteger(value) ? String(value) : badValue(value);
    case 'R':
      return typeof value === 'number' ? renderReal(value) : typeof value === 'bigint' ? renderReal(Number(value)) : badValue(value);
    case 'S':
      return typeof value === 'string' ? renderString(value) : badValue(value);
    case 'D':
      return typeof value === 'bigint' ? formatDatetime(value) : badValue(value);
    case 'T':
      return typeof value === 'bigint' ? formatTimespan(value) : badValue(value);
    case 'G':
      return typeof value === 'string' ? value.toLowerCase() : badValue(value);
    case '?':
      return typeof value === 'number' ? renderReal(value) : typeof value === 'string' ? renderString(value) : badValue(value);
  }
}

/** Reals to 12 significant digits, so last-bit differences of a computation do not matter. */
export function renderReal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return '0';
  return String(Number(v.toPrecision(12)));
}

/**
 * A string is written bare unless that would be ambiguous in a space-separated row: then it is a
 * JSON string literal. Ambiguous: empty, whitespace or control characters, a leading quote, or a
 * spelling of a marker (`NULL`, `(empty)`).
 */
export function renderString(s: string): string {
  if (s === '') return '(empty)';
  if (s === 'NULL' || s === '(empty)' || s.startsWith('"') || /[\s\u0000-\u001f\u007f\u0085\u00a0\u2028\u2029]/u.test(s)) {
    return JSON.stringify(s);
  }
  return s;
}

/** Compact JSON with object keys sorted; bigints (if an engine leaks them into dynamic) as numbers. */
export function canonicalJson(value: DynamicValue | bigint): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as DynamicValue)}`).join(',')}}`;
}

function badValue(value: unknown): string {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `<bad ${typeof value} ${shown}>`;
}
