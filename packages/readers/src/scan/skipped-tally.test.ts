import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SkippedTally } from './skipped-tally.js';

describe('SkippedTally', () => {
  const ROW = fc.oneof(
    fc.constant(null),
    fc.tuple(fc.integer({ min: -62_135_596_800, max: 253_402_300_799 }), fc.integer({ min: 0, max: 9_999_999 })),
  );
  test.prop([fc.array(ROW, { maxLength: 20 }), fc.array(fc.boolean(), { maxLength: 20 })], { seed: 7312 })(
    'rows given as seconds and fraction count and range like rows given as ticks',
    (rows, asParts) => {
      const mixed = new SkippedTally();
      const ticks = new SkippedTally();
      rows.forEach((r, i) => {
        const t = r === null ? null : BigInt(r[0]) * 10_000_000n + BigInt(r[1]);
        ticks.row(t);
        if (r !== null && asParts[i] === true) mixed.rowAt(r[0], r[1]);
        else mixed.row(t);
      });
      mixed.settle();
      expect({ records: mixed.records, min: mixed.minTicks, max: mixed.maxTicks }).toEqual({ records: ticks.records, min: ticks.minTicks, max: ticks.maxTicks });
    },
  );

  test('settle() keeps what was set directly and folds rowAt once', () => {
    const t = new SkippedTally();
    t.minTicks = 5n;
    t.maxTicks = 7n;
    t.rowAt(0, 3);
    t.settle();
    t.settle();
    expect([t.records, t.minTicks, t.maxTicks]).toEqual([1, 3n, 7n]);
  });
});
