import { describe, expect, it } from 'vitest';
import { codes, expr, literal } from './test-helpers.js';

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;

describe('string literals (§1.1)', () => {
  it.each([
    [String.raw`"a\"b"`, 'a"b'],
    [String.raw`'a\'b'`, "a'b"],
    [String.raw`"a\\b"`, 'a\\b'],
    [String.raw`"\t\n\r"`, '\t\n\r'],
    [String.raw`"\a\b\f\v"`, '\x07\b\f\v'],
    [String.raw`"\u00e9"`, 'é'],
    [String.raw`"\U0001F600"`, '😀'],
    [String.raw`"\x41"`, 'A'],
    [String.raw`"\101"`, 'A'],
    [String.raw`"\0"`, '\0'],
    [String.raw`"\12x"`, '\nx'],
    [`"it's"`, "it's"],
    [`'say "hi"'`, 'say "hi"'],
  ])('escapes: %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'string', value });
  });

  it.each([
    [String.raw`@"C:\temp\x"`, 'C:\\temp\\x'],
    [String.raw`@'a\b'`, 'a\\b'],
    [`@"a""b"`, 'a"b'],
    [`@'it''s'`, "it's"],
  ])('verbatim: %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'string', value });
  });

  it.each([
    [`"a""b"`, 'ab'],
    [`"Hello"', '@"world!"`, 'Hello, world!'],
    [`"a" // comment\n 'b'`, 'ab'],
    [`'x'  "y"  @'z'`, 'xyz'],
  ])('adjacent literals join: %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'string', value });
  });

  it('joined literals have the span of all parts', () => {
    const e = literal(`"a" 'b'`);
    expect(e.span).toEqual({ start: 6, end: 13 });
    expect(e.text).toBe(`"a" 'b'`);
  });

  it.each([
    ['```line1\nline2```', 'line1\nline2'],
    ['~~~a\\b~~~', 'a\\b'],
  ])('multi-line: %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'string', value });
  });

  it.each([
    [`h"secret"`, 'secret'],
    [`H'secret'`, 'secret'],
    [`h@"C:\\x"`, 'C:\\x'],
  ])('obfuscated: %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'string', value });
  });

  it.each([String.raw`"\q"`, String.raw`"\/"`, String.raw`"\8"`, String.raw`"\u12"`, String.raw`"\xZ1"`, String.raw`"\U0000123"`])(
    'invalid escape %s',
    (text) => {
      expect(codes(`print ${text}`)).toEqual(['invalid-escape']);
    },
  );

  it('reports the escape at its own position', () => {
    const d = codes('print "ab\\qc"');
    expect(d).toEqual(['invalid-escape']);
  });

  it.each([`"abc`, `'abc`, `"abc\ndef"`, `@"abc`])('unterminated or multi-line quote: %j', (text) => {
    expect(codes(`print ${text}`)).toContain('unterminated-string');
  });
});

describe('numbers (§1.2)', () => {
  it.each([
    ['0', 0n],
    ['42', 42n],
    ['0x1F', 31n],
    ['0XfF', 255n],
    ['9223372036854775807', 9223372036854775807n],
  ])('long %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'long', value });
  });

  it.each([
    ['1.0', 1],
    ['5.', 5],
    ['1e5', 100000],
    ['1.5e-3', 0.0015],
    ['2E+2', 200],
    ['0.25', 0.25],
  ])('real %s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'real', value });
  });

  it.each(['1e', '0x', '1_000', '0x1G', '1.5e3d', '5.h', '1e1s'])('malformed number %s', (text) => {
    expect(codes(`print ${text}`)).toEqual(['invalid-number']);
  });

  it('.5 needs a digit before the dot', () => {
    expect(codes('print .5')).toContain('syntax-error');
  });

  it('a long that does not fit is an error', () => {
    expect(codes('print 9223372036854775808')).toEqual(['number-out-of-range']);
  });

  it('-9223372036854775808 fits in a datatable', () => {
    expect(codes('datatable(a:long)[-9223372036854775808]')).toEqual([]);
  });
});

describe('bool (§1.2)', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FALSE', false],
    ['False', false],
  ])('%s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'bool', value });
  });

  it('other spellings are names', () => {
    expect(expr('tRUE')).toBe('tRUE');
  });
});

describe('typed literals and typed nulls (§1.2)', () => {
  it.each([
    ['bool(null)', 'bool'],
    ['int(null)', 'int'],
    ['long(null)', 'long'],
    ['real(null)', 'real'],
    ['double(null)', 'real'],
    ['datetime(null)', 'datetime'],
    ['date(null)', 'datetime'],
    ['timespan(null)', 'timespan'],
    ['time(null)', 'timespan'],
    ['guid(null)', 'guid'],
    ['decimal(null)', 'decimal'],
  ])('%s', (text, type) => {
    expect(literal(text)).toMatchObject({ type, value: null });
  });

  it('dynamic(null)', () => {
    expect(literal('dynamic(null)')).toMatchObject({ type: 'dynamic', value: null });
  });

  it.each([
    ['long(-1)', 'long', -1n],
    ['long( 7 )', 'long', 7n],
    ['int(2)', 'int', 2],
    ['int(-2)', 'int', -2],
    ['real(1.5)', 'real', 1.5],
    ['double(2)', 'real', 2],
    ['real(+inf)', 'real', Infinity],
    ['real(-inf)', 'real', -Infinity],
    ['bool(true)', 'bool', true],
    ['bool(False)', 'bool', false],
    ['guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)', 'guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'],
  ])('%s', (text, type, value) => {
    expect(literal(text)).toMatchObject({ type, value });
  });

  it('real(nan)', () => {
    const e = literal('real(nan)');
    expect(e.type).toBe('real');
    expect(Number.isNaN(e.value)).toBe(true);
  });

  it.each([
    ['string(null)', 'unknown-typed-literal'],
    ['boolean(true)', 'unknown-typed-literal'],
    ['int(1.5)', 'invalid-typed-literal'],
    ['int(3000000000)', 'number-out-of-range'],
    ['long(x)', 'invalid-typed-literal'],
    ['bool(1)', 'invalid-typed-literal'],
    ['guid(not-a-guid)', 'invalid-typed-literal'],
  ])('%s is an error', (text, code) => {
    expect(codes(`print ${text}`)).toEqual([code]);
  });

  it('the parenthesis must follow the type name', () => {
    expect(codes('print datetime (2020-01-01)')).not.toEqual([]);
  });

  it('a bare null is a name, not a literal', () => {
    expect(expr('null')).toBe('null');
  });
});

describe('datetime literals (§1.2)', () => {
  const day = (y: number, m: number, d: number) => BigInt(Date.UTC(y, m - 1, d) / 1000) * TICKS_PER_SECOND;

  it.each([
    ['datetime(2015-12-31)', day(2015, 12, 31)],
    ['date(2015-12-31)', day(2015, 12, 31)],
    ['datetime(2014-11-08 15:55)', day(2014, 11, 8) + (15n * 3600n + 55n * 60n) * TICKS_PER_SECOND],
    ['datetime(2014-11-08T15:55)', day(2014, 11, 8) + (15n * 3600n + 55n * 60n) * TICKS_PER_SECOND],
    ['datetime(2014-05-25T08:20:03Z)', day(2014, 5, 25) + (8n * 3600n + 20n * 60n + 3n) * TICKS_PER_SECOND],
    ['datetime( 2014-05-25 08:20:03.1234567 )', day(2014, 5, 25) + (8n * 3600n + 20n * 60n + 3n) * TICKS_PER_SECOND + 1234567n],
    ['datetime(2014-05-25T08:20:03.123456Z)', day(2014, 5, 25) + (8n * 3600n + 20n * 60n + 3n) * TICKS_PER_SECOND + 1234560n],
    ['datetime(0001-01-01)', -62_135_596_800n * TICKS_PER_SECOND],
  ])('%s', (text, ticks) => {
    expect(literal(text)).toMatchObject({ type: 'datetime', value: ticks });
  });

  it.each([
    ['datetime(Sat, 8 Nov 14 15:05:02 GMT)', day(2014, 11, 8) + 54302n * TICKS_PER_SECOND],
    ['datetime(Sat, 8 Nov 14 15:05 GMT)', day(2014, 11, 8) + 54300n * TICKS_PER_SECOND],
    ['datetime(8 Nov 14 15:05:02)', day(2014, 11, 8) + 54302n * TICKS_PER_SECOND],
    ['datetime(Saturday, 08-Nov-14 15:05:02 GMT)', day(2014, 11, 8) + 54302n * TICKS_PER_SECOND],
    ['datetime(08-Nov-14 15:05 EST)', day(2014, 11, 8) + (54300n + 5n * 3600n) * TICKS_PER_SECOND],
    ['datetime(Sat, 8 Nov 14 15:05:02 +0100)', day(2014, 11, 8) + (54302n - 3600n) * TICKS_PER_SECOND],
  ])('RFC 822/850: %s', (text, ticks) => {
    expect(literal(text)).toMatchObject({ type: 'datetime', value: ticks });
  });

  it.each(['datetime(2015-13-01)', 'datetime(2015-02-30)', 'datetime(yesterday)', 'datetime(2015-01-01 25:00)', 'datetime(8 Foo 14 15:05)', 'datetime(8 Nov 14 15:05 XYZ)'])(
    '%s is an error',
    (text) => {
      expect(codes(`print ${text}`)).toEqual(['invalid-typed-literal']);
    },
  );

  it('datetime() is the query time, i.e. now()', () => {
    expect(expr('datetime()')).toBe('(call now)');
  });
});

describe('timespan literals (§1.2)', () => {
  const units: [string, bigint][] = [
    ['d', TICKS_PER_DAY], ['day', TICKS_PER_DAY], ['days', TICKS_PER_DAY],
    ['h', 3600n * TICKS_PER_SECOND], ['hr', 3600n * TICKS_PER_SECOND], ['hrs', 3600n * TICKS_PER_SECOND],
    ['hour', 3600n * TICKS_PER_SECOND], ['hours', 3600n * TICKS_PER_SECOND],
    ['m', 60n * TICKS_PER_SECOND], ['min', 60n * TICKS_PER_SECOND], ['minute', 60n * TICKS_PER_SECOND],
    ['minutes', 60n * TICKS_PER_SECOND],
    ['s', TICKS_PER_SECOND], ['sec', TICKS_PER_SECOND], ['second', TICKS_PER_SECOND], ['seconds', TICKS_PER_SECOND],
    ['ms', 10_000n], ['milli', 10_000n], ['millis', 10_000n], ['millisec', 10_000n], ['millisecond', 10_000n],
    ['milliseconds', 10_000n],
    ['micro', 10n], ['micros', 10n], ['microsec', 10n], ['microsecond', 10n], ['microseconds', 10n],
    ['tick', 1n], ['ticks', 1n],
  ];
  it.each(units)('2%s', (unit, ticks) => {
    expect(literal(`2${unit}`)).toMatchObject({ type: 'timespan', value: 2n * ticks });
  });

  it.each(['nano', 'nanos', 'nanosec', 'nanosecond', 'nanoseconds'])('300%s is 3 ticks', (unit) => {
    expect(literal(`300${unit}`)).toMatchObject({ type: 'timespan', value: 3n });
  });

  it.each([
    ['1.5h', 5400n * TICKS_PER_SECOND],
    ['0.5d', 43_200n * TICKS_PER_SECOND],
    ['24h', TICKS_PER_DAY],
  ])('fractions: %s', (text, ticks) => {
    expect(literal(text)).toMatchObject({ type: 'timespan', value: ticks });
  });

  it.each(['1w', '1mins', '1secs', '1us', '1ns', '1week', '1D', '1H', '1MS', '1Days'])('%s is not a timespan', (text) => {
    expect(codes(`print ${text}`)).toEqual(['invalid-timespan-unit']);
  });

  it.each(['5.h', '1e1s', '0x10s'])('%s is not a timespan', (text) => {
    expect(codes(`print ${text}`).length).toBeGreaterThan(0);
  });

  it('.5h is not a timespan', () => {
    expect(codes('print .5h').length).toBeGreaterThan(0);
  });

  it('1 d (with a space) is an error', () => {
    expect(codes('print 1 d')).toContain('syntax-error');
  });

  it.each([
    ['timespan(1.02:00:00)', TICKS_PER_DAY + 2n * 3600n * TICKS_PER_SECOND],
    ['timespan(02:30:00)', 9000n * TICKS_PER_SECOND],
    ['time(00:00:01.5)', 15_000_000n],
    ['timespan(2)', 2n * TICKS_PER_DAY],
    ['timespan(15 seconds)', 15n * TICKS_PER_SECOND],
    ['time(0.5)', TICKS_PER_DAY / 2n],
    ['time(1:2:3)', 3723n * TICKS_PER_SECOND],
    ['timespan(-1.00:00:00)', -TICKS_PER_DAY],
  ])('%s', (text, ticks) => {
    expect(literal(text)).toMatchObject({ type: 'timespan', value: ticks });
  });

  it.each(['timespan(1 week)', 'timespan(abc)', 'timespan(1D)'])('%s is an error', (text) => {
    expect(codes(`print ${text}`)).toEqual(['invalid-typed-literal']);
  });

  it('a negative timespan is unary minus', () => {
    expect(expr('-1d')).toBe('(- timespan(1.00:00:00))');
  });
});

describe('dynamic literals (§1.2)', () => {
  it.each([
    ['dynamic([1, 2, 3])', [1, 2, 3]],
    ['dynamic([])', []],
    ['dynamic(["a", \'b\', @"c\\d"])', ['a', 'b', 'c\\d']],
    ['dynamic(["a" "b"])', ['ab']],
    ['dynamic(["only"])', ['only']],
    ['dynamic({"a": 1, \'b\': [true, null]})', { a: 1, b: [true, null] }],
    ['dynamic({})', {}],
    ['dynamic(-1)', -1],
    ['dynamic(0x10)', 16],
    ['dynamic(1.5e3)', 1500],
    ['dynamic(TRUE)', true],
    ['dynamic("text")', 'text'],
    ['dynamic(null)', null],
    ['dynamic([datetime(2020-01-01), 2s, 1.5h])', ['2020-01-01T00:00:00.0000000Z', '00:00:02', '01:30:00']],
    ['dynamic([long(5), real(2.5), bool(false), guid(74be27de-1e4e-49d9-b579-fe0b331d3642)])', [5, 2.5, false, '74be27de-1e4e-49d9-b579-fe0b331d3642']],
    ['dynamic([dynamic([1]), date(2020-01-02), time(1.00:00:00)])', [[1], '2020-01-02T00:00:00.0000000Z', '1.00:00:00']],
  ])('%s', (text, value) => {
    expect(literal(text)).toMatchObject({ type: 'dynamic', value });
  });

  it.each([
    ['dynamic([1, 2,])', 'dynamic-trailing-comma'],
    ['dynamic({"a": 1,})', 'dynamic-trailing-comma'],
    ['dynamic([1,,2])', 'empty-list-element'],
    ['dynamic({a: 1})', 'dynamic-unquoted-key'],
    ['dynamic(int(1))', 'invalid-dynamic-value'],
    ['dynamic(decimal(1))', 'invalid-dynamic-value'],
    ['dynamic(-1d)', 'invalid-sign'],
    ['dynamic(+2)', 'invalid-sign'],
    ['dynamic(-"a")', 'invalid-sign'],
    ['dynamic(x)', 'invalid-dynamic-value'],
    ['dynamic([NULL])', 'invalid-dynamic-value'],
  ])('%s is an error', (text, code) => {
    expect(codes(`print ${text}`)).toEqual([code]);
  });

  it.each(['dynamic()', 'dynamic(now())', 'dynamic(1 + 1)', 'dynamic'])('%s is a syntax error', (text) => {
    expect(codes(`print ${text}`)).toContain('syntax-error');
  });
});
