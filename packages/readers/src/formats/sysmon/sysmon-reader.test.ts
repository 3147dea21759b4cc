import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { readAll, tempDir, writeTemp } from '../../test-helpers.js';
import { openInputs } from '../../open-inputs.js';

const iso = (v: unknown) => (typeof v === 'bigint' ? formatDatetime(v) : v);

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function event(id: number, record: number, computer: string, data: Record<string, string>): string {
  const fields = Object.entries(data).map(([k, v]) => `<Data Name="${k}">${xmlEscape(v)}</Data>`).join('');
  return `<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>${id}</EventID><Version>5</Version><Level>4</Level><Task>${id}</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2024-05-14T10:22:31.441517000Z"/><EventRecordID>${record}</EventRecordID><Correlation/><Execution ProcessID="812" ThreadID="812"/><Channel>Linux-Sysmon/Operational</Channel><Computer>${computer}</Computer><Security UserId="0"/></System><EventData>${fields}</EventData></Event>`;
}

const BASH = '{5a3e91c2-3b57-6643-1f2e-a8d1c7550000}';
const SSHD = '{5a3e91c2-0000-6643-1f2e-a8d1c7550000}';
const processCreate = (record: number, computer = 'web01') => event(1, record, computer, {
  RuleName: '-', UtcTime: '2024-05-14 10:22:30.100', ProcessGuid: BASH, ProcessId: '41237', Image: '/usr/bin/bash',
  FileVersion: '-', Description: '-', Product: '-', Company: '-', OriginalFileName: '-',
  CommandLine: `bash -c "echo '[Unit]' > /etc/systemd/system/art.service && true"`, CurrentDirectory: '/root', User: 'root',
  LogonGuid: '{5a3e91c2-0000-0000-0000-000000000000}', LogonId: '0x0', TerminalSessionId: '4294967295', IntegrityLevel: 'no level',
  Hashes: 'SHA256=AB12,MD5=cd34', ParentProcessGuid: SSHD, ParentProcessId: '900', ParentImage: '/usr/sbin/sshd',
  ParentCommandLine: 'sshd: root@pts/0', ParentUser: 'root',
});
const sshdCreate = (record: number) => event(1, record, 'web01', {
  RuleName: '-', UtcTime: '2024-05-14 09:00:00.000', ProcessGuid: SSHD, ProcessId: '900', Image: '/usr/sbin/sshd', CommandLine: 'sshd: root@pts/0',
  User: 'root', LogonId: '0', Hashes: 'SHA256=ee', ParentProcessGuid: '{00000000-0000-0000-0000-000000000001}', ParentProcessId: '1', ParentImage: '/usr/lib/systemd/systemd',
});
const fileCreate = (record: number, guid = BASH, pid = '41237', time = '2024-05-14 10:22:31.437') => event(11, record, 'web01', {
  RuleName: 'TechniqueID=T1543.002,TechniqueName=Create or Modify Sys', UtcTime: time, ProcessGuid: guid, ProcessId: pid,
  Image: '/usr/bin/bash', TargetFilename: '/etc/systemd/system/art.service', CreationUtcTime: time, User: 'root',
});
const fileDelete = (record: number) => event(23, record, 'web01', {
  RuleName: '-', UtcTime: '2024-05-14 10:30:00.000', ProcessGuid: '{5a3e91c2-9999-6643-1f2e-a8d1c7550000}', ProcessId: '5000', User: 'root',
  Image: '/usr/bin/rm', TargetFilename: '/etc/systemd/system/art.service', Hashes: 'SHA1=AA,MD5=BB,SHA256=CC', IsExecutable: 'false', Archived: 'false',
});

describe('Sysmon for Linux syslog (§4.4) -> Defender tables (§5)', () => {
  it('maps EventID 11 with InitiatingProcess* from an EventID 1 that comes later in the file', async () => {
    const text = [
      `May 14 10:22:31 web01 systemd[1]: Started Session 4 of user root.`,
      `May 14 10:22:31 web01 sysmon: ${fileCreate(58213)}`,
      `2024-05-14T10:22:31.442087+00:00 web01 CRON[123]: (root) CMD (true)`,
      `<14>May  4 10:22:30 web01 sysmon[1109]: ${processCreate(58210)}`,
      `2024-05-14T10:22:31.442087+00:00 web01 sysmon: ${sshdCreate(58000)}`,
      `May 14 10:22:32 web01 sysmon: Sysmon started.`,
    ].join('\n');
    const p = writeTemp(tempDir(), 'syslog', text);
    const r = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(r.malformed).toEqual([]);
    expect(r.rows).toHaveLength(1);
    const f = r.rows[0]!;
    expect(iso(f['Timestamp'])).toBe('2024-05-14T10:22:31.4370000Z');
    expect(f['DeviceName']).toBe('web01');
    expect(f['DeviceId']).toBe(createHash('sha1').update('web01').digest('hex'));
    expect(f['ActionType']).toBe('FileCreated');
    expect(f['FileName']).toBe('art.service');
    expect(f['FolderPath']).toBe('/etc/systemd/system/art.service');
    expect(f['SHA256']).toBe('');
    expect(f['FileSize']).toBeNull();
    expect(f['InitiatingProcessAccountName']).toBe('root');
    expect(f['InitiatingProcessAccountDomain']).toBe('web01');
    expect(f['InitiatingProcessFileName']).toBe('bash');
    expect(f['InitiatingProcessFolderPath']).toBe('/usr/bin/bash');
    expect(f['InitiatingProcessId']).toBe(41237n);
    expect(f['InitiatingProcessUniqueId']).toBe(BASH);
    expect(f['InitiatingProcessCommandLine']).toBe(`bash -c "echo '[Unit]' > /etc/systemd/system/art.service && true"`);
    expect(iso(f['InitiatingProcessCreationTime'])).toBe('2024-05-14T10:22:30.1000000Z');
    expect(f['InitiatingProcessSHA256']).toBe('ab12');
    expect(f['InitiatingProcessMD5']).toBe('cd34');
    expect(f['InitiatingProcessParentId']).toBe(900n);
    expect(f['InitiatingProcessParentFileName']).toBe('sshd');
    expect(iso(f['InitiatingProcessParentCreationTime'])).toBe('2024-05-14T09:00:00.0000000Z');
    expect(f['ReportId']).toBe(58213n);
    expect(JSON.parse(f['AdditionalFields'] as string)).toEqual({
      SysmonEventId: 11, RuleName: 'TechniqueID=T1543.002,TechniqueName=Create or Modify Sys', CreationUtcTime: '2024-05-14 10:22:31.437',
      ProcessGuid: BASH, EventRecordID: 58213,
    });
    expect(r.set.statsOfFile(p)!.skippedLines).toBe(3);
  });

  it('maps EventID 1 to DeviceProcessEvents with the parent from its own EventID 1', async () => {
    const p = writeTemp(tempDir(), 'syslog', `May 14 10:22:30 web01 sysmon: ${processCreate(58210)}\nMay 14 10:22:30 web01 sysmon: ${sshdCreate(58000)}\n`);
    const r = await readAll([{ path: p }], 'DeviceProcessEvents');
    const bash = r.rows.find((x) => x['FileName'] === 'bash')!;
    expect(bash['ActionType']).toBe('ProcessCreated');
    expect(iso(bash['ProcessCreationTime'])).toBe('2024-05-14T10:22:30.1000000Z');
    expect(bash['ProcessId']).toBe(41237n);
    expect(bash['AccountName']).toBe('root');
    expect(bash['LogonId']).toBe(0n);
    expect(bash['ProcessIntegrityLevel']).toBe('');
    expect(bash['ProcessVersionInfoCompanyName']).toBe('');
    expect(bash['SHA256']).toBe('ab12');
    expect(bash['InitiatingProcessFileName']).toBe('sshd');
    expect(bash['InitiatingProcessCommandLine']).toBe('sshd: root@pts/0');
    expect(bash['InitiatingProcessId']).toBe(900n);
    expect(iso(bash['InitiatingProcessCreationTime'])).toBe('2024-05-14T09:00:00.0000000Z');
    expect(bash['InitiatingProcessSHA256']).toBe('ee');
    expect(bash['InitiatingProcessLogonId']).toBe(0n);
    expect(bash['InitiatingProcessParentId']).toBe(1n);
    expect(bash['InitiatingProcessParentFileName']).toBe('systemd');
    expect(bash['InitiatingProcessParentCreationTime']).toBeNull();
    expect(JSON.parse(bash['AdditionalFields'] as string)).toEqual({
      ProcessCurrentWorkingDirectory: '/root', LogonGuid: '{5a3e91c2-0000-0000-0000-000000000000}', TerminalSessionId: 4294967295,
      SysmonEventId: 1, EventRecordID: 58210,
    });
  });

  /**
   * Two logs: `a.log`, `leading` lines then file events of pid 41237 under an unknown guid (after
   * bash started: the ProcessId fallback finds it; after bash exited: no match) and a delete;
   * `b.log`, bash's EventID 1 and its EventID 5.
   */
  function fallbackLogs(leading: string[] = []): { files: string; procs: string } {
    const dir = tempDir();
    const files = writeTemp(dir, 'a.log', [
      ...leading,
      `May 14 10:22:31 web01 sysmon: ${fileCreate(2, '{unknown}', '41237', '2024-05-14 10:22:40.000')}`,
      `May 14 10:22:31 web01 sysmon: ${fileCreate(3, '{unknown}', '41237', '2024-05-14 11:00:00.000')}`,
      `May 14 10:22:31 web01 sysmon: ${fileDelete(4)}`,
    ].join('\n'));
    const procs = writeTemp(dir, 'b.log', [
      `May 14 10:22:30 web01 sysmon: ${processCreate(0)}`,
      `May 14 10:50:00 web01 sysmon: ${event(5, 9, 'web01', { RuleName: '-', UtcTime: '2024-05-14 10:50:00.000', ProcessGuid: BASH, ProcessId: '41237', Image: '/usr/bin/bash', User: 'root' })}`,
    ].join('\n'));
    return { files, procs };
  }

  it('correlates across files, falls back by ProcessId, and respects EventID 5', async () => {
    const { files, procs } = fallbackLogs([`May 14 10:22:31 web01 sysmon: ${fileCreate(1)}`]);
    const r = await readAll([{ path: files }, { path: procs }], 'DeviceFileEvents');
    expect(r.rows.map((x) => x['InitiatingProcessCommandLine'])).toEqual([
      `bash -c "echo '[Unit]' > /etc/systemd/system/art.service && true"`, `bash -c "echo '[Unit]' > /etc/systemd/system/art.service && true"`, '', '',
    ]);
    // Rows come out by Timestamp (§5.3): the delete at 10:30 before the create at 11:00.
    expect(r.rows.map((x) => x['ReportId'])).toEqual([1n, 2n, 4n, 3n]);
    expect(r.rows.map((x) => x['InitiatingProcessFileName'])).toEqual(['bash', 'bash', 'rm', 'bash']);
    const del = r.rows[2]!;
    expect(del['ActionType']).toBe('FileDeleted');
    expect([del['SHA1'], del['MD5'], del['SHA256']]).toEqual(['aa', 'bb', 'cc']);
    expect(JSON.parse(del['AdditionalFields'] as string)).toMatchObject({ SysmonEventId: 23, IsExecutable: 'false', Archived: 'false' });
    expect(del['InitiatingProcessCreationTime']).toBeNull();
  });

  it('prefiltered, takes a row\'s process from another file by the ProcessId fallback (EventID 5 included), the log in memory or on disk', async () => {
    // No row names bash's guid: only the ProcessId fallback reaches it.
    const { files, procs } = fallbackLogs();
    // Without ActionType, DeviceId and AdditionalFields, whose derived texts would turn the prefilter off.
    const columns = ['Timestamp', 'ReportId', 'FolderPath', 'InitiatingProcessCommandLine', 'InitiatingProcessCreationTime', 'InitiatingProcessParentFileName'];
    const scan = async (textNeedles?: string[]): Promise<Record<string, unknown>[]> => {
      const set = await openInputs([{ path: files }, { path: procs }], {});
      const rows: Record<string, unknown>[] = [];
      for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns, textNeedles })) for (const r of b.toArray()) rows.push(r.toJSON() as Record<string, unknown>);
      return rows;
    };
    const full = await scan();
    // 'echo' is only in bash's command line (b.log): row 2 takes it (by pid, before bash's exit).
    const holding = full.filter((r) => String(r['InitiatingProcessCommandLine']).includes('echo'));
    expect(holding.map((r) => r['ReportId'])).toEqual([2n]);
    try {
      for (const memory of [undefined, '0']) {
        if (memory !== undefined) process.env['KQLR_SYSMON_LOG_MEMORY_BYTES'] = memory;
        const kept = await scan(['echo']);
        expect(kept.filter((r) => holding.some((h) => h['ReportId'] === r['ReportId']))).toEqual(holding);
        // Other lines may be kept too (row 3 shares bash's pid), always with the full scan's values;
        // rm's (row 4) is skipped, so the prefilter (and its table of candidates) was at work.
        expect(kept).toEqual(full.filter((r) => kept.some((k) => k['ReportId'] === r['ReportId'])));
        expect(kept.map((r) => r['ReportId'])).not.toContain(4n);
      }
    } finally {
      delete process.env['KQLR_SYSMON_LOG_MEMORY_BYTES'];
    }
  });

  it('reports truncated and broken lines, and a bad UtcTime, without stopping', async () => {
    const full = fileCreate(7);
    const text = [
      `May 14 10:22:31 web01 sysmon: ${full.slice(0, 300)}`,
      `May 14 10:22:31 web01 sysmon: ${full.replace('>root<', '>r<oot<')}`,
      // UtcTime falls back to TimeCreated/@SystemTime; both unusable makes the record malformed.
      `May 14 10:22:31 web01 sysmon: ${fileCreate(8, BASH, '1', 'garbage').replace(/SystemTime="[^"]*"/, 'SystemTime="?"')}`,
      `May 14 10:22:31 web01 sysmon: ${full}`,
    ].join('\n');
    const r = await readAll([{ path: writeTemp(tempDir(), 's.log', text) }], 'DeviceFileEvents');
    expect(r.rows).toHaveLength(1);
    expect(r.malformed.map((m) => m.line)).toEqual([1, 2, 3]);
    expect(r.malformed[0]!.reason).toMatch(/cut before <\/Event>/);
    expect(r.malformed[2]!.reason).toMatch(/unparseable UtcTime "garbage"/);
    // A second table scan of the same file does not report the same problems again.
    const p2 = r.set.tables.get('DeviceProcessEvents')!;
    for await (const b of p2.scan()) void b;
    expect(r.malformed).toHaveLength(3);
    expect(r.set.malformedCount()).toBe(3);
    expect(r.set.malformedCount('DeviceFileEvents')).toBe(3);
  });
});

describe('Sysmon XML documents (§4.3)', () => {
  it('declaration, wrapper, pretty-printed events, entities; same rows as the syslog form', async () => {
    const pretty = (xml: string) => xml.replace(/></g, '>\n    <');
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<Events>\n  ${pretty(processCreate(1))}\n  ${pretty(fileCreate(2))}\n</Events>\n`;
    const dir = tempDir();
    const p = writeTemp(dir, 'events.txt', doc);
    const set = await openInputs([{ path: p }]);
    expect(set.files[0]!.format).toBe('sysmon');
    const fromXml = await readAll([{ path: p }], 'DeviceFileEvents');
    const fromSyslog = await readAll([{ path: writeTemp(dir, 'sys.log', `May 14 10:22:31 web01 sysmon: ${processCreate(1)}\nMay 14 10:22:31 web01 sysmon: ${fileCreate(2)}`) }], 'DeviceFileEvents');
    expect(fromXml.malformed).toEqual([]);
    expect(fromXml.rows).toHaveLength(1);
    expect(fromXml.rows).toEqual(fromSyslog.rows);
    expect(fromXml.rows[0]!['InitiatingProcessCommandLine']).toBe(`bash -c "echo '[Unit]' > /etc/systemd/system/art.service && true"`);
  });

  it('bare <Event> lines; a cut element is reported and the next one read', async () => {
    const text = `${fileCreate(1).slice(0, 200)}\n${fileCreate(2)}\n${fileCreate(3)}`;
    const r = await readAll([{ path: writeTemp(tempDir(), 'bare.xml', text) }], 'DeviceFileEvents');
    expect(r.rows.map((x) => x['ReportId'])).toEqual([2n, 3n]);
    expect(r.malformed).toEqual([expect.objectContaining({ line: 1, reason: expect.stringMatching(/cut before/) })]);
  });
});

describe('Log Analytics Syslog table export (§4.5, AMA -> Sentinel)', () => {
  it('reads the Sysmon XML from the SyslogMessage column', async () => {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const text = [
      'TenantId,"TimeGenerated [UTC]",Computer,HostName,Facility,SeverityLevel,ProcessName,SyslogMessage,SourceSystem,Type',
      `t,"5/14/2024, 10:22:31.440 AM",web01,web01,user,info,sysmon,${q(processCreate(1))},Linux,Syslog`,
      `t,"5/14/2024, 10:22:31.440 AM",web01,web01,daemon,info,systemd,${q('Started Session 4.')},Linux,Syslog`,
      `t,"5/14/2024, 10:22:31.440 AM",web01,web01,user,info,sysmon,${q(fileCreate(2))},Linux,Syslog`,
    ].join('\r\n');
    const p = writeTemp(tempDir(), 'syslog-export.csv', text);
    const set = await openInputs([{ path: p }]);
    expect(set.files[0]!.format).toBe('sysmon');
    const r = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!['InitiatingProcessCommandLine']).toBe(`bash -c "echo '[Unit]' > /etc/systemd/system/art.service && true"`);
    expect(r.set.statsOfFile(p)!.skippedLines).toBe(1);
  });
});
