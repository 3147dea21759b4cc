import { describe, expect, it } from 'vitest';
import { substringMatcher } from './contains.js';
import { foldCase } from './fold.js';

describe('substring operators (§5.3)', () => {
  it('endswith is case-insensitive; endswith_cs is not', () => {
    expect(substringMatcher('Kam', 'endswith', false)('Fabrikam')).toBe(true);
    expect(substringMatcher('.service', 'endswith', false)('evil.SERVICE')).toBe(true);
    expect(substringMatcher('Kam', 'endswith', true)('Fabrikam')).toBe(false);
    expect(substringMatcher('.service', 'endswith', true)('evil.SERVICE')).toBe(false);
  });
  it('contains / startswith with and without case', () => {
    expect(substringMatcher('SYSTEMD', 'contains', false)('/etc/systemd/x')).toBe(true);
    expect(substringMatcher('SYSTEMD', 'contains', true)('/etc/systemd/x')).toBe(false);
    expect(substringMatcher('/ETC', 'startswith', false)('/etc/systemd')).toBe(true);
    expect(substringMatcher('/ETC', 'startswith', true)('/etc/systemd')).toBe(false);
    expect(substringMatcher('abc', 'startswith', false)('ab')).toBe(false);
  });
  it('=~ compares whole strings ignoring case', () => {
    expect(substringMatcher('SystemCtl', 'equals', false)('systemctl')).toBe(true);
    expect(substringMatcher('systemct', 'equals', false)('systemctl')).toBe(false);
    expect(substringMatcher('SystemCtl', 'equals', true)('systemctl')).toBe(false);
  });
});

describe('case folding', () => {
  it('never changes the length', () => {
    for (const s of ['İstanbul', 'ẞ', 'ΣΑΣ', 'ABC', 'ǅ', '😀A']) expect(foldCase(s).length).toBe(s.length);
  });
  it('lowers ASCII and one-to-one non-ASCII letters', () => {
    expect(foldCase('AbC-Z')).toBe('abc-z');
    expect(foldCase('ÉCOLE')).toBe('école');
  });
});
