import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files one generated data set consists of, by format. */
export interface DataFiles {
  dir: string;
  streamingJsonl: string;
  flatJsonl: string;
  csv: string;
  sysmon: string;
  arrow: string;
  parquet: string;
  manifest: string;
}

export type DataFormat = 'streamingJsonl' | 'flatJsonl' | 'csv' | 'sysmon' | 'arrow' | 'parquet';

/** bench/ (this file is bench/src/data-files.ts or bench/dist/data-files.js). */
export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function dataFilesFor(rows: number, seed: number, root = path.join(BENCH_ROOT, 'data')): DataFiles {
  const dir = path.join(root, `rows-${rows}-seed-${seed}`);
  return {
    dir,
    streamingJsonl: path.join(dir, 'DeviceFileEvents.streaming.jsonl'),
    flatJsonl: path.join(dir, 'DeviceFileEvents.flat.jsonl'),
    csv: path.join(dir, 'DeviceFileEvents.csv'),
    sysmon: path.join(dir, 'sysmon-syslog.log'),
    arrow: path.join(dir, 'DeviceFileEvents.arrow'),
    parquet: path.join(dir, 'DeviceFileEvents.parquet'),
    manifest: path.join(dir, 'manifest.json'),
  };
}
