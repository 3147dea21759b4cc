// Instants are BigInt ticks (100 ns) since 1970-01-01Z, like the engine, so 7-digit fractions survive.
export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;

export function parseInstant(iso) {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$/.exec(iso);
  if (!match) throw new Error(`not an ISO instant: ${iso}`);
  const ms = Date.parse(`${match[1]}Z`);
  return BigInt(ms) * TICKS_PER_MS + BigInt((match[2] ?? '').padEnd(7, '0'));
}

function split(ticks) {
  const seconds = ticks / TICKS_PER_SECOND;
  const fraction = ticks % TICKS_PER_SECOND;
  return { date: new Date(Number(seconds) * 1000), fraction };
}

/** `2025-06-11T10:22:31.4409812Z`: Defender's form, always 7 fraction digits. */
export function isoTicks(ticks) {
  const { date, fraction } = split(ticks);
  return `${date.toISOString().slice(0, 19)}.${fraction.toString().padStart(7, '0')}Z`;
}

/** Sysmon `UtcTime`: `2025-06-11 10:22:31.440` (milliseconds, UTC, no zone marker). */
export function sysmonUtc(ticks) {
  const { date } = split(ticks);
  const ms = (ticks % TICKS_PER_SECOND) / TICKS_PER_MS;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)}.${ms.toString().padStart(3, '0')}`;
}

/** Sysmon `TimeCreated/@SystemTime`: 9 fraction digits, the last two always 0 (tick resolution). */
export function systemTime(ticks) {
  const { date, fraction } = split(ticks);
  return `${date.toISOString().slice(0, 19)}.${fraction.toString().padStart(7, '0')}00Z`;
}

/** Truncate to whole milliseconds: Sysmon's `UtcTime` cannot carry more. */
export function toMs(ticks) {
  return ticks - (ticks % TICKS_PER_MS);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** rsyslog traditional prefix `Jun  1 07:03:09` (day space-padded) in a zone `offsetMinutes` east of UTC. */
export function syslogTraditional(ticks, offsetMinutes) {
  const local = new Date(Number(ticks / TICKS_PER_MS) + offsetMinutes * 60_000);
  const day = String(local.getUTCDate()).padStart(2, ' ');
  return `${MONTHS[local.getUTCMonth()]} ${day} ${local.toISOString().slice(11, 19)}`;
}

/** rsyslog RFC 3339 high-precision prefix `2025-06-11T12:22:31.442087+02:00` (microseconds, numeric offset). */
export function syslogRfc3339(ticks, offsetMinutes) {
  const local = ticks + BigInt(offsetMinutes) * TICKS_PER_MINUTE;
  const { date, fraction } = split(local);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date.toISOString().slice(0, 19)}.${(fraction / 10n).toString().padStart(6, '0')}${zone}`;
}
