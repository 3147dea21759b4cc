import { describe, expect, it } from 'vitest';
import { KQL_TYPES } from '@kqlr/common';
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
  it('the term operators (has, hasprefix, hassuffix and forms) need a plain string on the right (Kusto.Language KS106)', () => {
    for (const op of ['has', '!has', 'has_cs', '!has_cs', 'hasprefix', '!hasprefix_cs', 'hassuffix', '!hassuffix'] as const) {
      expect(resolveBinary(op, 'string', 'dynamic')).toMatchObject({ ok: false, fault: 'right', expected: ['string'] });
      expect(resolveBinary(op, 'dynamic', 'string')).toEqual(ok('bool'));
    }
    for (const op of ['=~', '!~', 'contains', '!contains_cs', 'startswith', 'endswith_cs', 'matches regex'] as const) {
      expect(resolveBinary(op, 'string', 'dynamic')).toEqual(ok('bool'));
    }
  });
  it('and/or need bools', () => {
    expect(resolveBinary('and', 'bool', 'bool')).toEqual(ok('bool'));
    expect(resolveBinary('or', 'string', 'bool')).toMatchObject({ ok: false, fault: 'left' });
  });
  it('unary minus keeps int and timespan', () => {
    expect(resolveUnary('int')).toBe('int');
    expect(resolveUnary('timespan')).toBe('timespan');
    expect(resolveUnary('string')).toBeNull();
    expect(resolveUnary('bool')).toBeNull();
    expect(resolveUnary('guid')).toBeNull();
  });
  it('unary minus and plus accept a datetime and keep it (Kusto.Language types -now() as datetime)', () => {
    expect(resolveUnary('datetime')).toBe('datetime');
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
  it('tolower, toupper and split take any scalar source; strlen only string or dynamic', () => {
    const source = (name: string) => lookupFunction(name)!.params[0]!.types;
    for (const name of ['tolower', 'toupper', 'split']) {
      for (const t of KQL_TYPES) expect(source(name)).toContain(t);
    }
    expect(source('strlen')).toEqual(['string', 'dynamic']);
  });
  it('split delimiter, extract regex and extract source are plain strings; the regex is a constant', () => {
    const split = lookupFunction('split')!;
    const extract = lookupFunction('extract')!;
    expect(split.params[1]!.types).toEqual(['string']);
    expect(extract.params[0]).toMatchObject({ name: 'regex', types: ['string'], constant: true });
    expect(extract.params[2]).toMatchObject({ name: 'source', types: ['string'] });
    expect(extract.params[2]!.constant).toBeUndefined();
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
