import { describe, expect, it } from 'vitest';
import {
  betweenAllowed, functionArity, lookupFunction, membershipElementAllowed, membershipLeftTypes, resolveBinary,
  resolveUnary, sortable,
} from './builtins.js';

const ok = (type: string) => ({ ok: true, type });

describe('arithmetic signatures (§2, §5.1)', () => {
  it('integer arithmetic yields long, real wins', () => {
    expect(resolveBinary('+', 'int', 'int')).toEqual(ok('long'));
    expect(resolveBinary('*', 'long', 'int')).toEqual(ok('long'));
    expect(resolveBinary('/', 'long', 'real')).toEqual(ok('real'));
    expect(resolveBinary('%', 'int', 'long')).toEqual(ok('long'));
  });
  it('follows the datetime/timespan table', () => {
    expect(resolveBinary('-', 'datetime', 'datetime')).toEqual(ok('timespan'));
    expect(resolveBinary('+', 'datetime', 'timespan')).toEqual(ok('datetime'));
    expect(resolveBinary('-', 'datetime', 'timespan')).toEqual(ok('datetime'));
    expect(resolveBinary('+', 'timespan', 'timespan')).toEqual(ok('timespan'));
    expect(resolveBinary('/', 'timespan', 'timespan')).toEqual(ok('real'));
    expect(resolveBinary('*', 'long', 'timespan')).toEqual(ok('timespan'));
    expect(resolveBinary('*', 'timespan', 'long')).toEqual(ok('timespan'));
    expect(resolveBinary('/', 'timespan', 'long')).toEqual(ok('timespan'));
  });
  it('rejects other pairs', () => {
    expect(resolveBinary('+', 'string', 'long').ok).toBe(false);
    expect(resolveBinary('-', 'timespan', 'datetime').ok).toBe(false);
    expect(resolveBinary('+', 'datetime', 'datetime').ok).toBe(false);
    expect(resolveBinary('*', 'timespan', 'timespan').ok).toBe(false);
  });
});

describe('comparison signatures (§5.1)', () => {
  it('orders numbers, datetimes and timespans', () => {
    expect(resolveBinary('<', 'int', 'real')).toEqual(ok('bool'));
    expect(resolveBinary('>=', 'datetime', 'datetime')).toEqual(ok('bool'));
    expect(resolveBinary('>', 'timespan', 'timespan')).toEqual(ok('bool'));
  });
  it('rejects datetime vs timespan, number vs string, and string ordering', () => {
    expect(resolveBinary('>', 'datetime', 'timespan')).toEqual({ ok: false, fault: 'pair' });
    expect(resolveBinary('==', 'datetime', 'timespan')).toEqual({ ok: false, fault: 'pair' });
    expect(resolveBinary('>', 'long', 'string').ok).toBe(false);
    expect(resolveBinary('<', 'string', 'string').ok).toBe(false);
  });
  it('compares equal types, mixed numbers, dynamic with anything', () => {
    expect(resolveBinary('==', 'string', 'string')).toEqual(ok('bool'));
    expect(resolveBinary('!=', 'long', 'real')).toEqual(ok('bool'));
    expect(resolveBinary('==', 'dynamic', 'long')).toEqual(ok('bool'));
  });
});

describe('string operators and logic (§5.3)', () => {
  it('need a string or dynamic on the left and the right', () => {
    expect(resolveBinary('has', 'string', 'string')).toEqual(ok('bool'));
    expect(resolveBinary('endswith', 'dynamic', 'string')).toEqual(ok('bool'));
    expect(resolveBinary('has', 'long', 'string')).toMatchObject({ ok: false, fault: 'left' });
    expect(resolveBinary('contains', 'datetime', 'string')).toMatchObject({ ok: false, fault: 'left' });
    expect(resolveBinary('=~', 'string', 'long')).toMatchObject({ ok: false, fault: 'right' });
    expect(resolveBinary('matches regex', 'string', 'long')).toMatchObject({ ok: false, fault: 'right' });
  });
  it('and/or need bools', () => {
    expect(resolveBinary('and', 'bool', 'bool')).toEqual(ok('bool'));
    expect(resolveBinary('or', 'string', 'bool')).toMatchObject({ ok: false, fault: 'left' });
  });
  it('unary minus keeps int and timespan', () => {
    expect(resolveUnary('int')).toBe('int');
    expect(resolveUnary('timespan')).toBe('timespan');
    expect(resolveUnary('string')).toBeNull();
  });
});

describe('functions (§6)', () => {
  it('declares arity', () => {
    expect(functionArity(lookupFunction('ago')!)).toEqual({ min: 1, max: 1 });
    expect(functionArity(lookupFunction('now')!)).toEqual({ min: 0, max: 1 });
    expect(functionArity(lookupFunction('strcat')!)).toEqual({ min: 1, max: 64 });
    expect(functionArity(lookupFunction('extract')!)).toEqual({ min: 3, max: 4 });
  });
  it('types results, extract by its typeof argument', () => {
    const extract = lookupFunction('extract')!;
    expect(typeof extract.result === 'function' ? extract.result('long') : extract.result).toBe('long');
    expect(typeof extract.result === 'function' ? extract.result(null) : extract.result).toBe('string');
    expect(lookupFunction('strlen')!.result).toBe('long');
    expect(lookupFunction('todouble')!.id).toBe('toreal');
  });
  it('is case-sensitive and closed', () => {
    expect(lookupFunction('Ago')).toBeUndefined();
    expect(lookupFunction('hash')).toBeUndefined();
  });
});

describe('between, membership, sort', () => {
  it('between takes numbers, datetimes (with a timespan end) and timespans', () => {
    expect(betweenAllowed('long', 'int', 'real')).toBe(true);
    expect(betweenAllowed('datetime', 'datetime', 'timespan')).toBe(true);
    expect(betweenAllowed('datetime', 'timespan', 'timespan')).toBe(false);
    expect(betweenAllowed('string', 'string', 'string')).toBe(false);
  });
  it('in~/has_any need a string left side; in takes comparable elements', () => {
    expect(membershipLeftTypes('in~')).toEqual(['string', 'dynamic']);
    expect(membershipLeftTypes('in')).toContain('long');
    expect(membershipElementAllowed('in', 'long', 'int')).toBe(true);
    expect(membershipElementAllowed('in', 'datetime', 'timespan')).toBe(false);
    expect(membershipElementAllowed('has_any', 'string', 'dynamic')).toBe(true);
  });
  it('cannot sort by dynamic', () => {
    expect(sortable('dynamic')).toBe(false);
    expect(sortable('string')).toBe(true);
  });
});
