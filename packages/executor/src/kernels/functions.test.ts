import { describe, expect, it } from 'vitest';
import { MIN_DATETIME_TICKS, parseIsoDatetime, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_SECOND } from '@kqlr/common';
import { call, evalScalar, lit, long, str } from '../testing/plan-builders.js';

const dt = (s: string) => lit('datetime', parseIsoDatetime(s));
const ts = (ticks: bigint) => lit('timespan', ticks);

describe('string functions (§6)', () => {
  it('strlen counts code points', async () => {
    expect(await evalScalar(call('strlen', [str('😀')], 'long'))).toBe(1n);
    expect(await evalScalar(call('strlen', [str('C\u0327edilla')], 'long'))).toBe(8n);
    expect(await evalScalar(call('strlen', [str('Hello, world!')], 'long'))).toBe(13n);
  });
  it('strcat converts with tostring', async () => {
    expect(await evalScalar(call('strcat', [str('x'), long(1)], 'string'))).toBe('x1');
    expect(await evalScalar(call('strcat', [str('a'), lit('long', null), dt('2020-01-01')], 'string'))).toBe('a2020-01-01T00:00:00.0000000Z');
  });
  it('split', async () => {
    expect(await evalScalar(call('split', [str('a__b'), str('_')], 'dynamic'))).toEqual(['a', '', 'b']);
    expect(await evalScalar(call('split', [str(''), str('_')], 'dynamic'))).toEqual(['']);
    expect(await evalScalar(call('split', [str('aaa_bbb_ccc'), str('_'), long(1)], 'dynamic'))).toEqual(['bbb']);
  });
  it('extract: groups, no match gives "", typeof conversion', async () => {
    expect(await evalScalar(call('extract', [str('(\\d+)-(\\d+)'), long(2), str('ab 12-34')], 'string'))).toBe('34');
    expect(await evalScalar(call('extract', [str('\\d+'), long(0), str('ab 12-34')], 'string'))).toBe('12');
    expect(await evalScalar(call('extract', [str('z(\\d)'), long(1), str('ab 12')], 'string'))).toBe('');
    expect(await evalScalar(call('extract', [str('(\\d+)'), long(1), str('x 42')], 'long'))).toBe(42n);
    expect(await evalScalar(call('extract', [str('([a-z]+)'), long(1), str('x 42')], 'long'))).toBe(null);
  });
  it('tolower / toupper', async () => {
    expect(await evalScalar(call('tolower', [str('AbC')], 'string'))).toBe('abc');
    expect(await evalScalar(call('toupper', [str('AbC')], 'string'))).toBe('ABC');
  });
  it('tolower / toupper / split convert a non-string source with tostring (Kusto.Language accepts any scalar)', async () => {
    expect(await evalScalar(call('tolower', [long(5)], 'string'))).toBe('5');
    expect(await evalScalar(call('toupper', [lit('bool', true)], 'string'))).toBe('TRUE');
    expect(await evalScalar(call('tolower', [lit('bool', false)], 'string'))).toBe('false');
    expect(await evalScalar(call('toupper', [lit('real', 1.5)], 'string'))).toBe('1.5');
    expect(await evalScalar(call('tolower', [dt('2020-01-02')], 'string'))).toBe('2020-01-02t00:00:00.0000000z');
    expect(await evalScalar(call('toupper', [ts(TICKS_PER_HOUR)], 'string'))).toBe('01:00:00');
    // A null number converts to "" (tostring of null), so the case conversion gives "".
    expect(await evalScalar(call('toupper', [lit('long', null)], 'string'))).toBe('');
    expect(await evalScalar(call('split', [long(123), str('2')], 'dynamic'))).toEqual(['1', '3']);
    expect(await evalScalar(call('split', [lit('real', 1.5), str('.')], 'dynamic'))).toEqual(['1', '5']);
    expect(await evalScalar(call('split', [lit('bool', true), str('u'), long(1)], 'dynamic'))).toEqual(['e']);
  });
});

describe('conversions (§2.1, §6)', () => {
  it('tostring forms', async () => {
    expect(await evalScalar(call('tostring', [dt('2020-01-01')], 'string'))).toBe('2020-01-01T00:00:00.0000000Z');
    expect(await evalScalar(call('tostring', [ts(TICKS_PER_DAY)], 'string'))).toBe('1.00:00:00');
    expect(await evalScalar(call('tostring', [ts(1_000_000n)], 'string'))).toBe('00:00:00.1000000');
    expect(await evalScalar(call('tostring', [lit('dynamic', { a: [1, 'x'] })], 'string'))).toBe('{"a":[1,"x"]}');
    expect(await evalScalar(call('tostring', [lit('dynamic', 'plain')], 'string'))).toBe('plain');
    expect(await evalScalar(call('tostring', [lit('long', null)], 'string'))).toBe('');
    expect(await evalScalar(call('tostring', [lit('long', 9007199254740993n)], 'string'))).toBe('9007199254740993');
  });
  it('tolong returns null on failure', async () => {
    expect(await evalScalar(call('tolong', [str('abc')], 'long'))).toBe(null);
    expect(await evalScalar(call('tolong', [str('123')], 'long'))).toBe(123n);
    expect(await evalScalar(call('tolong', [str('')], 'long'))).toBe(null);
  });
  it('todatetime accepts the measured formats and returns null otherwise', async () => {
    const expectDt = async (text: string, iso: string) =>
      expect(await evalScalar(call('todatetime', [str(text)], 'datetime'))).toBe(parseIsoDatetime(iso));
    await expectDt('2022-12-02', '2022-12-02');
    await expectDt('2022-12-02 13:45:56', '2022-12-02T13:45:56Z');
    await expectDt('2022-12-02T13:45:56.1234567Z', '2022-12-02T13:45:56.1234567Z');
    await expectDt('12-02-2022', '2022-12-02');
    await expectDt('2/3/2022', '2022-02-03');
    await expectDt('Fri, 02 Dec 2022 13:45:56 GMT', '2022-12-02T13:45:56Z');
    await expectDt('20221202', '2022-12-02');
    expect(await evalScalar(call('todatetime', [str('not a date')], 'datetime'))).toBe(null);
    expect(await evalScalar(call('todatetime', [str('')], 'datetime'))).toBe(null);
  });
});

describe('dynamic access (§6)', () => {
  const arr = lit('dynamic', [10, 20, 30]);
  const obj = lit('dynamic', { a: { b: 'x' } });
  it('indexes arrays, negative from the end, null when out of range', async () => {
    expect(await evalScalar(call('dynamic_get', [arr, long(0)], 'dynamic'))).toBe(10);
    expect(await evalScalar(call('dynamic_get', [arr, long(-1)], 'dynamic'))).toBe(30);
    expect(await evalScalar(call('dynamic_get', [arr, long(3)], 'dynamic'))).toBe(null);
    expect(await evalScalar(call('dynamic_get', [arr, long(-4)], 'dynamic'))).toBe(null);
  });
  it('reads keys, null when missing', async () => {
    expect(await evalScalar(call('dynamic_get', [call('dynamic_get', [obj, str('a')], 'dynamic'), str('b')], 'dynamic'))).toBe('x');
    expect(await evalScalar(call('dynamic_get', [obj, str('zz')], 'dynamic'))).toBe(null);
    expect(await evalScalar(call('dynamic_get', [lit('dynamic', null), str('a')], 'dynamic'))).toBe(null);
  });
});

describe('arithmetic and datetime at 100 ns (§5.1)', () => {
  it('int arithmetic yields long; integer division truncates', async () => {
    expect(await evalScalar(call('+', [lit('int', 1), lit('int', 2)], 'long'))).toBe(3n);
    expect(await evalScalar(call('/', [long(1), long(2)], 'long'))).toBe(0n);
    expect(await evalScalar(call('/', [long(-7), long(2)], 'long'))).toBe(-3n);
    expect(await evalScalar(call('negate', [lit('int', 5)], 'int'))).toBe(-5);
  });
  it('unary minus on a datetime: Kusto ticks from 0001-01-01 negated, out of range is null', async () => {
    expect(await evalScalar(call('negate', [dt('2020-01-01')], 'datetime'))).toBe(null);
    expect(await evalScalar(call('negate', [lit('datetime', null)], 'datetime'))).toBe(null);
    // 0001-01-01 is tick 0 in Kusto, the one instant that is its own negation.
    expect(await evalScalar(call('negate', [dt('0001-01-01')], 'datetime'))).toBe(MIN_DATETIME_TICKS);
    // A timespan still negates as a number of ticks.
    expect(await evalScalar(call('negate', [ts(TICKS_PER_DAY)], 'timespan'))).toBe(-TICKS_PER_DAY);
  });
  it('modulo is never negative (doc: -14 % 12 == 10)', async () => {
    expect(await evalScalar(call('%', [long(-14), long(12)], 'long'))).toBe(10n);
    expect(await evalScalar(call('%', [long(-10), long(4)], 'long'))).toBe(2n);
  });
  it('real when either side is real', async () => {
    expect(await evalScalar(call('/', [lit('real', 1), long(2)], 'real'))).toBe(0.5);
  });
  it('datetime/timespan arithmetic keeps the 7th fraction digit', async () => {
    const a = dt('2023-06-19T08:22:54.6623324Z');
    const b = dt('2023-06-19T08:22:54.6623323Z');
    expect(await evalScalar(call('-', [a, b], 'timespan'))).toBe(1n);
    expect(await evalScalar(call('+', [b, ts(1n)], 'datetime'))).toBe(parseIsoDatetime('2023-06-19T08:22:54.6623324Z'));
    expect(await evalScalar(call('>', [a, b]))).toBe(true);
    expect(await evalScalar(call('==', [a, b]))).toBe(false);
  });
  it('timespan products and ratios', async () => {
    expect(await evalScalar(call('/', [ts(TICKS_PER_DAY), ts(5n * TICKS_PER_HOUR)], 'real'))).toBe(4.8);
    expect(await evalScalar(call('*', [long(86400), ts(TICKS_PER_SECOND)], 'timespan'))).toBe(TICKS_PER_DAY);
    expect(await evalScalar(call('*', [lit('real', 1.5), ts(TICKS_PER_HOUR)], 'timespan'))).toBe(TICKS_PER_HOUR + TICKS_PER_HOUR / 2n);
  });
  it('between is inclusive; a timespan upper end offsets a datetime start', async () => {
    expect(await evalScalar(call('between', [long(5), long(1), long(5)]))).toBe(true);
    expect(await evalScalar(call('between', [long(6), long(1), long(5)]))).toBe(false);
    expect(await evalScalar(call('!between', [long(6), long(1), long(5)]))).toBe(true);
    const start = dt('2024-01-01');
    expect(await evalScalar(call('between', [dt('2024-01-01T23:59:59.9999999Z'), start, ts(TICKS_PER_DAY)]))).toBe(true);
    expect(await evalScalar(call('between', [dt('2024-01-02T00:00:00.0000001Z'), start, ts(TICKS_PER_DAY)]))).toBe(false);
    expect(await evalScalar(call('between', [lit('long', null), long(1), long(5)]))).toBe(null);
  });
});
