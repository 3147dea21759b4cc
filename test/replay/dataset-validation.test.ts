import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset, parseLabels, parseManifest } from '@kqlr/replay';
import { writeTinyDataset } from './tiny-dataset.js';

const label = (o: object) => JSON.stringify(o);
const good = { table: 'DeviceFileEvents', match: { DeviceName: 'a' }, label: 'benign', category: 'c', scenario: 's' };

describe('labels.jsonl validation', () => {
  const cases: [string, string, RegExp][] = [
    ['bad JSON', '{"table":', /labels\.jsonl:2: invalid JSON/],
    ['unknown table', label({ ...good, table: 'Nope' }), /labels\.jsonl:2: unknown table "Nope"/],
    ['unknown column', label({ ...good, match: { AccountName: 'x' } }), /labels\.jsonl:2: match column "AccountName" is not a column of DeviceFileEvents/],
    ['bad label kind', label({ ...good, label: 'evil' }), /labels\.jsonl:2: "label" must be one of malicious, benign, ignore/],
    ['bad datetime', label({ ...good, match: { Timestamp: 'yesterday' } }), /labels\.jsonl:2: match column "Timestamp" \(datetime\)/],
    ['empty match', label({ ...good, match: {} }), /labels\.jsonl:2: "match" must be a non-empty object/],
    ['unknown key', label({ ...good, lable: 'x' }), /labels\.jsonl:2: unknown key "lable"/],
    ['duplicate', label({ ...good, label: 'malicious' }), /labels\.jsonl:2: duplicate label: same table and match as line 1/],
  ];
  it.each(cases)('%s', (_name, line2, message) => {
    expect(() => parseLabels(`${label(good)}\n${line2}\n`, 'x/labels.jsonl')).toThrow(message);
  });

  it('accepts blank lines and keeps line numbers', () => {
    const labels = parseLabels(`\n${label(good)}\n\n`, 'labels.jsonl');
    expect(labels.map((l) => l.line)).toEqual([2]);
  });
});

describe('dataset.json validation', () => {
  const base = { name: 'n', now: '2025-01-01T00:00:00Z', inputs: ['a.jsonl'] };
  const parse = (o: object | string) => () => parseManifest(typeof o === 'string' ? o : JSON.stringify(o, null, 2), '/d/dataset.json', '/d');
  it('resolves relative inputs and defaults', () => {
    const m = parseManifest(JSON.stringify(base), '/d/dataset.json', '/d');
    expect(m.inputs).toEqual([{ path: '/d/a.jsonl' }]);
    expect(m.labels).toBe('/d/labels.jsonl');
    expect(m.unlabelled).toBe('benign');
    expect(m.thresholds).toEqual({});
  });
  it.each([
    ['invalid JSON (with line)', '{\n "name": "n",\n oops\n}', /dataset\.json:3: invalid JSON/],
    ['missing now', { ...base, now: undefined }, /"now" must be an ISO 8601/],
    ['bad now', { ...base, now: 'soon' }, /dataset\.json:3: "now" is not an ISO 8601 datetime/],
    ['no inputs', { ...base, inputs: [] }, /"inputs" must be a non-empty array/],
    ['bad unlabelled', { ...base, unlabelled: 'maybe' }, /"unlabelled" must be "benign" or "ignore"/],
    ['unknown threshold', { ...base, thresholds: { minRecal: 0.5 } }, /unknown threshold "minRecal"/],
    ['ratio out of range', { ...base, thresholds: { minRecall: 5 } }, /"minRecall" is a ratio/],
  ] as [string, object | string, RegExp][])('%s', (_n, o, message) => {
    expect(parse(o)).toThrow(message);
  });

  it('reads Table=PATH inputs as --data does: the table named, the path resolved', () => {
    const m = parseManifest(JSON.stringify({ ...base, inputs: ['DeviceFileEvents=exports/files.csv', '/abs/p.jsonl'] }), '/d/dataset.json', '/d');
    expect(m.inputs).toEqual([{ path: '/d/exports/files.csv', table: 'DeviceFileEvents' }, { path: '/abs/p.jsonl' }]);
  });

  it('a Table=PATH input feeds that table: a portal CSV of shared columns only, which detection cannot place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kqlr-dataset-'));
    await writeFile(join(dir, 'shared.csv'), 'Timestamp,DeviceName,FileName\n2025-01-01T00:00:00Z,web01,a.service\n');
    await writeFile(join(dir, 'labels.jsonl'), '');
    await writeFile(join(dir, 'dataset.json'), JSON.stringify({ ...base, inputs: ['shared.csv'] }));
    await expect(loadDataset(dir)).rejects.toThrow(/shared\.csv: cannot tell which table the rows belong to: .*Name it with --data <Table>=\S*shared\.csv \(or "<Table>=\S*shared\.csv" in a dataset's inputs; tables: DeviceFileEvents, DeviceProcessEvents\)/);
    await writeFile(join(dir, 'dataset.json'), JSON.stringify({ ...base, inputs: ['DeviceFileEvents=shared.csv'] }));
    const loaded = await loadDataset(dir);
    const table = loaded.events.byName.get('DeviceFileEvents')!;
    expect(table.count).toBe(1);
    expect(table.hostAt(0)).toBe('web01');
  });

  it('a missing input file is a DatasetError naming dataset.json', async () => {
    const dir = await writeTinyDataset({ manifest: JSON.stringify({ ...base, inputs: ['missing.jsonl'] }) });
    await expect(loadDataset(dir)).rejects.toBeInstanceOf(DatasetError);
    await expect(loadDataset(dir)).rejects.toThrow(/dataset\.json: inputs: .*missing\.jsonl/);
  });

  it('warns about labels that match no event', async () => {
    const extra = label({ table: 'DeviceFileEvents', match: { DeviceName: 'ghost' }, label: 'malicious' });
    const dir = await writeTinyDataset({ labels: extra + '\n' });
    const loaded = await loadDataset(dir);
    expect(loaded.warnings).toEqual([expect.stringMatching(/labels\.jsonl:1: label matches no event of DeviceFileEvents/)]);
  });
});
