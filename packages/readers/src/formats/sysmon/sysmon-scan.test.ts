import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFENDER_TABLES } from '@kqlr/common';
import { openInputs } from '../../open-inputs.js';
import { liveSpillDirs } from '../../sort/spill-dir.js';
import { tempDir, writeTemp } from '../../test-helpers.js';

type Row = Record<string, unknown>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function event(id: number, record: number, computer: string, data: Record<string, string>): string {
  const fields = Object.entries(data).map(([k, v]) => `<Data Name="${k}">${v}</Data>`).join('');
  return `<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>${id}</EventID><Version>5</Version><TimeCreated SystemTime="2024-05-14T10:00:00.000000000Z"/><EventRecordID>${record}</EventRecordID><Computer>${computer}</Computer><Security UserId="0"/></System><EventData>${fields}</EventData></Event>`;
}

const guid = (host: number, n: number) => `{0000000${host}-0000-0000-0000-${String(n).padStart(12, '0')}}`;
const time = (minute: number, ms = 0) => `2024-05-14 10:${String(minute % 60).padStart(2, '0')}:00.${String(ms).padStart(3, '0')}`;

/**
 * A syslog file with the cases the prefilter must get right: needles in the file path, only in
 * the creating process's command line (EventID 1 before or after, matched by guid or by the pid
 * fallback), hidden behind character references, in another letter case; hashes, EventID 5 and
 * equal timestamps (sort ties).
 */
function sampleLog(): string {
  const lines: string[] = [];
  let record = 1;
  const cmdlines = ['vim /etc/systemd/system/app.service', 'bash -c "echo x &gt; /tmp/a"', 'apt-get install nginx', '/usr/sbin/cron -f'];
  for (let host = 1; host <= 2; host++) {
    const computer = `web0${host}`;
    for (let n = 0; n < 4; n++) {
      const create = event(1, record++, computer, {
        RuleName: '-', UtcTime: time(n), ProcessGuid: guid(host, n), ProcessId: String(100 + n), Image: `/usr/bin/tool${n}`,
        CommandLine: cmdlines[n]!, CurrentDirectory: '/root', User: 'root', LogonGuid: '{x}', LogonId: '0', TerminalSessionId: '1',
        Hashes: `SHA256=${'AB'.repeat(32)}`, ParentProcessGuid: guid(host, 99), ParentProcessId: '1', ParentImage: '/usr/lib/systemd/systemd',
        ParentCommandLine: 'systemd', ParentUser: 'root',
      });
      const paths = ['/tmp/.app.swp', '/etc/systemd/system/app.service', '/ETC/SYSTEMD/SYSTEM/Up.Service', '&#47;etc&#47;systemd&#47;system&#47;hidden.service', '/home/u/notes.txt'];
      const files = paths.map((path, k) => event(k === 4 ? 23 : 11, record++, computer, {
        RuleName: '-', UtcTime: time(n + 1, k % 2), ProcessGuid: k === 3 ? '{unknown}' : guid(host, n), ProcessId: String(100 + n),
        Image: `/usr/bin/tool${n}`, TargetFilename: path, CreationUtcTime: time(n + 1), User: k === 0 ? '-' : 'root',
        ...(k === 4 ? { Hashes: 'SHA1=AA,MD5=BB,SHA256=CC', IsExecutable: 'false', Archived: 'false' } : {}),
      }));
      // The process event comes after its file events on host 2.
      if (host === 2) lines.push(...files, create);
      else lines.push(create, ...files);
      lines.push(event(5, record++, computer, { RuleName: '-', UtcTime: time(n + 30), ProcessGuid: guid(host, n), ProcessId: String(100 + n), Image: '-', User: 'root' }));
    }
  }
  return lines.map((x) => `2024-05-14T10:00:00.000000+00:00 host sysmon: ${x}`).join('\n') + '\n';
}

async function scanRows(path: string, table: string, options: { columns?: string[]; textNeedles?: string[] } = {}): Promise<Row[]> {
  return (await scanWithSet(path, table, options)).rows;
}

async function scanWithSet(path: string, table: string, options: { columns?: string[]; textNeedles?: string[] } = {}) {
  const set = await openInputs([{ path }], {});
  const rows: Row[] = [];
  for await (const b of set.tables.get(table)!.scan(options)) for (const r of b.toArray()) rows.push(r.toJSON() as Row);
  return { rows, set };
}

const stringColumns = (table: string) => DEFENDER_TABLES[table]!.columns.filter((c) => c.type === 'string').map((c) => c.name);

describe('Sysmon scans: projection, Timestamp order, prefilter', () => {
  const path = writeTemp(tempDir(), 'sysmon.log', sampleLog());
  // Gzip has no random access: the prefilter falls back to process forms (guid, >pid<).
  const plain = path;
  const gzPath = writeTemp(tempDir(), 'sysmon.log.gz', gzipSync(sampleLog()));

  afterEach(() => {
    delete process.env['KQLR_SORT_BUFFER_BYTES'];
    delete process.env['KQLR_SYSMON_WORKER_MIN_BYTES'];
    delete process.env['KQLR_SYSMON_LOG_MEMORY_BYTES'];
  });

  it.each(['DeviceFileEvents', 'DeviceProcessEvents'])('%s: a projected scan has the full scan\'s values (property)', async (table) => {
    const full = await scanRows(path, table);
    expect(full.length).toBeGreaterThan(0);
    const names = DEFENDER_TABLES[table]!.columns.map((c) => c.name);
    await fc.assert(
      fc.asyncProperty(fc.subarray(names, { minLength: 1 }), async (columns) => {
        const rows = await scanRows(path, table, { columns });
        expect(rows).toEqual(full.map((r) => Object.fromEntries(names.filter((n) => columns.includes(n)).map((n) => [n, r[n]]))));
      }),
      { seed: 5, numRuns: 25 },
    );
  });

  it('emits rows by Timestamp, ties in file order, also when the sort spills to disk', async () => {
    const inMemory = await scanRows(path, 'DeviceFileEvents');
    const ticks = inMemory.map((r) => r['Timestamp'] as bigint);
    expect(ticks).toEqual([...ticks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Ties (same UtcTime on one host) keep their order in the file: EventRecordID grows.
    for (let i = 1; i < inMemory.length; i++) {
      if (ticks[i] === ticks[i - 1] && inMemory[i]!['DeviceName'] === inMemory[i - 1]!['DeviceName']) {
        expect(inMemory[i]!['ReportId'] as bigint).toBeGreaterThan(inMemory[i - 1]!['ReportId'] as bigint);
      }
    }
    process.env['KQLR_SORT_BUFFER_BYTES'] = '3000';
    const before = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('kqlr-sort-')));
    expect(await scanRows(path, 'DeviceFileEvents')).toEqual(inMemory);
    expect(liveSpillDirs()).toEqual([]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('kqlr-sort-') && !before.has(f))).toEqual([]);
  });

  it('removes the spill directory when the consumer stops early', async () => {
    process.env['KQLR_SORT_BUFFER_BYTES'] = '3000';
    const set = await openInputs([{ path }], {});
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ batchSize: 2 })) {
      expect(b.numRows).toBe(2);
      // Mid-merge: the runs are on disk.
      expect(liveSpillDirs()).toHaveLength(1);
      break;
    }
    expect(liveSpillDirs()).toEqual([]);
  });

  // Reading AdditionalFields (as a scan of every column does) refuses most needles: one starting
  // with a letter that can follow a backslash in a JSON escape (a-f, b, n, r, t, u), or naming a
  // key (sysmon-needles.ts). So each case also runs without that column, where `narrows` says
  // whether the prefilter must then skip lines (a needle in every line, or refused, cannot).
  it.each([
    [['/etc/systemd/system/'], 'a path needle, also upper case and behind &#47;', true],
    [['app.service'], 'found also through the command line of the process (guid and pid fallback)', true],
    [['nginx'], 'only in a command line', true],
    [['FileCreated'], 'a constant column (refused)', false],
    [['cc'], 'hex (DeviceId) and a hash (refused)', false],
    [['>', 'x'], 'entity characters (x is in every line: Linux-Sysmon)', false],
    [['tool3'], 'an image name', true],
  ])('prefilter %j keeps every row holding a needle (%s)', async (needles, _, narrows) => {
    for (const [table, path] of [['DeviceFileEvents', plain], ['DeviceProcessEvents', plain], ['DeviceFileEvents', gzPath], ['DeviceProcessEvents', gzPath]] as const) {
      const withoutAdditional = DEFENDER_TABLES[table]!.columns.map((c) => c.name).filter((c) => c !== 'AdditionalFields');
      for (const columns of [undefined, withoutAdditional]) {
        const full = await scanRows(path, table, { columns });
        const lower = needles.map((n) => n.toLowerCase());
        const strings = stringColumns(table).filter((c) => columns === undefined || columns.includes(c));
        const holding = full.filter((r) => strings.some((c) => lower.some((n) => String(r[c] ?? '').toLowerCase().includes(n))));
        const { rows: kept, set } = await scanWithSet(path, table, { columns, textNeedles: needles });
        // Skipped lines still count as the table's events and span its Timestamp range.
        const ticks = full.map((r) => r['Timestamp'] as bigint);
        expect(set.eventCount(table)).toBe(full.length);
        expect(set.timestampRange()).toEqual({ min: ticks.reduce((a, b) => (b < a ? b : a)), max: ticks.reduce((a, b) => (b > a ? b : a)) });
        const key = (r: Row) => `${String(r['DeviceName'])}/${String(r['ReportId'])}`;
        const keptKeys = new Set(kept.map(key));
        expect(holding.filter((r) => !keptKeys.has(key(r)))).toEqual([]);
        // Kept rows are the full scan's rows (same values, same order).
        const fullByKey = new Map(full.map((r) => [key(r), r]));
        expect(kept).toEqual(kept.map((r) => fullByKey.get(key(r))));
        // The prefilter was used (it kept fewer rows), or refused where it must be.
        if (columns !== undefined) expect(kept.length < full.length).toBe(narrows);
      }
    }
  });

  it('the needle lines found on a worker thread during the correlation pass give the same rows', async () => {
    const needles = ['/etc/systemd/system/', 'nginx'];
    const onMain = await scanRows(path, 'DeviceFileEvents', { textNeedles: needles });
    process.env['KQLR_SYSMON_WORKER_MIN_BYTES'] = '0';
    expect(await scanRows(path, 'DeviceFileEvents', { textNeedles: needles })).toEqual(onMain);
    expect(onMain.length).toBeGreaterThan(0);
  });

  it('a process log spilled to disk gives the same rows, prefiltered (a table of the candidates\' processes) or not', async () => {
    // Without AdditionalFields: reading it refuses these needles (see the prefilter cases above).
    const columnsOf = (table: string) => DEFENDER_TABLES[table]!.columns.map((c) => c.name).filter((c) => c !== 'AdditionalFields');
    const cases: [string, string, string[] | undefined][] = [];
    for (const table of ['DeviceFileEvents', 'DeviceProcessEvents']) {
      for (const p of [plain, gzPath]) for (const needles of [undefined, ['app.service'], ['nginx'], ['/etc/systemd/system/']]) cases.push([table, p, needles]);
    }
    const scan = (table: string, p: string, textNeedles: string[] | undefined) => scanRows(p, table, { columns: columnsOf(table), textNeedles });
    const inMemory = [];
    for (const [table, p, textNeedles] of cases) inMemory.push(await scan(table, p, textNeedles));
    process.env['KQLR_SYSMON_LOG_MEMORY_BYTES'] = '0';
    const spilled = [];
    for (const [table, p, textNeedles] of cases) spilled.push(await scan(table, p, textNeedles));
    expect(spilled).toEqual(inMemory);
    // The prefilter was on: each needle case kept fewer rows than its table's unfiltered scan.
    cases.forEach(([table, p, needles], i) => {
      if (needles === undefined) return;
      const unfiltered = cases.findIndex(([t, q, n]) => t === table && q === p && n === undefined);
      expect(inMemory[i]!.length).toBeLessThan(inMemory[unfiltered]!.length);
    });
    // The log was on disk (its directory lives as long as the run's inputs, as the event refs').
    expect(liveSpillDirs().some((d) => d.includes('kqlr-procs-'))).toBe(true);
    // Rows that take their process's values are among them.
    expect(inMemory.flat().some((r) => r['InitiatingProcessCommandLine'] === 'apt-get install nginx')).toBe(true);
  });

  it('the prefilter skips lines: a path needle keeps fewer rows than the full scan', async () => {
    const full = await scanRows(path, 'DeviceFileEvents', { columns: ['FolderPath'] });
    const kept = await scanRows(path, 'DeviceFileEvents', { columns: ['FolderPath'], textNeedles: ['/etc/systemd/system/'] });
    expect(kept.length).toBeLessThan(full.length);
  });
});
