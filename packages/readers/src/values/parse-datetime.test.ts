import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { parseDatetimeText, parseUsDisplayDatetime, zoneToUtc } from './parse-datetime.js';

const iso = (t: bigint | null) => (t === null ? null : formatDatetime(t));

describe('parseDatetimeText', () => {
  it('reads 0 to 7 fraction digits exactly (telemetry-formats §3a/§3b)', () => {
    expect(iso(parseDatetimeText('2023-10-18T14:37:28.2012261Z'))).toBe('2023-10-18T14:37:28.2012261Z');
    expect(iso(parseDatetimeText('2023-10-18T10:34:50.770896Z'))).toBe('2023-10-18T10:34:50.7708960Z');
    expect(iso(parseDatetimeText('2024-05-14T10:22:31Z'))).toBe('2024-05-14T10:22:31.0000000Z');
    expect(iso(parseDatetimeText('2022-11-07T17:07:42.0259186Z'))).toBe('2022-11-07T17:07:42.0259186Z');
  });
  it('truncates Sysmon 9-digit SystemTime and reads UtcTime with a space', () => {
    expect(iso(parseDatetimeText('2024-05-14T10:22:31.441517999Z'))).toBe('2024-05-14T10:22:31.4415179Z');
    expect(iso(parseDatetimeText('2022-01-30 09:55:21.062'))).toBe('2022-01-30T09:55:21.0620000Z');
  });
  it('applies offsets and rejects garbage', () => {
    expect(iso(parseDatetimeText('2024-05-14T12:22:31+02:00'))).toBe('2024-05-14T10:22:31.0000000Z');
    expect(parseDatetimeText('not a date')).toBeNull();
    expect(parseDatetimeText('2024-13-14T10:22:31Z')).toBeNull();
    expect(parseDatetimeText('2024-02-30T10:22:31Z')).toBeNull();
  });
});

describe('parseUsDisplayDatetime (Log Analytics export §3d)', () => {
  it('reads M/D/YYYY, h:mm:ss.fff AM|PM with 12 AM = 00h and 12 PM = 12h', () => {
    expect(iso(parseUsDisplayDatetime('10/25/2023, 9:43:21.994 AM'))).toBe('2023-10-25T09:43:21.9940000Z');
    expect(iso(parseUsDisplayDatetime('7/6/2024, 2:05:09.080 AM'))).toBe('2024-07-06T02:05:09.0800000Z');
    expect(iso(parseUsDisplayDatetime('5/14/2024, 12:22:31.440 AM'))).toBe('2024-05-14T00:22:31.4400000Z');
    expect(iso(parseUsDisplayDatetime('5/14/2024, 12:22:31.440 PM'))).toBe('2024-05-14T12:22:31.4400000Z');
    expect(iso(parseUsDisplayDatetime('5/14/2024, 1:22:31.440 PM'))).toBe('2024-05-14T13:22:31.4400000Z');
    expect(parseUsDisplayDatetime('5/14/2024, 13:22:31.440 PM')).toBeNull();
  });
  it('converts local wall time with an IANA zone (DST-aware) or a fixed offset', () => {
    const berlin = zoneToUtc('Europe/Berlin')!;
    expect(iso(berlin(parseUsDisplayDatetime('7/1/2024, 12:00:00.000 PM')!))).toBe('2024-07-01T10:00:00.0000000Z');
    expect(iso(berlin(parseUsDisplayDatetime('1/15/2024, 12:00:00.000 PM')!))).toBe('2024-01-15T11:00:00.0000000Z');
    const minus5 = zoneToUtc('-05:00')!;
    expect(iso(minus5(parseUsDisplayDatetime('1/15/2024, 11:30:00.000 PM')!))).toBe('2024-01-16T04:30:00.0000000Z');
    expect(zoneToUtc('Mars/Olympus')).toBeNull();
  });
});
