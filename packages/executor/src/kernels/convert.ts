import { parseIsoDatetime, parseTimespanText, ticksFromParts, type KqlType, type ScalarValue } from '@kqlr/common';
import { parseDynamicText } from '../columns/from-arrow.js';
import { toKqlString } from './to-string.js';

/**
 * Conversion functions (kql-semantics.md §6): `tolong`, `toint`, `toreal`, `tobool`,
 * `todatetime`, `totimespan`, `tostring` and dynamic. Unparseable input gives **null**, never an
 * error (`tolong("abc")` is null); `tostring` of null is "". `sourceType` tells bigint ticks from
 * longs.
 */
export function convertTo(target: KqlType, v: ScalarValue, sourceType: KqlType | null): ScalarValue {
  if (target === 'string') return toKqlString(v, sourceType);
  if (v === null) return null;
  switch (target) {
    case 'long':
      return toLong(v);
    case 'int': {
      const l = toLong(v);
      return l === null || l > 2147483647n || l < -2147483648n ? null : Number(l);
    }
    case 'real':
    case 'decimal':
      return toReal(v);
    case 'bool':
      return toBool(v);
    case 'datetime':
      return typeof v === 'bigint' && sourceType === 'datetime' ? v : typeof v === 'string' ? parseDatetimeText(v) : null;
    case 'timespan':
      if (typeof v === 'bigint') return sourceType === 'datetime' ? null : v;
      return typeof v === 'string' ? parseTimespanText(v) : null;
    case 'guid':
      return typeof v === 'string' && /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(v.trim()) ? v.trim().toLowerCase() : null;
    case 'dynamic':
      return typeof v === 'string' ? parseDynamicText(v) : typeof v === 'bigint' ? toKqlString(v, sourceType) : v;
  }
}

function toLong(v: Exclude<ScalarValue, null>): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?\d+$/.test(t)) {
      const b = BigInt(t);
      return b === BigInt.asIntN(64, b) ? b : null;
    }
    const r = toReal(t);
    return r === null || !Number.isFinite(r) ? null : BigInt(Math.trunc(r));
  }
  return null;
}

function toReal(v: Exclude<ScalarValue, null>): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (t === 'NaN' || t === 'nan') return NaN;
    if (/^[+]?(inf|Infinity)$/i.test(t)) return Infinity;
    if (/^-(inf|Infinity)$/i.test(t)) return -Infinity;
    return null;
  }
  return null;
}

function toBool(v: Exclude<ScalarValue, null>): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (/^[+-]?\d+$/.test(t)) return BigInt(t) !== 0n;
    return null;
  }
  return null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * `todatetime(text)`: ISO 8601 (common/time.ts), `MM-DD-YYYY`, `M/D/YYYY [hh:mm[:ss]]`,
 * RFC 1123 (`Fri, 02 Dec 2022 13:45:56 GMT`), and `YYYYMMDD` (forms measured on the emulator).
 */
export function parseDatetimeText(text: string): bigint | null {
  const t = text.trim();
  if (t === '') return null;
  const iso = parseIsoDatetime(t);
  if (iso !== null) return iso;
  let m = /^(\d{8})$/.exec(t);
  if (m) return ticksFromParts(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6, 8)));
  m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) {
    return ticksFromParts(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  m = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:GMT|UTC|Z)?$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month === undefined) return null;
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    return ticksFromParts(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  }
  return null;
}
