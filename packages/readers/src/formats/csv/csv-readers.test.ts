import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { InputError } from '../../input-error.js';
import { openInputs } from '../../open-inputs.js';
import { readAll, tempDir, writeTemp } from '../../test-helpers.js';

const iso = (v: unknown) => (typeof v === 'bigint' ? formatDatetime(v) : v);

// telemetry-formats.md §3a example (invented values).
const HEADER = 'Timestamp,DeviceId,DeviceName,ActionType,FileName,FolderPath,SHA1,FileSize,InitiatingProcessAccountDomain,InitiatingProcessAccountName,InitiatingProcessFileName,InitiatingProcessFolderPath,InitiatingProcessId,InitiatingProcessCommandLine,InitiatingProcessCreationTime,ReportId,AdditionalFields';
const ROW1 = '2024-05-14T10:22:31.4409812Z,7d1e0c4fa9b2a3c5d6e7f8091a2b3c4d5e6f7081,web01.contoso.local,FileCreated,art-systemd-service.service,/etc/systemd/system/art-systemd-service.service,4c9a1b0e6f2d8a7c3b5e9f1d2a4c6e8b0d1f3a5c,187,web01.contoso.local,root,bash,/usr/bin/bash,41237,"bash -c ""echo \'[Unit]\' > /etc/systemd/system/art-systemd-service.service""",2024-05-14T10:22:31.4012207Z,88231,';
const ROW2 = '2024-05-14T10:22:33.90541Z,7d1e0c4fa9b2a3c5d6e7f8091a2b3c4d5e6f7081,web01.contoso.local,FileDeleted,tmpa81x.tmp,/var/tmp/tmpa81x.tmp,,,web01.contoso.local,svc-app,python3.11,/usr/bin/python3.11,5120,/usr/bin/python3.11 /opt/app/worker.py,2024-05-13T22:01:09.1177Z,88240,"{""Note"":""example""}"';

describe('Defender portal CSV (§3a)', () => {
  it('a header of shared columns fits both tables: the user must name the table', async () => {
    const p = writeTemp(tempDir(), 'DeviceFileEvents.csv', `${HEADER}\n${ROW1}\n${ROW2}`);
    await expect(openInputs([{ path: p }])).rejects.toThrow(/fit several tables \(DeviceFileEvents, DeviceProcessEvents\)/);
  });

  it('reads the §3a example with the table named: types from the schema, nulls and ""', async () => {
    const p = writeTemp(tempDir(), 'x.csv', `${HEADER}\n${ROW1}\n${ROW2}`);
    const { rows, malformed } = await readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
    expect(malformed).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(iso(rows[0]!['Timestamp'])).toBe('2024-05-14T10:22:31.4409812Z');
    expect(rows[0]!['InitiatingProcessCommandLine']).toBe(`bash -c "echo '[Unit]' > /etc/systemd/system/art-systemd-service.service"`);
    expect(rows[0]!['FileSize']).toBe(187n);
    expect(rows[0]!['AdditionalFields']).toBe('');
    expect(rows[0]!['SHA256']).toBe('');
    expect(rows[0]!['RequestSourcePort']).toBeNull();
    expect(iso(rows[1]!['Timestamp'])).toBe('2024-05-14T10:22:33.9054100Z');
    expect(iso(rows[1]!['InitiatingProcessCreationTime'])).toBe('2024-05-13T22:01:09.1177000Z');
    expect(rows[1]!['FileSize']).toBeNull();
    expect(rows[1]!['AdditionalFields']).toBe('{"Note":"example"}');
  });

  it('infers DeviceFileEvents from a column only it has; BOM, CRLF, no final newline', async () => {
    const text = `\uFEFF${HEADER},PreviousFileName\r\n${ROW1},old.service\r\n${ROW2},`;
    const p = writeTemp(tempDir(), 'export.txt', text);
    const set = await openInputs([{ path: p }]);
    expect(set.files[0]!.format).toBe('defender-csv');
    expect(set.files[0]!.tables).toEqual(['DeviceFileEvents']);
    const { rows } = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(rows.map((r) => r['PreviousFileName'])).toEqual(['old.service', '']);
    expect(rows[0]!['Timestamp']).toBe(17156821514409812n);
  });

  it('skips and reports malformed rows with their line, reads the rest', async () => {
    const text = [`Timestamp,ProcessId,ProcessCommandLine`, `2024-05-14T10:00:00Z,1,"a`, `multi-line"`, `2024-05-14T10:00:01Z,2`,
      `yesterday,3,c`, `2024-05-14T10:00:03Z,x4,d`, `2024-05-14T10:00:04Z,5,"e"`].join('\n');
    const p = writeTemp(tempDir(), 'p.csv', text);
    const { rows, malformed, set } = await readAll([{ path: p }], 'DeviceProcessEvents');
    expect(rows.map((r) => r['ProcessId'])).toEqual([1n, 5n]);
    expect(rows[0]!['ProcessCommandLine']).toBe('a\nmulti-line');
    expect(malformed.map((m) => [m.line, m.reason])).toEqual([
      [4, 'expected 3 fields (as in the header), found 2'],
      [5, 'unparseable datetime "yesterday" in column Timestamp'],
      [6, 'not a long: "x4" in column ProcessId'],
    ]);
    expect(set.malformedCount('DeviceProcessEvents')).toBe(3);
    expect(set.eventCount('DeviceProcessEvents')).toBe(2);
  });

  it('strict: the first malformed record throws an InputError naming file and line', async () => {
    const p = writeTemp(tempDir(), 'p.csv', 'Timestamp,ProcessId\n2024-05-14T10:00:00Z,1\nbad,2\n');
    const err = await readAll([{ path: p }], 'DeviceProcessEvents', { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/p\.csv:3: unparseable datetime "bad".*--strict/);
  });

  it('a header-only file gives no rows; a very long quoted field survives', async () => {
    const dir = tempDir();
    const only = await readAll([{ path: writeTemp(dir, 'h.csv', 'Timestamp,ProcessId\n') }], 'DeviceProcessEvents');
    expect(only.rows).toEqual([]);
    const long = 'x'.repeat(3_000_000) + ',"\n';
    const big = await readAll([{ path: writeTemp(dir, 'l.csv', `Timestamp,ProcessCommandLine\n2024-05-14T10:00:00Z,"${long.replace(/"/g, '""')}"`) }], 'DeviceProcessEvents');
    expect((big.rows[0]!['ProcessCommandLine'] as string).length).toBe(long.length);
  });
});

describe('Sentinel / Log Analytics CSV (§3d)', () => {
  const header = 'TenantId,"TimeGenerated [UTC]","Timestamp [UTC]",DeviceName,ActionType,FileName,FolderPath,InitiatingProcessAccountName,InitiatingProcessFileName,InitiatingProcessCommandLine,AdditionalFields,ReportId,SourceSystem,Type';
  const row = '"5e2f8a31-77c4-4d0e-9b6a-0f1e2d3c4b5a","5/14/2024, 10:22:31.440 AM","5/14/2024, 10:22:31.440 AM","web01.contoso.local",FileCreated,"art-systemd-service.service","/etc/systemd/system/art-systemd-service.service",root,bash,"bash -c ""echo \'[Unit]\' > /etc/systemd/system/art-systemd-service.service""",,88231,,DeviceFileEvents';
  const procRow = '"t","7/6/2024, 2:05:09.080 PM","7/6/2024, 12:05:09.080 AM","h",ProcessCreated,runc,/usr/sbin/runc,root,containerd,containerd,"{""a"":1}",5,,DeviceProcessEvents';

  it('detects the dialect, strips [UTC], reads US display datetimes and routes rows by Type', async () => {
    const p = writeTemp(tempDir(), 'la.csv', `${header}\n${row}\n${procRow}\n`);
    const set = await openInputs([{ path: p }]);
    expect(set.files[0]!.format).toBe('sentinel-csv');
    const files = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(files.rows).toHaveLength(1);
    expect(iso(files.rows[0]!['Timestamp'])).toBe('2024-05-14T10:22:31.4400000Z');
    expect(files.rows[0]!['FolderPath']).toBe('/etc/systemd/system/art-systemd-service.service');
    expect(files.rows[0]!['ReportId']).toBe(88231n);
    const procs = await readAll([{ path: p }], 'DeviceProcessEvents');
    expect(procs.rows).toHaveLength(1);
    expect(iso(procs.rows[0]!['Timestamp'])).toBe('2024-07-06T00:05:09.0800000Z');
    expect(procs.rows[0]!['AdditionalFields']).toBe('{"a":1}');
  });

  it('[Local Time]: converts with the given zone, or assumes UTC with a warning', async () => {
    const text = `"Timestamp [Local Time]",DeviceName,PreviousFileName,Type\n"1/15/2024, 12:30:00.000 PM",h,x,DeviceFileEvents\n`;
    const p = writeTemp(tempDir(), 'local.csv', text);
    const utc = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(iso(utc.rows[0]!['Timestamp'])).toBe('2024-01-15T12:30:00.0000000Z');
    expect(utc.warnings.join()).toMatch(/Local Time.*assuming UTC/);
    const berlin = await readAll([{ path: p }], 'DeviceFileEvents', { timezone: 'Europe/Berlin' });
    expect(iso(berlin.rows[0]!['Timestamp'])).toBe('2024-01-15T11:30:00.0000000Z');
    expect(berlin.warnings).toEqual([]);
  });
});

describe('Sentinel CSV without a Timestamp column', () => {
  it('takes Timestamp from TimeGenerated', async () => {
    const p = writeTemp(tempDir(), 'tg.csv', `"TimeGenerated [UTC]",DeviceName,PreviousFileName,Type\n"1/15/2024, 1:30:00.123 PM",h,x,DeviceFileEvents\n`);
    const r = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(iso(r.rows[0]!['Timestamp'])).toBe('2024-01-15T13:30:00.1230000Z');
  });
});
