import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { bind, bindOk, expectErrors, FIXED_NOW, plan } from '../../test-support/bind.js';

describe('set query_now (§1)', () => {
  it('pins now for the query', () => {
    const bound = bindOk('set query_now = datetime(2020-01-02); print x = now()');
    expect(formatDatetime(bound.now)).toBe('2020-01-02T00:00:00.0000000Z');
    expect(bound.nowSource).toBe('set');
    expect(plan('set query_now = datetime(2020-01-02); print x = ago(1d)')).toBe('01)Values: (x:datetime) rows=1');
  });
  it('accepts a scalar let holding a datetime constant, before or after lets', () => {
    const bound = bindOk('let t = datetime(2021-03-04); set query_now = t; print 1');
    expect(formatDatetime(bound.now)).toBe('2021-03-04T00:00:00.0000000Z');
  });
  it('is overridden by an explicit --now', () => {
    const bound = bindOk('set query_now = datetime(2020-01-02); print 1', { nowSource: 'option' });
    expect(bound.now).toBe(FIXED_NOW);
    expect(bound.nowSource).toBe('option');
  });
  it('falls back to the wall clock (the caller passes it) without set', () => {
    const bound = bindOk('print 1');
    expect(bound.nowSource).toBe('wallclock');
    expect(bound.now).toBe(FIXED_NOW);
  });
  it('rejects a value that is not a datetime', () => {
    expectErrors('set query_now = ⟨"2024-05-01"⟩; print 1', 'set-query-now');
    expectErrors('let s = "x"; set query_now = ⟨s⟩; print 1', 'set-query-now');
  });
  it('rejects expressions: must be a constant or identifier', () => {
    expectErrors('set query_now = ⟨ago(1d)⟩; print 1', 'set-query-now');
    expectErrors('set query_now = ⟨now()⟩; print 1', 'set-query-now');
    expectErrors('set query_now = ⟨datetime(2024-05-01) + 1h⟩; print 1', 'set-query-now');
    expectErrors('set query_now = ⟨todatetime("2024-05-01")⟩; print 1', 'set-query-now');
    expectErrors('let t = ago(1d); set query_now = ⟨t⟩; print 1', 'set-query-now');
  });
  it('warns about and ignores other options', () => {
    const { result, diagnostics } = bind('set notruncation; set foo = 1; print 1');
    expect(result).not.toBeNull();
    expect(diagnostics.map((d) => `${d.severity}:${d.code}`)).toEqual(['warning:set-option-ignored', 'warning:set-option-ignored']);
  });
  it('accepts any constant or known name as the value of another option', () => {
    for (const text of [
      'set foo = "bar"; print 1', 'set a = true; print 1', 'set b = 1h; print 1', 'let n = 5; set c = n; print 1',
      'set d = dynamic([1]); print 1', 'set e = DeviceFileEvents; print 1', "set f = ['Small']; print 1",
      'let t = Small | take 1; set g = t; print 1',
    ]) {
      const { result, diagnostics } = bind(text);
      expect(result).not.toBeNull();
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
  it('still checks the value of another option, as Kusto.Language does (KS142, KS130)', () => {
    expectErrors('set foo = ⟨nosuchname⟩; print 1', 'unknown-name');
    expectErrors('set foo = ⟨1 + 2⟩; print 1', 'set-value');
    expectErrors('set foo = ⟨strlen("a")⟩; print 1', 'set-value');
    expectErrors('set foo = ⟨(1)⟩; print 1', 'set-value');
    expectErrors('set foo = ⟨-1⟩; print 1', 'set-value');
    expectErrors('set foo = ⟨-1h⟩; print 1', 'set-value');
    expectErrors('let t = ⟨nosuch⟩; set foo = t; print 1', 'unknown-name');
  });
});
