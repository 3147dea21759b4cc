import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseDatetimeText } from '../values/parse-datetime.js';
import { ExportTimestamp } from './export-timestamp.js';

/** ExportTimestamp answers yes only with parseDatetimeText's instant (the builder's reading of the value). */
function ticksOf(ts: ExportTimestamp, text: string): bigint | null {
  const b = Buffer.from(`"${text}"\n`, 'latin1');
  return ts.read(b, 1) ? BigInt(ts.seconds) * 10_000_000n + BigInt(ts.fraction) : null;
}

const INSTANT = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

describe('ExportTimestamp', () => {
  test.prop([INSTANT, fc.integer({ min: 0, max: 9999 })], { seed: 7310 })('reads every valid instant of the export form as parseDatetimeText does', (d, extra) => {
    const text = d.toISOString().replace('Z', `${String(extra).padStart(4, '0')}Z`);
    const ts = new ExportTimestamp();
    expect(ticksOf(ts, text)).toBe(parseDatetimeText(text));
    // The day cache: a second read of the same date agrees too.
    expect(ticksOf(ts, text)).toBe(parseDatetimeText(text));
  });

  const CHARS = fc.constantFrom(...'0123456789-:.TZ +x'.split(''));
  test.prop([INSTANT, fc.array(fc.tuple(fc.nat(27), CHARS), { minLength: 1, maxLength: 3 })], { seed: 7311 })(
    'a changed character is read the same or refused (never another instant, never a value the builder rejects)',
    (d, edits) => {
      const chars = d.toISOString().replace('Z', '0000Z').split('');
      for (const [at, c] of edits) chars[at] = c;
      const text = chars.join('');
      const got = ticksOf(new ExportTimestamp(), text);
      if (got !== null) expect(got).toBe(parseDatetimeText(text));
    },
  );

  test('calendar and clock limits are those of ticksFromParts', () => {
    const ts = new ExportTimestamp();
    for (const bad of ['2023-02-29T00:00:00.0000000Z', '2024-04-31T00:00:00.0000000Z', '2024-13-01T00:00:00.0000000Z', '2024-00-01T00:00:00.0000000Z',
      '0000-01-01T00:00:00.0000000Z', '2024-05-14T24:00:00.0000000Z', '2024-05-14T23:60:00.0000000Z', '2024-05-14T23:59:60.0000000Z']) {
      expect(ticksOf(ts, bad)).toBeNull();
      expect(parseDatetimeText(bad)).toBeNull();
    }
    expect(ticksOf(ts, '2024-02-29T23:59:59.9999999Z')).toBe(parseDatetimeText('2024-02-29T23:59:59.9999999Z'));
    expect(ticksOf(ts, '1969-12-31T23:59:59.9999999Z')).toBe(-1n);
    // Other forms are left to the general parse, valid or not.
    expect(ticksOf(ts, '2024-05-14 10:00:00.1234567Z')).toBeNull();
    expect(ticksOf(ts, '2024-05-14T10:00:00.123456Z"')).toBeNull();
  });
});
