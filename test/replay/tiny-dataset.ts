import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One event of a tiny test dataset, written as a Defender Streaming API record. */
export interface TinyEvent {
  table: 'DeviceFileEvents' | 'DeviceProcessEvents';
  host: string;
  path: string;
  time: string;
  action?: string;
  label?: 'malicious' | 'benign' | 'ignore';
  category?: string;
}

export const NOW = '2025-01-02T00:00:00Z';

/**
 * The hand-scored dataset of the replay tests (expected numbers are worked out in replay.test.ts).
 * Row 5 is unlabelled; row 7 is in the process table.
 */
export const TINY_EVENTS: TinyEvent[] = [
  { table: 'DeviceFileEvents', host: 'a', path: '/evil/x.service', time: '2025-01-01T10:00:00Z', label: 'malicious', category: 'persistence-unit' },
  { table: 'DeviceFileEvents', host: 'a', path: '/evil/y.service', time: '2025-01-01T11:00:00Z', label: 'malicious', category: 'persistence-unit' },
  { table: 'DeviceFileEvents', host: 'b', path: '/pkg/z.service', time: '2025-01-01T12:00:00Z', label: 'benign', category: 'fp-pkg' },
  { table: 'DeviceFileEvents', host: 'b', path: '/pkg/w.service', time: '2024-12-31T23:00:00Z', label: 'benign', category: 'fp-pkg' },
  { table: 'DeviceFileEvents', host: 'c', path: '/tmp/noise.txt', time: '2025-01-01T13:00:00Z' },
  { table: 'DeviceFileEvents', host: 'c', path: '/opt/ign.service', time: '2025-01-01T14:00:00Z', label: 'ignore', category: 'attack-context' },
  { table: 'DeviceProcessEvents', host: 'a', path: '/usr/bin/systemctl', time: '2025-01-01T10:00:05Z', action: 'ProcessCreated', label: 'malicious', category: 'persistence-enable' },
];

export interface TinyOptions {
  events?: TinyEvent[];
  unlabelled?: 'benign' | 'ignore';
  thresholds?: Record<string, number>;
  /** Raw overrides of the files, for validation tests. */
  manifest?: string;
  labels?: string;
}

export async function writeTinyDataset(options: TinyOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kqlr-replay-'));
  const events = options.events ?? TINY_EVENTS;
  const records = events.map((e) => {
    const fileName = e.path.slice(e.path.lastIndexOf('/') + 1);
    return JSON.stringify({
      time: e.time,
      category: `AdvancedHunting-${e.table}`,
      operationName: 'Publish',
      properties: {
        Timestamp: e.time,
        DeviceName: e.host,
        ActionType: e.action ?? 'FileCreated',
        FolderPath: e.path,
        FileName: fileName,
        ...(e.table === 'DeviceProcessEvents' ? { ProcessCommandLine: `${fileName} enable x.service` } : {}),
      },
    });
  });
  await writeFile(join(dir, 'events.jsonl'), records.join('\n') + '\n');
  const labels = events
    .filter((e) => e.label !== undefined)
    .map((e) => JSON.stringify({
      table: e.table,
      match: { DeviceName: e.host, Timestamp: e.time, FolderPath: e.path },
      label: e.label,
      category: e.category ?? '',
      scenario: `s-${e.host}`,
    }));
  await writeFile(join(dir, 'labels.jsonl'), options.labels ?? labels.join('\n') + '\n');
  const manifest = {
    name: 'tiny',
    description: 'hand-scored',
    now: NOW,
    inputs: ['events.jsonl'],
    labels: 'labels.jsonl',
    unlabelled: options.unlabelled ?? 'benign',
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  };
  await writeFile(join(dir, 'dataset.json'), options.manifest ?? JSON.stringify(manifest, null, 2));
  return dir;
}
