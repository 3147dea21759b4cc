import { describe, expect, it } from 'vitest';
import { parseExpectedRow } from './expected-row.js';
import { renderValue } from './render-value.js';

describe('parseExpectedRow', () => {
  it('reads quoted strings, JSON dynamics and markers', () => {
    const r = parseExpectedRow('"a b" {"y": [1, "x y"], "a": null} NULL (empty) 1.50', ['S', 'Y', 'L', 'S', 'R']);
    expect(r).toEqual({ ok: true, cells: ['"a b"', '{"a":null,"y":[1,"x y"]}', 'NULL', '(empty)', '1.5'] });
  });
  it('compares datetimes as instants and timespans by value', () => {
    const r = parseExpectedRow('2024-01-01T00:00:00Z 1.00:00:00', ['D', 'T']);
    expect(r).toEqual({ ok: true, cells: ['2024-01-01T00:00:00.0000000Z', '1.00:00:00'] });
  });
  it('rejects wrong counts and bad values', () => {
    expect(parseExpectedRow('1', ['L', 'L']).ok).toBe(false);
    expect(parseExpectedRow('1 2', ['L']).ok).toBe(false);
    expect(parseExpectedRow('yes', ['B']).ok).toBe(false);
    expect(parseExpectedRow('1.5', ['L']).ok).toBe(false);
    expect(parseExpectedRow('2024-13-01', ['D']).ok).toBe(false);
  });
  it('matches what renderValue prints for engine values', () => {
    const exp = parseExpectedRow('x "" 4.8 -1 00:00:00.1000000', ['S', 'S', 'R', 'L', 'T']);
    const act = [
      renderValue('x', 'S'), renderValue('', 'S'), renderValue(24 / 5, 'R'), renderValue(-1n, 'L'),
      renderValue(1_000_000n, 'T'),
    ];
    expect(exp).toEqual({ ok: true, cells: act });
  });
});

describe('renderValue', () => {
  it('renders nulls, strings needing quotes and wrong representations', () => {
    expect(renderValue(null, 'S')).toBe('NULL');
    expect(renderValue('NULL', 'S')).toBe('"NULL"');
    expect(renderValue('a\tb', 'S')).toBe('"a\\tb"');
    expect(renderValue(null, 'Y')).toBe('NULL');
    expect(renderValue({ b: 1, a: [true, null] }, 'Y')).toBe('{"a":[true,null],"b":1}');
    expect(renderValue(0.1 + 0.2, 'R')).toBe('0.3');
    expect(renderValue(1, 'D')).toMatch(/^<bad/);
    expect(renderValue('1', 'L')).toMatch(/^<bad/);
  });
});
