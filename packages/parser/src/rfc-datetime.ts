import { TICKS_PER_MINUTE, ticksFromParts } from '@kqlr/common/core';

/**
 * The RFC 822 and RFC 850 forms of `datetime(...)` documented next to ISO 8601
 * (https://learn.microsoft.com/en-us/kusto/query/scalar-data-types/datetime):
 * `[ddd, ]d MMM yy HH:mm[:ss] [zone]` and `[dddd, ]dd-MMM-yy HH:mm[:ss] [zone]`, for example
 * `Sat, 8 Nov 14 15:05:02 GMT` and `Saturday, 08-Nov-14 15:05 EST`. Month and day names are
 * case-insensitive; the day name is not checked against the date. Two-digit years follow .NET's
 * window: 00-49 -> 20xx, 50-99 -> 19xx. Returns null for anything else.
 */
const RFC_RE =
  /^(?:[A-Za-z]+,\s*)?(\d{1,2})([ -])([A-Za-z]{3})\2(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([A-Za-z]{1,3}|[+-]\d{4}))?$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 822 zone names, as hours east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
};

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    return zone[0] === '-' ? -minutes : minutes;
  }
  const hours = ZONES[zone.toUpperCase()];
  return hours === undefined ? null : hours * 60;
}

export function parseRfcDatetime(text: string): bigint | null {
  const m = RFC_RE.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
  if (month === 0) return null;
  let year = Number(m[4]);
  if (m[4]!.length === 2) year += year < 50 ? 2000 : 1900;
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === null) return null;
  const ticks = ticksFromParts(year, month, Number(m[1]), Number(m[5]), Number(m[6]), m[7] === undefined ? 0 : Number(m[7]));
  return ticks === null ? null : ticks - BigInt(offset) * TICKS_PER_MINUTE;
}
