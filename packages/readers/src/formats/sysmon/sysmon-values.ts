import { createHash } from 'node:crypto';
import { parseDatetimeText } from '../../values/parse-datetime.js';
import type { SysmonEvent } from './sysmon-event.js';

/** Sysmon writes `-` for "no value" and `no level` for the integrity level on Linux: both mean empty. */
export function clean(v: string | undefined): string {
  if (v === undefined || v === '-' || v === 'no level') return '';
  return v;
}

/** Last path segment (`/usr/bin/bash` -> `bash`). */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** `SHA256=...,MD5=...` -> upper-case algorithm -> lower-case hex. */
export function parseHashes(v: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const s = clean(v);
  if (s === '') return out;
  for (const part of s.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim().toUpperCase()] = part.slice(eq + 1).trim().toLowerCase();
  }
  return out;
}

/** `UtcTime` (UTC, `YYYY-MM-DD HH:MM:SS.mmm`), falling back to `TimeCreated/@SystemTime`. */
export function eventTicks(e: SysmonEvent): bigint | null {
  return ticksOf(e.data['UtcTime'], e.systemTime);
}

/** eventTicks from the two texts. */
export function ticksOf(utc: string | undefined, systemTime: string): bigint | null {
  if (utc !== undefined && utc !== '' && utc !== '-') {
    const t = parseDatetimeText(utc);
    if (t !== null) return t;
  }
  return systemTime === '' ? null : parseDatetimeText(systemTime);
}

/** Decimal or `0x` hex (the manifest type is hex; Linux writes decimal). Null when absent or invalid. */
export function parseIntegerText(v: string | undefined): bigint | null {
  const s = clean(v).trim();
  if (/^-?\d+$/.test(s)) return BigInt(s);
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return BigInt(s);
  return null;
}

const deviceIds = new Map<string, string>();

/** Synthetic, stable DeviceId: lower-case hex SHA-1 of `Computer` (MDE's ids are 40 hex chars too). */
export function syntheticDeviceId(computer: string): string {
  let id = deviceIds.get(computer);
  if (id === undefined) {
    id = createHash('sha1').update(computer, 'utf8').digest('hex');
    if (deviceIds.size < 100_000) deviceIds.set(computer, id);
  }
  return id;
}
