import { describe, expect, it } from 'vitest';
import { call, evalScalar, lit, str } from '../testing/plan-builders.js';
import { compileRegex, regexFinds } from './regex.js';
import { ExecutionError } from '../errors.js';

const matches = (s: string, p: string) => regexFinds(compileRegex(p), s);

describe('matches regex (RE2 via re2js, §5.3)', () => {
  it('is unanchored and case-sensitive', () => {
    expect(matches('xx systemctl enable foo.service', 'systemctl.*(enable|start).*\\.service')).toBe(true);
    expect(matches('SYSTEMCTL enable foo.service', 'systemctl')).toBe(false);
  });
  it('supports inline flags toggled mid-pattern', () => {
    expect(matches('AAb', '(?i)a+(?-i)b+')).toBe(true);
    expect(matches('AAB', '(?i)a+(?-i)b+')).toBe(false);
    expect(matches('XaY', '(?i:x)a')).toBe(true);
  });
  it('supports \\A, \\z, POSIX classes, named groups and Unicode classes', () => {
    expect(matches('123', '\\A[[:digit:]]+\\z')).toBe(true);
    expect(matches('123a', '\\A[[:digit:]]+\\z')).toBe(false);
    expect(matches('abc', '^[[:alpha:]]+$')).toBe(true);
    expect(matches('k=v', '(?P<key>\\w+)=')).toBe(true);
    expect(matches('é', '\\pL')).toBe(true);
    expect(matches('αβ', '\\p{Greek}')).toBe(true);
    expect(matches('ab', '\\p{Greek}')).toBe(false);
  });
  it('. does not match newline unless (?s); ^/$ are text anchors unless (?m)', () => {
    expect(matches('a\nb', 'a.b')).toBe(false);
    expect(matches('a\nb', '(?s)a.b')).toBe(true);
    expect(matches('x\nb', '^b')).toBe(false);
    expect(matches('x\nb', '(?m)^b')).toBe(true);
  });
  it('rejects backreferences and lookaround with a clear error', () => {
    expect(() => compileRegex('(a)\\1')).toThrow(ExecutionError);
    expect(() => compileRegex('a(?=b)')).toThrow(/invalid regular expression/);
  });
  it('a bad constant pattern fails at plan time', async () => {
    await expect(evalScalar(call('matches regex', [str('abc'), str('(')]))).rejects.toThrow(/invalid regular expression/);
  });
  it('works through a plan', async () => {
    expect(await evalScalar(call('matches regex', [str('AAb'), str('(?i)a+(?-i)b+')]))).toBe(true);
    expect(await evalScalar(call('matches regex', [str('AAB'), lit('string', '(?i)a+(?-i)b+')]))).toBe(false);
  });
});
