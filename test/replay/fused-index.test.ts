import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFENDER_TABLES, type TableProvider } from '@kqlr/common';
import { compileQuery, memoryTable } from '@kqlr/engine';
import { diffRules, EventIndexBuilder, executeWithLineage, indexEvents, loadDataset, parseLabels, replayDataset, type EventIndex } from '@kqlr/replay';
import { writeTinyDataset } from './tiny-dataset.js';

/**
 * replayDataset given a folder reads each table the rule reads to its end once, building the event
 * index from the rule's own scans; given a loaded dataset (loadDataset: an index scan first), it
 * reads them twice. Both must give the same replay, whatever the rule does with its tables.
 */
const root = path.resolve(import.meta.dirname, '../..');
const RULES = [
  ...['detection1', 'detection2', 'combined'].map((r) => path.join(root, 'rules/T1543.002', `${r}.kql`)),
  'DeviceFileEvents | take 1',
  'union DeviceFileEvents, DeviceProcessEvents | where ActionType == "FileCreated" | project DeviceName, FolderPath',
  'DeviceFileEvents | where FolderPath in ((DeviceFileEvents | where FileName endswith ".service" | project FolderPath))',
  'DeviceFileEvents | where',
];

describe('one pass (rule and labels together) against two (labels, then the rule)', () => {
  it.each(['t1543-002-defender', 't1543-002-sysmon', 'tiny', 'csv-with-extra-column'])('dataset %s: the same replay for every rule', async (name) => {
    const dir = name === 'tiny' ? await writeTinyDataset() : name === 'csv-with-extra-column' ? await csvDataset() : path.join(root, 'datasets/labelled', name);
    for (const rule of RULES) {
      const kql = rule.endsWith('.kql') ? await readFile(rule, 'utf8') : rule;
      const twoPasses = await replayDataset(kql, await loadDataset(dir));
      expect(await replayDataset(kql, dir), rule).toEqual(twoPasses);
    }
  });
});

/**
 * The demo portal CSV with one column no table has, named by Table=PATH: its reader warns, and a
 * rule that stops early (take) makes the one-pass replay read the file again for the labels.
 */
async function csvDataset(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kqlr-csv-dataset-'));
  const lines = (await readFile(path.join(root, 'datasets/demo/defender-portal-DeviceFileEvents.csv'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
  await writeFile(path.join(dir, 'files.csv'), [`${lines[0]},Foo`, ...lines.slice(1).map((l) => `${l},x`)].join('\n') + '\n');
  const labels = await readFile(path.join(root, 'datasets/labelled/t1543-002-defender/labels.jsonl'), 'utf8');
  await writeFile(path.join(dir, 'labels.jsonl'), labels.split('\n').filter((l) => l.includes('DeviceFileEvents')).join('\n') + '\n');
  await writeFile(path.join(dir, 'dataset.json'), JSON.stringify({ name: 'csv', now: '2025-06-12T08:00:00Z', inputs: ['DeviceFileEvents=files.csv'], labels: 'labels.jsonl' }));
  return dir;
}

describe('kqlr diff reads a dataset folder with the old rule\'s run', () => {
  it('the same diff as over the dataset loaded first', async () => {
    const dir = path.join(root, 'datasets/labelled/t1543-002-defender');
    const oldRule = await readFile(RULES[0]!, 'utf8');
    const newRule = oldRule.replace('"FileCreated", "FileModified"', '"FileCreated"');
    expect(newRule).not.toBe(oldRule);
    const loadedFirst = await diffRules(oldRule, newRule, [await loadDataset(dir)]);
    expect(loadedFirst.datasets[0]!.removed.length).toBeGreaterThan(0);
    expect(await diffRules(oldRule, newRule, [dir])).toEqual(loadedFirst);
  });
});

describe('EventIndexBuilder taps', () => {
  const file = DEFENDER_TABLES['DeviceFileEvents']!;
  const proc = DEFENDER_TABLES['DeviceProcessEvents']!;
  const row = (schema: typeof file, values: Record<string, unknown>) => schema.columns.map((c) => values[c.name] ?? (c.type === 'string' ? '' : null));
  const fileRows = ['/a.service', '/b.txt', '/c.service', '/d.service'].map((p, i) =>
    row(file, { FolderPath: p, DeviceName: `h${i}`, Timestamp: 638_000_000_000_000_000n + BigInt(i) }));
  const procRows = [row(proc, { DeviceName: 'p0', FileName: 'systemctl' })];
  const labels = parseLabels(
    [
      { table: 'DeviceFileEvents', match: { FolderPath: '/c.service' }, label: 'malicious', category: 'x', scenario: 's' },
      { table: 'DeviceProcessEvents', match: { DeviceName: 'p0' }, label: 'benign', category: 'y', scenario: 's' },
    ].map((l) => JSON.stringify(l)).join('\n'),
    'labels.jsonl',
  );

  async function run(query: string): Promise<{ scans: Record<string, number>; same: boolean }> {
    const scans: Record<string, number> = {};
    const counted = (p: TableProvider): TableProvider => ({
      name: p.name,
      schema: p.schema,
      scan: (o) => {
        scans[p.name] = (scans[p.name] ?? 0) + 1;
        return p.scan(o);
      },
    });
    const tables = new Map([
      ['DeviceFileEvents', counted(memoryTable('DeviceFileEvents', file, fileRows, { batchSize: 1 }))],
      ['DeviceProcessEvents', counted(memoryTable('DeviceProcessEvents', proc, procRows, { batchSize: 1 }))],
    ]);
    const builder = new EventIndexBuilder(tables, labels);
    await executeWithLineage(compileQuery(query, { now: 0n }).result!.plan, tables, { tap: (t) => builder.tap(t) });
    await builder.scanRemaining();
    const tapped = builder.build();
    const counts = { ...scans };
    const scanned = await indexEvents(tables, labels);
    return { scans: counts, same: JSON.stringify(summary(tapped)) === JSON.stringify(summary(scanned)) };
  }
  /** Everything an index tells, per table and row, as plain data. */
  const summary = (index: EventIndex): unknown =>
    index.tables.map((t) => ({
      name: t.name,
      rows: Array.from({ length: t.count }, (_, r) => [String(t.timestampAt(r)), t.hostAt(r), (t.labels.get(r) ?? []).map((l) => l.index)]),
      labels: [...index.eventsPerLabel].map(([l, n]) => [l.index, n]),
    }));

  it('a table the rule reads to its end is read once; the other table once, for its labels', async () => {
    expect(await run('DeviceFileEvents | where FolderPath endswith ".service"')).toEqual({ scans: { DeviceFileEvents: 1, DeviceProcessEvents: 1 }, same: true });
  });

  it('a table the rule stops reading early is read again whole', async () => {
    expect(await run('DeviceFileEvents | take 1')).toEqual({ scans: { DeviceFileEvents: 2, DeviceProcessEvents: 1 }, same: true });
  });

  it('a table the rule reads twice is tapped on its first scan only', async () => {
    const q = 'DeviceFileEvents | where FolderPath in ((DeviceFileEvents | where FolderPath endswith ".service" | project FolderPath))';
    expect(await run(q)).toEqual({ scans: { DeviceFileEvents: 2, DeviceProcessEvents: 1 }, same: true });
  });
});
