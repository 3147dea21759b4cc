import { mkdtemp, readFile, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { parseIsoDatetime, formatDatetime } from '@kqlr/common';
import { jsonLines, repoRoot, runCli } from './run-cli.js';

// End-to-end checks of `kqlr run` through the built binary, against the hand-derived expectations
// of datasets/demo/expected-detection1.json (written from kql-semantics.md, not from engine output).

const NOW = '2025-06-12T08:00:00Z';
const RULE = 'rules/T1543.002/detection1.kql';
const DATA = {
  streaming: 'datasets/demo/defender-streaming.jsonl',
  csv: 'datasets/demo/defender-portal-DeviceFileEvents.csv',
  sysmon: 'datasets/demo/sysmon-syslog.log',
};

interface ExpectedHit {
  DeviceName: string;
  ActionType: string;
  FolderPath: string;
  IsUserLevelService: boolean;
  IsSuspiciousName: boolean;
}

let expected: { defender: ExpectedHit[]; sysmon: ExpectedHit[] };
let tmp: string;

beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(repoRoot, 'datasets/demo/expected-detection1.json'), 'utf8'));
  tmp = await mkdtemp(path.join(tmpdir(), 'kqlr-run-'));
});

const key = (r: Record<string, unknown>) =>
  [r['DeviceName'], r['ActionType'], r['FolderPath'], r['IsUserLevelService'], r['IsSuspiciousName']].join('|');

function expectSortedDesc(rows: Record<string, unknown>[]): void {
  const ts = rows.map((r) => parseIsoDatetime(String(r['Timestamp']))!);
  for (let i = 1; i < ts.length; i++) expect(ts[i - 1]! >= ts[i]!).toBe(true);
}

describe('kqlr run: the seed rule', () => {
  it('rejects the published rule with the AccountName diagnostic, exit 1, nothing on stdout', async () => {
    const r = await runCli(['run', 'rules/T1543.002/published.kql', '--data', DATA.streaming, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('published.kql:21:34');
    expect(r.stderr).toContain("unknown column 'AccountName'");
    expect(r.stderr).toContain('InitiatingProcessAccountName');
  });

  for (const [name, file, which] of [
    ['Defender streaming JSON', DATA.streaming, 'defender'],
    ['Defender portal CSV', DATA.csv, 'defender'],
    ['Sysmon for Linux syslog', DATA.sysmon, 'sysmon'],
  ] as const) {
    it(`finds exactly the expected detections in ${name}`, async () => {
      const r = await runCli(['run', RULE, '--data', file, '--now', NOW, '--output', 'jsonl']);
      expect(r.stderr).not.toContain('error');
      expect(r.code).toBe(0);
      const rows = jsonLines(r.stdout);
      expect(rows.map(key).sort()).toEqual(expected[which].map(key).sort());
      expect(Object.keys(rows[0]!)).toEqual([
        'Timestamp', 'DeviceName', 'AccountName', 'ActionType', 'FolderPath', 'FileName',
        'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'InitiatingProcessAccountName',
        'IsUserLevelService', 'IsSuspiciousName',
      ]);
      expectSortedDesc(rows);
    });
  }
});

describe('kqlr run: replay clock', () => {
  it('honours set query_now in the query', async () => {
    const q = path.join(tmp, 'set-now.kql');
    const rule = await readFile(path.join(repoRoot, RULE), 'utf8');
    await writeFile(q, `set query_now = datetime(2025-06-12T08:00:00Z);\n${rule}`);
    const r = await runCli(['run', q, '--data', DATA.streaming, '--output', 'jsonl']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).length).toBe(expected.defender.length);
    expect(r.stderr).toContain('clock 2025-06-12T08:00:00.0000000Z (set query_now)');
  });

  it('--now latest pins the clock to the latest Timestamp of the input', async () => {
    const lines = (await readFile(path.join(repoRoot, DATA.streaming), 'utf8')).split('\n').filter(Boolean);
    let latest = -1n;
    for (const l of lines) {
      const rec = JSON.parse(l) as { category: string; properties: { Timestamp: string } };
      if (rec.category !== 'AdvancedHunting-DeviceFileEvents') continue;
      const t = parseIsoDatetime(rec.properties.Timestamp)!;
      if (t > latest) latest = t;
    }
    const r = await runCli(['run', RULE, '--data', DATA.streaming, '--now', 'latest', '--output', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`clock ${formatDatetime(latest)} (--now)`);
  });

  it.each([['portal CSV', DATA.csv], ['Streaming API JSON', DATA.streaming]])(
    '--now latest over %s finds the Timestamp a full parse finds (its first pass checks records on their bytes)',
    async (_, data) => {
      const q = path.join(tmp, 'latest.kql');
      // No text needle in this query: every record is parsed.
      await writeFile(q, 'DeviceFileEvents | sort by Timestamp desc | take 1 | project Timestamp');
      const parsed = await runCli(['run', q, '--data', data, '--now', NOW, '--output', 'jsonl']);
      expect(parsed.code).toBe(0);
      const [top] = jsonLines(parsed.stdout) as { Timestamp: string }[];
      const r = await runCli(['run', RULE, '--data', data, '--now', 'latest', '--output', 'jsonl']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`clock ${formatDatetime(parseIsoDatetime(top!.Timestamp)!)} (--now)`);
    },
  );

  it('keeps 7 fraction digits of --now', async () => {
    const q = path.join(tmp, 'now.kql');
    await writeFile(q, 'print n = now(), a = ago(1d)');
    const r = await runCli(['run', q, '--now', '2023-06-19T08:22:54.6623324Z', '--output', 'jsonl']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([{ n: '2023-06-19T08:22:54.6623324Z', a: '2023-06-18T08:22:54.6623324Z' }]);
  });

  it('uses the wall clock without --now and warns when the ago() window excludes every event', async () => {
    const r = await runCli(['run', RULE, '--data', DATA.streaming, '--output', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('(wall clock)');
    expect(r.stderr).toMatch(/no event is inside the query's time window.*--now latest/s);
  });
});

describe('kqlr run: output formats', () => {
  it('csv: a header and one RFC 4180 record per row', async () => {
    const r = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'Timestamp,DeviceName,AccountName,ActionType,FolderPath,FileName,InitiatingProcessFileName,' +
        'InitiatingProcessCommandLine,InitiatingProcessAccountName,IsUserLevelService,IsSuspiciousName',
    );
    expect(r.stdout).toMatch(/\r\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z,/);
    // Quoted multi-line command lines keep their line breaks inside one field.
    expect(r.stdout).toContain('"bash -c \'echo ""[Unit]""');
  });

  it('json: one document recording the clock, the columns and the rows', async () => {
    const r = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { now: string; nowSource: string; columns: { name: string; type: string }[]; rows: unknown[] };
    expect(doc.now).toBe('2025-06-12T08:00:00.0000000Z');
    expect(doc.nowSource).toBe('option');
    expect(doc.columns[0]).toEqual({ name: 'Timestamp', type: 'datetime' });
    expect(doc.columns[9]).toEqual({ name: 'IsUserLevelService', type: 'bool' });
    expect(doc.rows.length).toBe(expected.defender.length);
  });

  it('table: readable columns and a row count', async () => {
    const r = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Timestamp\s+│ DeviceName\s+│ AccountName/);
    expect(r.stdout).toContain(`(${expected.defender.length} rows)`);
  });

  it('arrow and parquet: written to --out, never over an existing file without --force', async () => {
    for (const [fmt, magic] of [['parquet', 'PAR1'], ['arrow', null]] as const) {
      const out = path.join(tmp, `hits.${fmt}`);
      const first = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', fmt, '--out', out]);
      expect(first.code).toBe(0);
      const bytes = await readFile(out);
      expect(bytes.length).toBeGreaterThan(100);
      if (magic !== null) expect(bytes.subarray(0, 4).toString()).toBe(magic);
      const again = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', fmt, '--out', out]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exists; use --force');
      expect((await stat(out)).size).toBe(bytes.length);
      const forced = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', fmt, '--out', out, '--force']);
      expect(forced.code).toBe(0);
    }
  }, 240_000);

  it('binary formats need --out', async () => {
    const r = await runCli(['run', RULE, '--data', DATA.streaming, '--now', NOW, '--output', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out FILE');
  });
});

describe('kqlr run: the raw-text prefilter (on by default) is unobservable', () => {
  it('--no-prefilter gives the same rows, event counts and malformed reports from every text format', async () => {
    const lines = (await readFile(path.join(repoRoot, DATA.streaming), 'utf8')).split('\n').filter(Boolean);
    // Line 4 cut (bad JSON), and a DeviceFileEvents record without a rule needle given an
    // unparseable Timestamp: the prefilter skips both unparsed, yet both must be reported.
    const isFileEvent = (l: string) => l.includes('"category":"AdvancedHunting-DeviceFileEvents"');
    const bad = lines.findIndex((l, i) => i > 4 && isFileEvent(l) && !/systemd/i.test(l));
    const broken = lines
      .map((l, i) => (i === 3 ? l.slice(0, 40) : i === bad ? l.replace(/"Timestamp":"[^"]*"/, '"Timestamp":"yesterday"') : l))
      .join('\n') + '\n';
    const fileEvents = lines.filter((l, i) => i !== 3 && i !== bad && isFileEvent(l)).length;
    const file = path.join(tmp, 'broken-prefilter.jsonl');
    await writeFile(file, broken);
    const summary = (stderr: string) => stderr.split('\n').find((l) => l.includes('events read'))!.replace(/ · [^·]*(ms|s) · .*$/, '');
    for (const data of [DATA.streaming, DATA.csv, file]) {
      const args = ['run', RULE, '--data', data, '--now', NOW, '--output', 'jsonl'];
      const plain = await runCli([...args, '--no-prefilter']);
      const fast = await runCli(args);
      const legacy = await runCli([...args, '--prefilter']);
      expect(fast.code).toBe(0);
      expect(legacy.code).toBe(0);
      expect(jsonLines(fast.stdout)).toEqual(jsonLines(plain.stdout));
      expect(jsonLines(legacy.stdout)).toEqual(jsonLines(plain.stdout));
      expect(summary(fast.stderr)).toBe(summary(plain.stderr));
      expect(fast.stderr.split('\n').filter((l) => l.includes('malformed record skipped:'))).toEqual(
        plain.stderr.split('\n').filter((l) => l.includes('malformed record skipped:')),
      );
    }
    const brokenRun = await runCli(['run', RULE, '--data', file, '--now', NOW, '--output', 'jsonl']);
    expect(bad).toBeGreaterThan(4);
    expect(brokenRun.stderr).toContain(`${file}:4:`);
    expect(brokenRun.stderr).toContain(`${file}:${bad + 1}: malformed record skipped: unparseable datetime "yesterday"`);
    expect(brokenRun.stderr).toContain(`${fileEvents} events read`);
    expect(brokenRun.stderr).toContain('2 malformed records skipped');
  }, 180_000);
});

describe('kqlr run: bad input and exit codes', () => {
  it('exit 2 with the file named for a missing data file', async () => {
    const r = await runCli(['run', RULE, '--data', 'no/such/file.jsonl', '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/file.jsonl');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for an invalid --now and an unknown --output', async () => {
    const a = await runCli(['run', RULE, '--data', DATA.streaming, '--now', 'yesterday']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("invalid --now 'yesterday'");
    const b = await runCli(['run', RULE, '--data', DATA.streaming, '--output', 'xml']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("unknown --output 'xml'");
  }, 120_000);

  it('names the problem for the other usage errors, exit 2', async () => {
    const latest = await runCli(['run', RULE, '--now', 'latest']);
    expect(latest.code).toBe(2);
    expect(latest.stderr).toContain('--now latest needs input data (--data PATH)');
    const batch = await runCli(['run', RULE, '--data', DATA.streaming, '--batch-size', '0']);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain("invalid --batch-size '0'");
    const format = await runCli(['run', RULE, '--data', DATA.streaming, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("unknown --format 'xml'");
  }, 120_000);

  it('warns when no input feeds a table the rule reads (it reads as empty)', async () => {
    const r = await runCli(['run', 'rules/T1543.002/detection2.kql', '--data', DATA.csv, '--now', NOW, '--output', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no input data feeds DeviceProcessEvents; it reads as an empty table');
  });

  it('counts and reports a malformed record with file and line; --strict makes it fatal', async () => {
    const lines = (await readFile(path.join(repoRoot, DATA.streaming), 'utf8')).split('\n').filter(Boolean);
    const broken = [...lines.slice(0, 3), lines[3]!.slice(0, 40), ...lines.slice(4)].join('\n') + '\n';
    const file = path.join(tmp, 'broken.jsonl');
    await writeFile(file, broken);
    const lenient = await runCli(['run', RULE, '--data', file, '--now', NOW, '--output', 'jsonl']);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain(`${file}:4`);
    expect(lenient.stderr).toContain('1 malformed record skipped');
    const strict = await runCli(['run', RULE, '--data', file, '--now', NOW, '--output', 'jsonl', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain(`${file}:4`);
  }, 120_000);
});
