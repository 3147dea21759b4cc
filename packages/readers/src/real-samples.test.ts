import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { readAll } from './test-helpers.js';
import { openInputs } from './open-inputs.js';

const real = (p: string) => fileURLToPath(new URL(`../../../datasets/real/${p}`, import.meta.url));
const iso = (v: unknown) => (typeof v === 'bigint' ? formatDatetime(v) : v);

describe('real samples (datasets/real, values read from the files by eye)', () => {
  it('Defender portal CSV union export: table cannot be inferred, the user must name it', async () => {
    await expect(openInputs([{ path: real('defender-ah-portal-export-dafneb/advanced_hunting_test.csv') }]))
      .rejects.toThrow(/fit no known table.*--data <Table>=/s);
  });

  it('Defender portal CSV read as DeviceProcessEvents: 26 rows, quoting, JSON cells, 7-digit ticks', async () => {
    const r = await readAll([{ path: real('defender-ah-portal-export-dafneb/advanced_hunting_test.csv'), table: 'DeviceProcessEvents' }], 'DeviceProcessEvents');
    expect(r.rows).toHaveLength(26);
    expect(r.malformed).toEqual([]);
    expect(r.warnings.join()).toMatch(/14 column\(s\) not in DeviceProcessEvents ignored: RemoteIP/);
    const first = r.rows[0]!;
    expect(iso(first['Timestamp'])).toBe('2023-10-18T14:37:28.2012261Z');
    expect(first['ActionType']).toBe('AntivirusScanCompleted');
    expect(first['InitiatingProcessCommandLine']).toBe('"MsMpEng.exe"');
    expect(first['InitiatingProcessId']).toBe(7212n);
    expect(first['FileName']).toBe('');
    expect(JSON.parse(first['AdditionalFields'] as string)).toMatchObject({ ScanTypeIndex: 'Quick', User: 'NETWORK SERVICE' });
    const pc = r.rows.find((x) => x['ActionType'] === 'ProcessCreated')!;
    expect(iso(pc['Timestamp'])).toBe('2023-10-18T15:45:07.9862755Z');
    expect(iso(pc['ProcessCreationTime'])).toBe('2023-10-18T15:45:07.9818151Z');
    expect(pc['FolderPath']).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(pc['ProcessId']).toBe(6532n);
    expect(pc['LogonId']).toBe(999n);
    expect(pc['AccountName']).toBe('system');
    expect(pc['InitiatingProcessFileName']).toBe('AgentExecutor.exe');
    expect(pc['ReportId']).toBe(15566n);
    expect(pc['ProcessCommandLine']).toMatch(/^"powershell.exe" -NoProfile -executionPolicy bypass -file {2}"C:\\WINDOWS\\IMECache/);
    const svc = r.rows.find((x) => x['ActionType'] === 'ServiceInstalled')!;
    expect(svc['FolderPath']).toMatch(/^C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\\{4B533233/);
    expect(r.set.eventCount('DeviceProcessEvents')).toBe(26);
    const range = r.set.timestampRange()!;
    expect(formatDatetime(range.max)).toBe('2023-10-18T15:45:07.9862755Z');
  });

  it('Streaming API records: two tables in one file, routed by category, unknown keys ignored', async () => {
    const spec = [{ path: real('elastic-m365d-streaming-fixture/streaming-records.ndjson') }];
    const files = await readAll(spec, 'DeviceFileEvents');
    expect(files.rows).toHaveLength(1);
    const f = files.rows[0]!;
    expect(iso(f['Timestamp'])).toBe('2022-11-07T16:45:21.2119114Z');
    expect(f['FileName']).toBe('VMAgentDisabler.dll');
    expect(f['FolderPath']).toBe('C:\\Windows\\System32\\VMAgentDisabler.dll');
    expect(f['FileSize']).toBe(139848n);
    expect(f['RequestSourcePort']).toBeNull();
    expect(f['IsAzureInfoProtectionApplied']).toBeNull();
    expect(f['AdditionalFields']).toBe('');
    expect(f['InitiatingProcessVersionInfoFileDescription']).toBe('Microsoft AzureÂ®');
    const procs = await readAll(spec, 'DeviceProcessEvents');
    expect(procs.rows).toHaveLength(1);
    expect(procs.rows[0]!['ProcessCommandLine']).toBe('smartscreen.exe -Embedding');
    expect(procs.rows[0]!['AdditionalFields']).toBe('[]');
    expect(procs.rows[0]!['InitiatingProcessLogonId']).toBe(999n);
    expect(procs.malformed).toEqual([]);
  });

  it('hunting API JSON Lines (CRLF) of a union: named table, columns by name, 0-7 fraction digits', async () => {
    const path = real('otrf-m365d-hunting-api-export/Microsoft365DefenderEvents.json');
    await expect(openInputs([{ path }])).rejects.toThrow(/cannot tell which table/);
    const r = await readAll([{ path, table: 'DeviceProcessEvents' }], 'DeviceProcessEvents');
    // Rows 6-9 come from IdentityDirectoryEvents/CloudAppEvents, whose ReportId is a string: not a
    // DeviceProcessEvents row, so they are reported as malformed (types come from the schema).
    expect(r.rows).toHaveLength(5);
    expect(r.malformed.map((m) => m.line)).toEqual([6, 7, 8, 9]);
    expect(r.malformed[0]!.reason).toMatch(/not a long: "3ab932f1-.*in column ReportId/);
    expect(r.set.malformedCount()).toBe(4);
    expect(iso(r.rows[0]!['Timestamp'])).toBe('2021-08-02T13:11:39.7724491Z');
    expect(r.rows[0]!['InitiatingProcessFileName']).toBe('powershell.exe');
    expect(r.rows[0]!['InitiatingProcessId']).toBe(5692n);
    expect(r.rows[0]!['ActionType']).toBe('LdapSearch');
    expect(r.rows.map((x) => x['ActionType'])).toEqual(Array(5).fill('LdapSearch'));
  });

  it('Sysmon for Linux syslog lines (SigmaHQ): EventID 1 mapped per §5.2 (parent node has no EventID 1 of its own)', async () => {
    const dir = real('sigmahq-sysmon-linux-regression');
    const r = await readAll([{ path: dir }], 'DeviceProcessEvents');
    expect(r.warnings.join()).toMatch(/PROVENANCE\.md/);
    expect(r.rows).toHaveLength(1);
    const p = r.rows[0]!;
    expect(iso(p['Timestamp'])).toBe('2026-06-08T05:28:18.7900000Z');
    expect(p['DeviceName']).toBe('swachchhanda-ubuntu-wkstn');
    expect(p['DeviceId']).toMatch(/^[0-9a-f]{40}$/);
    expect(p['FileName']).toBe('dash');
    expect(p['FolderPath']).toBe('/usr/bin/dash');
    expect(p['ProcessCommandLine']).toBe('/bin/sh -c gh auth token');
    expect(p['ProcessId']).toBe(1752n);
    expect(p['AccountName']).toBe('ubuntu');
    expect(p['AccountDomain']).toBe('swachchhanda-ubuntu-wkstn');
    expect(p['LogonId']).toBe(1000n);
    expect(p['ProcessIntegrityLevel']).toBe('');
    expect(p['SHA256']).toBe('86d31f6fb799e91fa21bad341484564510ca287703a16e9e46c53338776f4f42');
    expect(p['InitiatingProcessFileName']).toBe('node');
    expect(p['InitiatingProcessFolderPath']).toBe('/home/ubuntu/.nvm/versions/node/v24.11.1/bin/node');
    expect(p['InitiatingProcessId']).toBe(1745n);
    expect(p['InitiatingProcessCommandLine']).toBe('node');
    expect(p['InitiatingProcessUniqueId']).toBe('{ec2c9708-52f2-6a26-a106-000300000000}');
    expect(p['ProcessUniqueId']).toBe('{ec2c9708-52f2-6a26-1d88-a2da375b0000}');
    expect(p['ReportId']).toBe(154177n);
    expect(JSON.parse(p['AdditionalFields'] as string)).toEqual({
      ProcessCurrentWorkingDirectory: '/home/ubuntu/test/test', LogonGuid: '{ec2c9708-5146-6a26-e803-000000000000}',
      TerminalSessionId: 1, SysmonEventId: 1, EventRecordID: 154177,
    });
    // The parent (node) has no EventID 1 in the data, so its creation time stays null.
    expect(p['InitiatingProcessCreationTime']).toBeNull();
    const files = await readAll([{ path: dir }], 'DeviceFileEvents');
    expect(files.rows).toHaveLength(0);
  });

  it('Elastic Sysmon JSON document: EventID 5 only, so no rows and no errors', async () => {
    const r = await readAll([{ path: real('elastic-sysmon-linux-fixture/test-sysmon.json') }], 'DeviceProcessEvents');
    expect(r.set.files[0]!.format).toBe('sysmon');
    expect(r.rows).toHaveLength(0);
    expect(r.malformed).toEqual([]);
  });
});
