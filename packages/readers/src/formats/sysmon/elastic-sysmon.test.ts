import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { readAll, tempDir, writeTemp } from '../../test-helpers.js';

const doc = (id: string, record: string, data: Record<string, string | number>) => ({
  log: { syslog: { hostname: 'user-ubuntu', appname: 'sysmon', procid: '3099' } },
  winlog: { record_id: record, computer_name: 'user-ubuntu', event_id: id, channel: 'Linux-Sysmon/Operational', time_created: '2022-10-24T17:06:14.193Z', event_data: data },
});

describe('Elastic / Filebeat sysmon_linux JSON (§4.5)', () => {
  it('maps EventID 1 and 11 like the XML forms; string ids and numbers accepted', async () => {
    const lines = [
      doc('11', '30', { RuleName: '-', UtcTime: '2022-10-24 17:06:15.000', ProcessGuid: '{g1}', ProcessId: '783', Image: '/usr/bin/dash', TargetFilename: '/etc/systemd/system/x.service', User: 'root' }),
      doc('1', '29', { RuleName: '-', UtcTime: '2022-10-24 17:06:14.200', ProcessGuid: '{g1}', ProcessId: 783, Image: '/usr/bin/dash', CommandLine: 'sh -c "echo > /etc/systemd/system/x.service"', User: 'root', ParentImage: '/usr/bin/sudo', ParentProcessId: '700', ParentProcessGuid: '{g0}' }),
      { message: 'not a sysmon document' },
    ].map((d) => JSON.stringify(d));
    const p = writeTemp(tempDir(), 'filebeat.ndjson', lines.join('\n'));
    const files = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(files.set.files[0]!.format).toBe('sysmon');
    expect(files.rows).toHaveLength(1);
    const f = files.rows[0]!;
    expect(formatDatetime(f['Timestamp'] as bigint)).toBe('2022-10-24T17:06:15.0000000Z');
    expect(f['DeviceName']).toBe('user-ubuntu');
    expect(f['FolderPath']).toBe('/etc/systemd/system/x.service');
    expect(f['InitiatingProcessCommandLine']).toBe('sh -c "echo > /etc/systemd/system/x.service"');
    expect(f['ReportId']).toBe(30n);
    expect(files.set.statsOfFile(p)!.skippedLines).toBe(1);
    const procs = await readAll([{ path: p }], 'DeviceProcessEvents');
    expect(procs.rows.map((r) => r['ProcessId'])).toEqual([783n]);
    expect(procs.rows[0]!['InitiatingProcessFileName']).toBe('sudo');
  });
});
