import { describe, expect, it } from 'vitest';
import { parseIsoDatetime, TICKS_PER_HOUR } from '@kqlr/common';
import { compileQuery, memoryTable, runQuery } from './index.js';
import { DEFENDER_TABLES } from '@kqlr/common';

describe('runQuery', () => {
  it('runs a self-contained datatable query', async () => {
    const r = await runQuery('datatable(a:long, s:string)[1, "x", 2, "Y", 3, "z"] | where a > 1 | project s, b = a * 2');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.schema.columns).toEqual([{ name: 's', type: 'string' }, { name: 'b', type: 'long' }]);
    expect(r.rows).toEqual([['Y', 4n], ['z', 6n]]);
  });

  it('reports syntax errors as diagnostics, never throws', async () => {
    const r = await runQuery('print x = (1');
    expect(r.ok).toBe(false);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('turns a bad regex into a runtime-error diagnostic', async () => {
    const r = await runQuery('print x = "a" matches regex "("');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toContain('runtime-error');
  });

  it('uses one now for the whole query; explicit now wins over set query_now', async () => {
    const now = parseIsoDatetime('2023-06-19T08:22:54.6623324Z')!;
    const r = await runQuery('set query_now = datetime(2020-01-01); print a = now(), b = ago(1h)', { now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.nowSource).toBe('option');
    expect(r.rows).toEqual([[now, now - TICKS_PER_HOUR]]);
    const s = await runQuery('set query_now = datetime(2020-01-01); print a = now()');
    expect(s.ok && s.rows[0]![0]).toBe(parseIsoDatetime('2020-01-01'));
  });

  it('runs the seed rule shape over a memory table', async () => {
    const schema = DEFENDER_TABLES['DeviceFileEvents']!;
    const now = parseIsoDatetime('2024-05-01T00:00:00Z')!;
    const row = (ts: string, action: string, folder: string, file: string) =>
      schema.columns.map((c) =>
        c.name === 'Timestamp' ? parseIsoDatetime(ts) : c.name === 'ActionType' ? action : c.name === 'FolderPath' ? folder
          : c.name === 'FileName' ? file : c.type === 'string' ? '' : null);
    const rows = [
      row('2024-04-30T12:00:00Z', 'FileCreated', '/etc/systemd/system/evil.service', 'evil.service'),
      row('2024-04-29T12:00:00Z', 'FileCreated', '/etc/systemd/system/old.service', 'old.service'),
      row('2024-04-30T13:00:00Z', 'FileDeleted', '/etc/systemd/system/x.service', 'x.service'),
      row('2024-04-30T14:00:00Z', 'FileModified', '/etc/systemd/system.conf', 'system.conf'),
      row('2024-04-30T15:00:00Z', 'FileModified', '/home/u/.config/systemd/user/kthreadd.service', 'kthreadd.service'),
    ];
    const tables = new Map([['DeviceFileEvents', memoryTable('DeviceFileEvents', schema, rows, { dictionaryColumns: ['FolderPath', 'ActionType'], batchSize: 2 })]]);
    const q = `let P = dynamic(["/etc/systemd/system/", ".config/systemd/user/"]);
let S = dynamic(["kthreadd", "syslogd"]);
DeviceFileEvents
| where Timestamp > ago(24h)
| where ActionType in ("FileCreated", "FileModified")
| where FolderPath has_any (P)
| where FileName endswith ".service"
| extend IsUser = FolderPath contains ".config/systemd/user", IsSus = FileName has_any (S)
| project Timestamp, FileName, IsUser, IsSus
| sort by Timestamp desc`;
    const r = await runQuery(q, { now, tables });
    expect(r.ok ? r.rows : r.diagnostics).toEqual([
      [parseIsoDatetime('2024-04-30T15:00:00Z'), 'kthreadd.service', true, true],
      [parseIsoDatetime('2024-04-30T12:00:00Z'), 'evil.service', false, false],
    ]);
  });

  it('compileQuery returns the plan and now', () => {
    const c = compileQuery('print 1', { now: 5n });
    expect(c.result?.now).toBe(5n);
    expect(c.result?.nowSource).toBe('option');
  });
});
