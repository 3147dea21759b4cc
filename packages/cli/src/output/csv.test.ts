import { describe, expect, it } from 'vitest';
import { csvField } from './csv.js';
import { cellText } from './cell-text.js';
import { parseIsoDatetime } from '@kqlr/common';

describe('csvField (RFC 4180, quoted only when needed as in Defender portal exports)', () => {
  it('leaves plain values alone, including spaces', () => {
    expect(csvField('web01 contoso')).toBe('web01 contoso');
    expect(csvField('')).toBe('');
  });
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });
});

describe('cellText (tostring forms, kql-semantics.md §2.1)', () => {
  it('formats datetimes with 7 digits and Z, timespans in constant form, nulls as empty', () => {
    expect(cellText(parseIsoDatetime('2020-01-01')!, 'datetime')).toBe('2020-01-01T00:00:00.0000000Z');
    expect(cellText(864_000_000_000n + 5_000_000n, 'timespan')).toBe('1.00:00:00.5000000');
    expect(cellText(null, 'long')).toBe('');
    expect(cellText(12345678901234567890n, 'long')).toBe('12345678901234567890');
  });
  it('writes dynamic values as compact JSON and bools as true/false', () => {
    expect(cellText({ a: [1, 'x'] }, 'dynamic')).toBe('{"a":[1,"x"]}');
    expect(cellText(false, 'bool')).toBe('false');
  });
});
