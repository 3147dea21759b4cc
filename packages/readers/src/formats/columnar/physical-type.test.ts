import { describe, expect, it } from 'vitest';
import { Bool, Dictionary, Field, Float32, Float64, Int16, Int32, Int64, LargeList, LargeUtf8, List, Uint64, Utf8 } from 'apache-arrow';
import { layoutHolds } from './physical-type.js';

describe('layoutHolds: the Arrow layouts the executor reads for each KQL type (common/arrow.ts)', () => {
  it('strings: plain or dictionary-encoded UTF-8, nothing else', () => {
    for (const k of ['string', 'guid', 'dynamic'] as const) {
      expect(layoutHolds(new Utf8(), k)).toBe(true);
      expect(layoutHolds(new LargeUtf8(), k)).toBe(true);
      expect(layoutHolds(new Dictionary(new Utf8(), new Int32()), k)).toBe(true);
      expect(layoutHolds(new Dictionary(new Int64(), new Int32()), k)).toBe(false);
      expect(layoutHolds(new List(new Field('x', new Utf8())), k)).toBe(false);
      expect(layoutHolds(new Int64(), k)).toBe(false);
    }
  });

  it('a dictionary whose value type lost its children (corrupt file) does not hold a string', () => {
    const corrupt = new Dictionary(new LargeList(undefined as unknown as Field), new Int32());
    expect(layoutHolds(corrupt, 'string')).toBe(false);
  });

  it('fixed-width types need the exact width and signedness', () => {
    expect(layoutHolds(new Int64(), 'datetime')).toBe(true);
    expect(layoutHolds(new Int64(), 'timespan')).toBe(true);
    expect(layoutHolds(new Int64(), 'long')).toBe(true);
    expect(layoutHolds(new Uint64(), 'long')).toBe(false);
    expect(layoutHolds(new Int32(), 'long')).toBe(false);
    expect(layoutHolds(new Int32(), 'int')).toBe(true);
    expect(layoutHolds(new Int16(), 'int')).toBe(false);
    expect(layoutHolds(new Float64(), 'real')).toBe(true);
    expect(layoutHolds(new Float32(), 'real')).toBe(false);
    expect(layoutHolds(new Bool(), 'bool')).toBe(true);
    expect(layoutHolds(new Utf8(), 'bool')).toBe(false);
  });
});
