import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, makeData, makeVector, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { nonNullStrings } from './null-strings.js';

const strings = (d: Data): unknown[] => [...makeVector(d)];
const encoder = new TextEncoder();

/** Utf8 with nulls at 1 and 3; `garbage` gives the null slots bytes, as the format allows. */
function withNulls(garbage: boolean): Data {
  const text = garbage ? 'aXXbbYcc' : 'abbcc';
  const offsets = garbage ? [0, 1, 3, 5, 6, 8] : [0, 1, 1, 3, 3, 5];
  return makeData({
    type: new Utf8(), length: 5, nullCount: 2, nullBitmap: new Uint8Array([0b10101]), valueOffsets: Int32Array.from(offsets), data: encoder.encode(text),
  });
}

describe('nonNullStrings (Kusto strings are never null)', () => {
  it('null slots that span no bytes: "" without copying the text', () => {
    const d = withNulls(false);
    const out = nonNullStrings(d);
    expect(strings(out)).toEqual(['a', '', 'bb', '', 'cc']);
    expect(out.nullCount).toBe(0);
    expect((out.values as Uint8Array).buffer).toBe((d.values as Uint8Array).buffer);
  });

  it('null slots holding bytes: "" all the same (their bytes are undefined by the format)', () => {
    expect(strings(nonNullStrings(withNulls(true)))).toEqual(['a', '', 'bb', '', 'cc']);
  });

  it('a slice (non-zero offset) and a dictionary column', () => {
    expect(strings(nonNullStrings(withNulls(true).slice(1, 3)))).toEqual(['', 'bb', '']);
    const dict = vectorFromArray(['x', null, 'y', null], new Dictionary(new Utf8(), new Int32())).data[0]!;
    expect(strings(nonNullStrings(dict))).toEqual(['x', '', 'y', '']);
  });
});
