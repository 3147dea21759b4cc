import { parseIsoDatetime, ticksFromParts, TICKS_PER_MINUTE } from '@kqlr/common/core';

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Datetime text of exports -> ticks, or null when unparseable. Fast path for the forms exports
 * write (`YYYY-MM-DDThh:mm:ss[.f{0,9}][Z]`, also with a space as Sysmon's UtcTime); fractions
 * beyond 7 digits are truncated. Anything else goes through the general ISO parser (offsets).
 */
export function parseDatetimeText(s: string): bigint | null {
  const n = s.length;
  if (n >= 19 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58) {
    const sep = s.charCodeAt(10);
    if (sep === 84 || sep === 32) {
      let end = n;
      if (s.charCodeAt(n - 1) === 90) end = n - 1;
      let frac = 0;
      let ok = true;
      if (end > 19) {
        if (s.charCodeAt(19) !== 46) ok = false;
        else {
          const fd = end - 20;
          if (fd < 1 || fd > 9) ok = false;
          else {
            const take = fd > 7 ? 7 : fd;
            frac = digits(s, 20, take);
            if (frac < 0 || (fd > 7 && digits(s, 27, fd - 7) < 0)) ok = false;
            else for (let k = take; k < 7; k++) frac *= 10;
          }
        }
      }
      if (ok) {
        const y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
        const h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
        if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && se >= 0) {
          return ticksFromParts(y, mo, d, h, mi, se, frac);
        }
        return null;
      }
    }
  }
  return parseIsoDatetime(s);
}

const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? +(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))? *([AaPp][Mm])$/;

/**
 * Log Analytics display form `M/D/YYYY, h:mm:ss.fff AM|PM` (12 AM is 00h, 12 PM is 12h) as wall
 * time ticks, i.e. read as if UTC; null when it does not match.
 */
export function parseUsDisplayDatetime(s: string): bigint | null {
  const m = US_RE.exec(s);
  if (!m) return null;
  let hour = Number(m[4]);
  if (hour < 1 || hour > 12) return null;
  const pm = m[8]!.toLowerCase() === 'pm';
  if (hour === 12) hour = pm ? 12 : 0;
  else if (pm) hour += 12;
  const frac = m[7] === undefined ? 0 : Number((m[7] + '000000').slice(0, 7));
  return ticksFromParts(Number(m[3]), Number(m[1]), Number(m[2]), hour, Number(m[5]), Number(m[6]), frac);
}

/** Converts wall-clock ticks in a zone to UTC ticks. */
export type ZoneToUtc = (wallTicks: bigint) => bigint;

const OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/i;

/**
 * A converter for an IANA zone name or a fixed offset (`+02:00`, `UTC-5`); null when the zone is
 * unknown. IANA zones go through Intl, so daylight saving is applied per instant.
 */
export function zoneToUtc(zone: string): ZoneToUtc | null {
  const z = zone.trim();
  if (/^(UTC|GMT|Z)$/i.test(z)) return (t) => t;
  const fixed = OFFSET_RE.exec(z);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3] ?? '0')) * (fixed[1] === '-' ? -1 : 1);
    const off = BigInt(minutes) * TICKS_PER_MINUTE;
    return (t) => t - off;
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: z, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return null;
  }
  const offsetMinutesAt = (utcMs: number): number => {
    const parts: Record<string, number> = {};
    for (const p of fmt.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
    return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
  };
  return (wall) => {
    const wallMs = Number(wall / 10_000n);
    // Two refinements settle the offset except inside a DST gap/overlap (first match wins).
    let off = offsetMinutesAt(wallMs);
    off = offsetMinutesAt(wallMs - off * 60000);
    return wall - BigInt(off) * TICKS_PER_MINUTE;
  };
}
