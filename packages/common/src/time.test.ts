import { describe, expect, it } from 'vitest';
import {
  formatDatetime, formatTimespan, parseIsoDatetime, parseTimespanText, timespanTicks,
  TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_SECOND, MIN_DATETIME_TICKS,
} from './time.js';

describe('datetime ticks', () => {
  it('keeps all 7 fraction digits through parse and format', () => {
    const t = parseIsoDatetime('2023-06-19T08:22:54.6623324Z');
    expect(t).not.toBeNull();
    expect(formatDatetime(t!)).toBe('2023-06-19T08:22:54.6623324Z');
  });
  it('reads the documented literal forms as UTC', () => {
    expect(formatDatetime(parseIsoDatetime('2015-12-31')!)).toBe('2015-12-31T00:00:00.0000000Z');
    expect(formatDatetime(parseIsoDatetime('2014-11-08 15:55')!)).toBe('2014-11-08T15:55:00.0000000Z');
    expect(formatDatetime(parseIsoDatetime('2014-05-25T08:20:03.123456Z')!)).toBe('2014-05-25T08:20:03.1234560Z');
  });
  it('agrees with Date at millisecond resolution', () => {
    const ms = Date.UTC(2024, 4, 14, 10, 22, 31, 440);
    expect(parseIsoDatetime('2024-05-14T10:22:31.440Z')).toBe(BigInt(ms) * 10_000n);
  });
  it('applies numeric offsets and truncates a 9-digit fraction', () => {
    expect(formatDatetime(parseIsoDatetime('2026-06-08T05:28:19.190027+02:00')!)).toBe('2026-06-08T03:28:19.1900270Z');
    expect(formatDatetime(parseIsoDatetime('2024-05-14T10:22:31.441517999Z')!)).toBe('2024-05-14T10:22:31.4415179Z');
  });
  it('covers the whole 0001..9999 range and rejects outside it', () => {
    expect(parseIsoDatetime('0001-01-01')).toBe(MIN_DATETIME_TICKS);
    expect(formatDatetime(MIN_DATETIME_TICKS)).toBe('0001-01-01T00:00:00.0000000Z');
    expect(formatDatetime(parseIsoDatetime('9999-12-31T23:59:59.9999999Z')!)).toBe('9999-12-31T23:59:59.9999999Z');
    expect(parseIsoDatetime('2023-02-29')).toBeNull();
    expect(parseIsoDatetime('2024-13-01')).toBeNull();
    expect(parseIsoDatetime('not a date')).toBeNull();
  });
});

describe('timespans', () => {
  it('formats in the .NET constant form', () => {
    expect(formatTimespan(TICKS_PER_DAY)).toBe('1.00:00:00');
    expect(formatTimespan(365n * TICKS_PER_DAY)).toBe('365.00:00:00');
    expect(formatTimespan(1_000_000n)).toBe('00:00:00.1000000');
    expect(formatTimespan(-90n * TICKS_PER_SECOND)).toBe('-00:01:30');
  });
  it('computes unit literals exactly', () => {
    expect(timespanTicks('1.5', 'h')).toBe(TICKS_PER_HOUR + TICKS_PER_HOUR / 2n);
    expect(timespanTicks('5', 'tick')).toBe(5n);
    expect(timespanTicks('1', 'microsecond')).toBe(10n);
    expect(timespanTicks('250', 'nanoseconds')).toBe(2n);
    expect(timespanTicks('1', 'w')).toBeNull();
    expect(timespanTicks('1', 'D')).toBeNull();
  });
  it('parses timespan(...) text', () => {
    expect(parseTimespanText('1.02:03:04.5')).toBe(TICKS_PER_DAY + 2n * TICKS_PER_HOUR + 184n * TICKS_PER_SECOND + 5_000_000n);
    expect(parseTimespanText('2')).toBe(2n * TICKS_PER_DAY);
    expect(parseTimespanText('-00:00:01')).toBe(-TICKS_PER_SECOND);
    expect(parseTimespanText('x')).toBeNull();
  });
});
