/**
 * Datetime and timespan values at Kusto's resolution: 1 tick = 100 ns. A JS Date (1 ms) would lose
 * the 7th fraction digit, so values are bigint ticks; datetimes count from 1970-01-01T00:00:00Z.
 * Valid datetimes span 0001-01-01 to 9999-12-31 (kql-semantics.md §1.2).
 */

export const TICKS_PER_MICROSECOND = 10n;
export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;

/** Ticks of 0001-01-01T00:00:00Z and of the first tick after 9999-12-31T23:59:59.9999999Z. */
export const MIN_DATETIME_TICKS = -62_135_596_800n * TICKS_PER_SECOND;
export const MAX_DATETIME_TICKS_EXCLUSIVE = 253_402_300_800n * TICKS_PER_SECOND;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Ticks of a calendar instant; `fractionTicks` is 0..9_999_999. Returns null when out of range. */
export function ticksFromParts(
  year: number, month: number, day: number,
  hour = 0, minute = 0, second = 0, fractionTicks = 0,
): bigint | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const days = daysFromCivil(year, month, day);
  const seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  return BigInt(seconds) * TICKS_PER_SECOND + BigInt(fractionTicks);
}

/** Parses up to 7 fraction digits into ticks; extra digits (Sysmon writes 9) are truncated. */
function fractionToTicks(digits: string): number {
  const seven = (digits + '0000000').slice(0, 7);
  return Number(seven);
}

const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the ISO 8601 forms Kusto documents for `datetime(...)` and that exports carry:
 * `YYYY-MM-DD`, `YYYY-MM-DD hh:mm`, `YYYY-MM-DDThh:mm:ss[.f{1,7}][Z|±hh:mm]` (space or `T`).
 * Offset-less values are UTC. Returns null for anything else or an out-of-range value.
 */
export function parseIsoDatetime(text: string): bigint | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const ticks = ticksFromParts(
    Number(m[1]), Number(m[2]), Number(m[3]),
    m[4] === undefined ? 0 : Number(m[4]), m[5] === undefined ? 0 : Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]), m[7] === undefined ? 0 : fractionToTicks(m[7]),
  );
  if (ticks === null) return null;
  const zone = m[8];
  if (zone === undefined || zone === 'Z') return ticks;
  const sign = zone[0] === '-' ? -1n : 1n;
  const digits = zone.slice(1).replace(':', '');
  const offset = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * TICKS_PER_MINUTE;
  const utc = ticks - sign * offset;
  return utc < MIN_DATETIME_TICKS || utc >= MAX_DATETIME_TICKS_EXCLUSIVE ? null : utc;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DDThh:mm:ss.fffffffZ`, Kusto's `tostring(datetime)` form (always 7 digits, always Z). */
export function formatDatetime(ticks: bigint): string {
  let days = ticks / TICKS_PER_DAY;
  let rem = ticks % TICKS_PER_DAY;
  if (rem < 0n) {
    rem += TICKS_PER_DAY;
    days -= 1n;
  }
  const { year, month, day } = civilFromDays(Number(days));
  const secOfDay = Number(rem / TICKS_PER_SECOND);
  const frac = Number(rem % TICKS_PER_SECOND);
  return (
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T` +
    `${pad(Math.floor(secOfDay / 3600), 2)}:${pad(Math.floor(secOfDay / 60) % 60, 2)}:${pad(secOfDay % 60, 2)}` +
    `.${pad(frac, 7)}Z`
  );
}

/**
 * .NET "constant" timespan form Kusto displays: `[-][d.]hh:mm:ss[.fffffff]`, a day part only when
 * nonzero and a fraction only when nonzero (kql-semantics.md §2.1).
 */
export function formatTimespan(ticks: bigint): string {
  const negative = ticks < 0n;
  const abs = negative ? -ticks : ticks;
  const days = abs / TICKS_PER_DAY;
  const rem = abs % TICKS_PER_DAY;
  const secOfDay = Number(rem / TICKS_PER_SECOND);
  const frac = Number(rem % TICKS_PER_SECOND);
  let s = negative ? '-' : '';
  if (days > 0n) s += `${days}.`;
  s += `${pad(Math.floor(secOfDay / 3600), 2)}:${pad(Math.floor(secOfDay / 60) % 60, 2)}:${pad(secOfDay % 60, 2)}`;
  if (frac !== 0) s += `.${pad(frac, 7)}`;
  return s;
}

const TIMESPAN_UNIT_TICKS: Readonly<Record<string, bigint>> = (() => {
  const table: Record<string, bigint> = {};
  const add = (ticks: bigint, names: string[]) => names.forEach((n) => (table[n] = ticks));
  add(TICKS_PER_DAY, ['d', 'day', 'days']);
  add(TICKS_PER_HOUR, ['h', 'hr', 'hrs', 'hour', 'hours']);
  add(TICKS_PER_MINUTE, ['m', 'min', 'minute', 'minutes']);
  add(TICKS_PER_SECOND, ['s', 'sec', 'second', 'seconds']);
  add(TICKS_PER_MILLISECOND, ['ms', 'milli', 'millis', 'millisec', 'millisecond', 'milliseconds']);
  add(TICKS_PER_MICROSECOND, ['micro', 'micros', 'microsec', 'microsecond', 'microseconds']);
  add(1n, ['tick', 'ticks']);
  return table;
})();

/** Nanosecond units are below tick resolution: value * 1/100 tick, handled separately. */
const NANOSECOND_UNITS = new Set(['nano', 'nanos', 'nanosec', 'nanosecond', 'nanoseconds']);

/** Every timespan unit spelling of the grammar (closed, lower case only). */
export const TIMESPAN_UNITS: readonly string[] = [...Object.keys(TIMESPAN_UNIT_TICKS), ...NANOSECOND_UNITS];

/**
 * Ticks of `<number><unit>` (number = digits with an optional fraction, e.g. "1.5", unit from the
 * grammar's closed list). Returns null for an unknown unit. Fractions are computed exactly in
 * decimal and truncated to whole ticks, as .NET does.
 */
export function timespanTicks(numberText: string, unit: string): bigint | null {
  const [intPart, fracPart = ''] = numberText.split('.');
  if (!/^\d+$/.test(intPart ?? '') || !/^\d*$/.test(fracPart)) return null;
  const scale = 10n ** BigInt(fracPart.length);
  const scaled = BigInt(intPart!) * scale + (fracPart ? BigInt(fracPart) : 0n);
  if (NANOSECOND_UNITS.has(unit)) return scaled / (scale * 100n);
  const perUnit = TIMESPAN_UNIT_TICKS[unit];
  if (perUnit === undefined) return null;
  return (scaled * perUnit) / scale;
}

/**
 * Parses `timespan(...)` text: `[-][d.]hh:mm:ss[.fffffff]`, `hh:mm[:ss]`, or a bare number of days.
 * Returns null when it is none of these.
 */
export function parseTimespanText(text: string): bigint | null {
  const t = text.trim();
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(t);
  if (m) {
    const ticks =
      BigInt(m[2] ?? '0') * TICKS_PER_DAY + BigInt(m[3]!) * TICKS_PER_HOUR + BigInt(m[4]!) * TICKS_PER_MINUTE +
      BigInt(m[5] ?? '0') * TICKS_PER_SECOND + (m[6] ? BigInt((m[6] + '000000').slice(0, 7)) : 0n);
    return m[1] ? -ticks : ticks;
  }
  const days = /^(-)?(\d+(?:\.\d+)?)$/.exec(t);
  if (days) {
    const v = timespanTicks(days[2]!, 'd');
    return v === null ? null : days[1] ? -v : v;
  }
  return null;
}
