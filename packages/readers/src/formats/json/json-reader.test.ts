import { describe, expect, it } from 'vitest';
import { formatDatetime } from '@kqlr/common';
import { openInputs } from '../../open-inputs.js';
import type { ReaderScanOptions } from '../../scan/scan-hints.js';
import { readAll, tempDir, writeTemp } from '../../test-helpers.js';

const iso = (v: unknown) => (typeof v === 'bigint' ? formatDatetime(v) : v);

const fileRecord = (ts: string, name: string, extra: Record<string, unknown> = {}) => ({
  time: '2024-05-14T10:27:02.1180443Z', tenantId: '0b9f6c1e', category: 'AdvancedHunting-DeviceFileEvents', operationName: 'Publish',
  properties: { Timestamp: ts, DeviceName: 'web01.contoso.local', ActionType: 'FileCreated', FileName: name, FolderPath: `/etc/systemd/system/${name}`,
    FileSize: 187, SHA256: null, AdditionalFields: null, MachineGroup: 'UnassignedGroup', ...extra },
});
const procRecord = (ts: string, cmd: string) => ({
  category: 'AdvancedHunting-DeviceProcessEvents', time: ts,
  properties: { Timestamp: ts, ActionType: 'ProcessCreated', ProcessCommandLine: cmd, ProcessId: 4242, AdditionalFields: { ProcessCurrentWorkingDirectory: '/' } },
});

describe('Streaming API JSON (§3b)', () => {
  it('Storage JSON lines: several tables alternate, unknown keys and blank lines ignored, no final newline', async () => {
    const lines = [
      JSON.stringify(fileRecord('2024-05-14T10:22:31.4409812Z', 'a.service', { Unknown: 1 })),
      JSON.stringify(procRecord('2024-05-14T10:22:30Z', 'systemctl enable a.service')),
      '',
      JSON.stringify(fileRecord('2024-05-14T10:22:29.1Z', 'b.service', { AdditionalFields: '{"CallerProcessID":4248}' })),
      JSON.stringify({ category: 'AdvancedHunting-DeviceNetworkEvents', properties: { Timestamp: '2024-05-14T10:22:29Z' } }),
    ];
    const p = writeTemp(tempDir(), 'PT1H.json', lines.join('\n'));
    const files = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(files.rows.map((r) => r['FileName'])).toEqual(['a.service', 'b.service']);
    expect(iso(files.rows[1]!['Timestamp'])).toBe('2024-05-14T10:22:29.1000000Z');
    expect(files.rows[1]!['AdditionalFields']).toBe('{"CallerProcessID":4248}');
    expect(files.rows[0]!['FileSize']).toBe(187n);
    expect(files.set.statsOfFile(p)!.otherTableRecords).toBe(1);
    const procs = await readAll([{ path: p }], 'DeviceProcessEvents');
    expect(procs.rows).toHaveLength(1);
    expect(procs.rows[0]!['AdditionalFields']).toBe('{"ProcessCurrentWorkingDirectory":"/"}');
    expect(procs.rows[0]!['ProcessId']).toBe(4242n);
  });

  it('Event Hubs bodies, one per line and pretty-printed', async () => {
    const body = { records: [fileRecord('2024-05-14T10:22:31Z', 'x.service'), procRecord('2024-05-14T10:22:30Z', 'c'), fileRecord('2024-05-14T10:22:32Z', 'y.service')] };
    const dir = tempDir();
    const oneLine = await readAll([{ path: writeTemp(dir, 'a.json', JSON.stringify(body)) }], 'DeviceFileEvents');
    expect(oneLine.rows.map((r) => r['FileName'])).toEqual(['x.service', 'y.service']);
    const prettyPath = writeTemp(dir, 'b.json', JSON.stringify(body, null, 2));
    const set = await openInputs([{ path: prettyPath }]);
    expect(set.files[0]!.jsonLayout).toBe('document');
    const pretty = await readAll([{ path: prettyPath }], 'DeviceFileEvents');
    expect(pretty.rows.map((r) => r['FileName'])).toEqual(['x.service', 'y.service']);
    expect(pretty.rows[1]!['Timestamp']).toBe(oneLine.rows[1]!['Timestamp']);
  });

  it('cut JSON line and wrong value types are reported with their line; the rest is read', async () => {
    const good = JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'ok.service'));
    const text = [good, good.slice(0, 80), JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'bad', { FileSize: 'big' })),
      JSON.stringify(fileRecord('when?', 'bad2')), good].join('\r\n') + '\r\n';
    const r = await readAll([{ path: writeTemp(tempDir(), 's.json', text) }], 'DeviceFileEvents');
    expect(r.rows).toHaveLength(2);
    expect(r.malformed.map((m) => m.line)).toEqual([2, 3, 4]);
    expect(r.malformed[0]!.reason).toMatch(/invalid JSON/);
    expect(r.malformed[1]!.reason).toMatch(/"big" is not a long|not a long: "big"/);
    expect(r.malformed[2]!.reason).toMatch(/unparseable datetime "when\?"/);
  });
});

describe('hunting API results and flat rows (§3c)', () => {
  it('Graph shape (schema/results) and MDE shape (Schema/Results), table from the columns', async () => {
    const dir = tempDir();
    const graph = {
      '@odata.context': 'x', schema: [{ name: 'Timestamp', type: 'DateTime' }, { name: 'FolderPath', type: 'String' }, { name: 'PreviousFolderPath', type: 'String' }],
      results: [{ Timestamp: '2024-05-14T10:22:31.4409812Z', FolderPath: '/etc/systemd/system/a.service', PreviousFolderPath: '', InitiatingProcessId: 41237 }],
    };
    const g = await readAll([{ path: writeTemp(dir, 'g.json', JSON.stringify(graph, null, 1)) }], 'DeviceFileEvents');
    expect(g.rows).toHaveLength(1);
    expect(g.rows[0]!['InitiatingProcessId']).toBe(41237n);
    const mde = { Schema: [{ Name: 'Timestamp', Type: 'DateTime' }], Results: [{ Timestamp: '2024-05-14T10:22:31Z', ProcessCommandLine: 'x' }, { Timestamp: '2024-05-14T10:22:32Z', ProcessCommandLine: 'y' }] };
    const m = await readAll([{ path: writeTemp(dir, 'm.json', JSON.stringify(mde)) }], 'DeviceProcessEvents');
    expect(m.rows.map((r) => r['ProcessCommandLine'])).toEqual(['x', 'y']);
  });

  it('a JSON array of flat rows with the table named by the user', async () => {
    const rows = [{ Timestamp: '2024-05-14T10:22:31Z', DeviceName: 'h', IsAzureInfoProtectionApplied: true, RequestSourcePort: 445 }];
    const p = writeTemp(tempDir(), 'rows.json', JSON.stringify(rows, null, 2));
    await expect(openInputs([{ path: p }])).resolves.toBeDefined();
    const r = await readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
    expect(r.rows[0]!['IsAzureInfoProtectionApplied']).toBe(true);
    expect(r.rows[0]!['RequestSourcePort']).toBe(445);
  });

  it('a truncated JSON document is reported, the complete records are kept', async () => {
    const body = JSON.stringify({ records: [fileRecord('2024-05-14T10:22:31Z', 'x.service'), fileRecord('2024-05-14T10:22:32Z', 'y.service')] }, null, 2);
    const r = await readAll([{ path: writeTemp(tempDir(), 'cut.json', body.slice(0, body.length - 200)) }], 'DeviceFileEvents');
    expect(r.rows.map((x) => x['FileName'])).toEqual(['x.service']);
    expect(r.malformed.at(-1)!.reason).toMatch(/ends early/);
  });
});

describe('Log Analytics query API result (§3d)', () => {
  it('tables[].columns/rows, rows routed by the Type column', async () => {
    const body = {
      tables: [{
        name: 'PrimaryResult',
        columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Timestamp', type: 'datetime' }, { name: 'FolderPath', type: 'string' }, { name: 'AdditionalFields', type: 'dynamic' }, { name: 'Type', type: 'string' }],
        rows: [['2024-05-14T10:22:31.4409812Z', '2024-05-14T10:22:31.4409812Z', '/etc/systemd/system/a.service', '{"x":1}', 'DeviceFileEvents'],
          ['2024-05-14T10:22:32Z', '2024-05-14T10:22:32Z', '/usr/bin/systemctl', null, 'DeviceProcessEvents'], ['short']],
      }],
    };
    const p = writeTemp(tempDir(), 'la.json', JSON.stringify(body));
    const r = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(r.rows.map((x) => x['FolderPath'])).toEqual(['/etc/systemd/system/a.service']);
    expect(r.rows[0]!['AdditionalFields']).toBe('{"x":1}');
    expect(r.malformed).toHaveLength(1);
    expect(r.malformed[0]!.reason).toMatch(/1 values, expected 5/);
  });
});

describe('JSON table binding edge cases', () => {
  it('an Event Hubs body of flat rows takes its table from the columns, not from every table', async () => {
    const body = { records: [{ Timestamp: '2024-05-14T10:22:31Z', PreviousFileName: 'a', FileName: 'b' }] };
    const p = writeTemp(tempDir(), 'flat.json', JSON.stringify(body));
    const set = await openInputs([{ path: p }]);
    expect(set.files[0]!.tables).toEqual(['DeviceFileEvents']);
    expect((await readAll([{ path: p }], 'DeviceFileEvents')).rows).toHaveLength(1);
  });

  it('a flat row among Streaming API records is malformed, not copied into every table', async () => {
    const lines = [JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'a.service')), JSON.stringify({ Timestamp: '2024-05-14T10:22:31Z', FileName: 'stray' })];
    const p = writeTemp(tempDir(), 'mixed.json', lines.join('\n'));
    const files = await readAll([{ path: p }], 'DeviceFileEvents');
    expect(files.rows.map((r) => r['FileName'])).toEqual(['a.service']);
    expect(files.malformed).toEqual([expect.objectContaining({ line: 2, reason: expect.stringMatching(/without "category"/) })]);
    const procs = await readAll([{ path: p }], 'DeviceProcessEvents');
    expect(procs.rows).toHaveLength(0);
  });
});

describe('textNeedles raw-text prefilter (performance-notes §2.2)', () => {
  it('skips lines holding none of the needles (case-insensitive, JSON-escaped forms included), same matches', async () => {
    const lines = [
      JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'a.service')),
      JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'b.txt', { FolderPath: '/tmp/b.txt' })),
      JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'c', { FolderPath: 'C:\\Windows\\System32\\c' })),
      '{"category":"AdvancedHunting-DeviceFileEvents","properties":{"Timestamp":"2024-05-14T10:22:31Z","FileName":"d","FolderPath":"\\/ETC\\/SYSTEMD\\/x"}}',
    ];
    const p = writeTemp(tempDir(), 'n.json', lines.join('\n'));
    const set = await openInputs([{ path: p }]);
    const names: string[] = [];
    const options: ReaderScanOptions = { columns: ['FileName'], textNeedles: ['/etc/SYSTEMD', 'windows\\system32'] };
    for await (const b of set.tables.get('DeviceFileEvents')!.scan(options)) {
      names.push(...(b.getChild('FileName')!.toArray() as string[]));
    }
    expect(names).toEqual(['a.service', 'c', 'd']);
  });

  it('still checks the lines it skips: the same malformed records with and without the prefilter, and under strict', async () => {
    const lines = [
      JSON.stringify(fileRecord('2024-05-14T10:22:31Z', 'a.service', { FolderPath: '/etc/systemd/system/a.service' })),
      '{"category":"AdvancedHunting-DeviceFileEvents","properties":{"Timestamp":"not a time","FileName":"b"}}',
    ];
    const p = writeTemp(tempDir(), 'm.json', lines.join('\n'));
    const options: ReaderScanOptions = { columns: ['FileName'], textNeedles: ['/etc/systemd/'] };
    const scanWith = async (readerOptions: Parameters<typeof openInputs>[1]) => {
      const malformed: number[] = [];
      const set = await openInputs([{ path: p }], { ...readerOptions, onMalformed: (m) => malformed.push(m.line ?? -1) });
      const names: string[] = [];
      for await (const b of set.tables.get('DeviceFileEvents')!.scan(options)) names.push(...(b.getChild('FileName')!.toArray() as string[]));
      return { names, malformed };
    };
    expect(await scanWith({})).toEqual({ names: ['a.service'], malformed: [2] });
    expect(await scanWith({ textPrefilter: false })).toEqual({ names: ['a.service'], malformed: [2] });
    const strict = await openInputs([{ path: p }], { strict: true });
    const drain = async () => {
      for await (const _ of strict.tables.get('DeviceFileEvents')!.scan(options)) void _;
    };
    await expect(drain()).rejects.toThrow(/strict/);
  });
});

describe('sparse scans hand out their rows as the file is read', () => {
  // 120,000 records (~24 MiB as JSON, ~17 MiB as CSV), one in 500 holding the needle: 240 rows
  // in all, far fewer than a batch.
  const name = (i: number) => (i % 500 === 0 ? `hit-${i}.service` : `f${i}.tmp`);
  const folder = (i: number) => `/var/lib/some/rather/long/directory/name/for/padding/the/records/to/a/realistic/size/${i}`;
  const needles: ReaderScanOptions = { columns: ['FileName'], textNeedles: ['hit-'] };

  it.each([
    ['JSON lines', 'sparse.jsonl', () => Array.from({ length: 120_000 }, (_, i) => JSON.stringify(fileRecord('2024-05-14T10:22:31Z', name(i)))).join('\n') + '\n'],
    ['portal CSV', 'sparse.csv', () => ['Timestamp,FileName,FolderPath', ...Array.from({ length: 120_000 }, (_, i) => `2024-05-14T10:22:31Z,${name(i)},${folder(i)}`)].join('\n') + '\n'],
  ] as const)('%s: a batch goes out every batchFlushBytes read, not only when full or at the end', async (_, file, text) => {
    const path = writeTemp(tempDir(), file, text());
    const set = await openInputs([{ path, table: 'DeviceFileEvents' }], { workers: 0, batchFlushBytes: 4 * 1024 * 1024 });
    const sizes: number[] = [];
    for await (const b of set.tables.get('DeviceFileEvents')!.scan(needles)) sizes.push(b.numRows);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(240);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes[0]!).toBeLessThan(240);
  });
});
