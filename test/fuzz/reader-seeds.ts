import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openInputs, writeBatches } from '@kqlr/readers';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface ReaderSeed {
  name: string;
  bytes: Uint8Array;
  /** The table, for a file that does not name it (a CSV export of a union). */
  table?: string;
}

function headLines(path: string, n: number, keep: (line: string) => boolean = () => true): Uint8Array {
  const lines = readFileSync(join(ROOT, path), 'utf8').split('\n').filter(keep).slice(0, n);
  return Buffer.from(lines.join('\n') + '\n');
}

/**
 * Small valid inputs of every format the readers detect (text formats from the bundled datasets,
 * gzip, and Arrow IPC / Parquet written by the readers themselves), to be mutated.
 */
export async function readerSeeds(): Promise<ReaderSeed[]> {
  const seeds: ReaderSeed[] = [
    { name: 'streaming.jsonl', bytes: headLines('datasets/demo/defender-streaming.jsonl', 4) },
    { name: 'portal.csv', bytes: headLines('datasets/demo/defender-portal-DeviceFileEvents.csv', 5) },
    { name: 'sysmon.log', bytes: headLines('datasets/demo/sysmon-syslog.log', 6, (l) => /sysmon/i.test(l)) },
    { name: 'ah-portal.csv', bytes: headLines('datasets/real/defender-ah-portal-export-dafneb/advanced_hunting_test.csv', 6), table: 'DeviceProcessEvents' },
    { name: 'hunting-api.json', bytes: readFileSync(join(ROOT, 'datasets/real/otrf-m365d-hunting-api-export/Microsoft365DefenderEvents.json')), table: 'DeviceProcessEvents' },
    { name: 'eventhub.ndjson', bytes: readFileSync(join(ROOT, 'datasets/real/elastic-m365d-streaming-fixture/streaming-records.ndjson')) },
    { name: 'sysmon.xml', bytes: readFileSync(join(ROOT, 'datasets/real/sigmahq-sysmon-linux-regression/7b2e4f91-3c5d-4a8e-b6f0-1d9e2c7a4b5f.xml')) },
    { name: 'elastic-sysmon.json', bytes: readFileSync(join(ROOT, 'datasets/real/elastic-sysmon-linux-fixture/test-sysmon.json')) },
  ];
  seeds.push({ name: 'streaming.jsonl.gz', bytes: gzipSync(seeds[0]!.bytes) });
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-fuzz-seeds-'));
  const src = join(dir, 'src.jsonl');
  await import('node:fs/promises').then((fs) => fs.writeFile(src, seeds[0]!.bytes));
  for (const format of ['arrow', 'parquet'] as const) {
    const set = await openInputs([{ path: src }]);
    const provider = set.tables.get('DeviceProcessEvents') ?? [...set.tables.values()][0]!;
    const out = join(dir, `seed.${format}`);
    await writeBatches(provider.scan(), out, format);
    seeds.push({ name: `seed.${format}`, bytes: readFileSync(out) });
  }
  return seeds;
}
