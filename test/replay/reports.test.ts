import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartJsAsset, loadDataset, replayDataset, type LoadedDataset } from '@kqlr/replay';
import {
  renderHtmlReport,
  renderJsonReport,
  renderJunitReport,
  renderMarkdownReport,
  renderSarifReport,
  renderTextReport,
  writeReportFile,
  type TestRun,
} from '../../packages/cli/src/report/index.js';
import { sarifProblems } from './sarif-check.js';
import { writeTinyDataset } from './tiny-dataset.js';
import { parseXml, type XmlElement } from './xml-check.js';

const RULE = 'DeviceFileEvents | where FolderPath endswith ".service" | where FolderPath != "/evil/y.service"';
const published = readFileSync(join(import.meta.dirname, '../../rules/T1543.002/published.kql'), 'utf8');

let loaded: LoadedDataset;
let passing: TestRun;
let failing: TestRun;
let broken: TestRun;

beforeAll(async () => {
  loaded = await loadDataset(await writeTinyDataset({ thresholds: { minRecall: 0.3, minPrecision: 0.5, maxFalsePositives: 2 } }));
  const lenient = await loadDataset(await writeTinyDataset({ thresholds: { minRecall: 0.3 } }));
  passing = { rulePath: 'rules/tiny.kql', ruleText: RULE, replays: [await replayDataset(RULE, lenient)] };
  failing = { rulePath: 'rules/tiny.kql', ruleText: RULE, replays: [await replayDataset(RULE, loaded), await replayDataset(RULE, lenient)] };
  broken = { rulePath: 'rules/published.kql', ruleText: published, replays: [await replayDataset(published, loaded)] };
});

const children = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

describe('JUnit XML', () => {
  it('is well-formed and shaped testsuites/testsuite/testcase/failure, counts consistent', () => {
    const root = parseXml(renderJunitReport(failing));
    expect(root.name).toBe('testsuites');
    const suites = children(root, 'testsuite');
    expect(suites.map((s) => s.attrs['name'])).toEqual(['tiny', 'tiny']);
    // Suite 1: replay + 3 thresholds, minPrecision (1/3 < 0.5) fails. Suite 2: replay + minRecall.
    expect(suites.map((s) => [s.attrs['tests'], s.attrs['failures'], s.attrs['errors']])).toEqual([['4', '1', '0'], ['2', '0', '0']]);
    expect([root.attrs['tests'], root.attrs['failures']]).toEqual(['6', '1']);
    for (const s of suites) {
      const cases = children(s, 'testcase');
      expect(cases.length).toBe(Number(s.attrs['tests']));
      expect(cases.filter((c) => children(c, 'failure').length > 0).length).toBe(Number(s.attrs['failures']));
      for (const c of cases) expect(c.attrs['classname']).toBe('tiny');
    }
    const failure = children(children(suites[0]!, 'testcase')[2]!, 'failure')[0]!;
    expect(failure.attrs['message']).toBe('precision >= 0.500 not met: 0.333');
  });

  it('reports a rule that does not compile as an <error>, escaping its message', () => {
    const root = parseXml(renderJunitReport(broken));
    const suite = children(root, 'testsuite')[0]!;
    expect(suite.attrs['errors']).toBe('1');
    const error = children(children(suite, 'testcase')[0]!, 'error')[0]!;
    expect(error.attrs['message']).toMatch(/'AccountName'/);
  });
});

describe('SARIF 2.1.0', () => {
  it('passes the structural checks, with rule diagnostics located in the rule file', () => {
    const log = JSON.parse(renderSarifReport(broken));
    expect(sarifProblems(log)).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    const diag = results.find((r) => !r.ruleId.startsWith('threshold/'))!;
    expect(diag.level).toBe('error');
    // rules/T1543.002/README.md: the published rule's only error is at 21:34.
    expect(diag.locations[0]!.physicalLocation.artifactLocation.uri).toBe('rules/published.kql');
    expect([diag.locations[0]!.physicalLocation.region.startLine, diag.locations[0]!.physicalLocation.region.startColumn]).toEqual([21, 34]);
  });

  it('has one error result per failed threshold and none for passed ones', () => {
    const log = JSON.parse(renderSarifReport(failing));
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['threshold/minPrecision']);
    expect(JSON.parse(renderSarifReport(passing)).runs[0].results).toEqual([]);
  });

  it('absolute rule paths become file: URIs', () => {
    const log = JSON.parse(renderSarifReport({ ...broken, rulePath: '/abs/my rule.kql' }));
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('file:///abs/my%20rule.kql');
  });

  it('the checker itself rejects broken logs', () => {
    expect(sarifProblems({ version: '2.0.0', runs: [{ tool: {}, results: [{ level: 'fatal', message: {} }] }] })).toEqual([
      'version must be "2.1.0"',
      'runs[0].tool.driver is required',
    ]);
    expect(sarifProblems({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'fatal', message: {} }] }] })).toEqual([
      'runs[0].results[0].message needs text or id',
      'runs[0].results[0].level must be one of none, note, warning, error',
    ]);
  });
});

describe('JSON, text and Markdown reports', () => {
  it('JSON has the documented keys and numbers', () => {
    const j = JSON.parse(renderJsonReport(failing));
    expect(j.rule).toBe('rules/tiny.kql');
    expect(j.passed).toBe(false);
    const d = j.datasets[0];
    expect(d).toMatchObject({
      name: 'tiny',
      now: '2025-01-02T00:00:00Z',
      events: 6,
      alerts: 4,
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 2,
      trueNegatives: 1,
      falsePositivesByCategory: { 'fp-pkg': 2 },
      passed: false,
    });
    expect(d.precision).toBeCloseTo(1 / 3, 12);
    expect(d.recall).toBeCloseTo(1 / 3, 12);
    expect(d.falsePositiveRate).toBeCloseTo(2 / 3, 12);
  });

  it('text and Markdown summarise each dataset', () => {
    const text = renderTextReport(failing);
    expect(text).toMatch(/^FAIL tiny/m);
    expect(text).toContain('TP 1  FP 2  FN 2  TN 1');
    expect(text).toMatch(/rules\/tiny\.kql: FAIL \(1 of 2 datasets failed\)/);
    const md = renderMarkdownReport(failing);
    expect(md).toContain('| tiny | **fail** | 1 | 2 | 2 | 1 | 0.333 | 0.333 | 0.667 |');
    expect(md).toContain('| tiny | pass | 1 | 2 | 2 | 1 |');
    expect(renderTextReport(broken)).toContain('rules/published.kql:21:34: error:');
  });

  it('text lists the 10 hosts with most alerts, then how many more', () => {
    const replay = failing.replays[0]!;
    // 12 hosts: h00 has 12 alerts, h01 11, ... h11 1.
    const alertsPerHost = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`h${String(i).padStart(2, '0')}`, 12 - i]));
    const many: TestRun = { ...failing, replays: [{ ...replay, metrics: { ...replay.metrics!, alertsPerHost } }] };
    const line = renderTextReport(many).split('\n').find((l) => l.includes('alerts per host'));
    expect(line).toBe('  alerts per host: h00 12, h01 11, h02 10, h03 9, h04 8, h05 7, h06 6, h07 5, h08 4, h09 3 (+2 more hosts, 3 alerts)');
    const text = renderTextReport(failing);
    expect(text).toMatch(/alerts per host: \S+ \d+/);
    expect(text).not.toContain('more host');
  });
});

describe('HTML report', () => {
  it('is one offline file: Chart.js inlined, no external resources, data embedded', async () => {
    const asset = await chartJsAsset();
    const html = renderHtmlReport(failing, asset);
    expect(html).toContain(asset.source.slice(0, 200));
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    const data = JSON.parse(/<script type="application\/json" id="kqlr-data">(.*?)<\/script>/s.exec(html)![1]!);
    // Tiny rule alerts: row 4 (FP) 12-31 23:00, row 1 (TP) 01-01 10:00, row 3 (FP) 12:00, row 6
    // (ignored) 14:00: 15 h, so hourly buckets 23:00 .. 14:00 (16), empty hours included.
    const d = data[0];
    expect(d.bucket).toBe('hour');
    expect(d.days.length).toBe(16);
    expect([d.days[0], d.days[15]]).toEqual(['2024-12-31 23:00', '2025-01-01 14:00']);
    const at = (k: string) => d.days.indexOf(k);
    expect([d.perDay.fp[at('2024-12-31 23:00')], d.perDay.tp[at('2025-01-01 10:00')], d.perDay.fp[at('2025-01-01 12:00')], d.perDay.other[at('2025-01-01 14:00')]]).toEqual([1, 1, 1, 1]);
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect([total(d.perDay.tp), total(d.perDay.fp), total(d.perDay.other)]).toEqual([1, 2, 1]);
    expect(data[0].fpCategories).toEqual(['fp-pkg']);
  });

  it('escapes text that could close the script element', async () => {
    const asset = { name: 'x', version: '1', license: 'MIT', source: 'var s = "</script><b>";' };
    const evil = { ...passing, rulePath: '</script><img src=x>' };
    const html = renderHtmlReport(evil, asset);
    expect(html).not.toContain('</script><b>');
    expect(html).not.toContain('<img src=x>');
  });
});

describe('writeReportFile', () => {
  it('never overwrites without force, overwrites with it, leaves no temp files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kqlr-report-'));
    const target = join(dir, 'report.txt');
    await writeFile(target, 'old');
    await expect(writeReportFile(target, 'new', false)).rejects.toThrow(/already exists; use --force/);
    expect(await readFile(target, 'utf8')).toBe('old');
    await writeReportFile(target, 'new', true);
    expect(await readFile(target, 'utf8')).toBe('new');
    await writeReportFile(join(dir, 'fresh.txt'), 'x', false);
    expect((await readdir(dir)).sort()).toEqual(['fresh.txt', 'report.txt']);
  });
});
