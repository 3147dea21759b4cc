import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatDatetime } from '@kqlr/common';
import { dataFilesFor, type DataFiles, type DataFormat } from './data-files.js';
import { duckColumnsSpec, sqlString, typedSelect } from './duckdb-sql.js';
import { ArrowIpcWriter } from './format/arrow-ipc.js';
import { FlatJsonlWriter } from './format/flat-jsonl.js';
import { PortalCsvWriter } from './format/portal-csv.js';
import type { RowWriter } from './format/row-writer.js';
import { StreamingJsonlWriter } from './format/streaming-jsonl.js';
import { SysmonSyslogWriter } from './format/sysmon-syslog.js';
import { DEFAULT_SEED, WINDOW_END_TICKS, synthesizeRows } from './synth.js';

/** Bumped whenever generated content changes, so cached data sets are rebuilt. */
export const GENERATOR_VERSION = 1;

export interface Manifest {
  generatorVersion: number;
  rows: number;
  seed: number;
  /** `--now` for the rule: the end of the generated window. */
  now: string;
  bytes: Record<DataFormat, number>;
  generateMs: number;
}

export interface GenerateOptions {
  rows: number;
  seed?: number;
  /** Directory holding the data sets (default bench/data). */
  root?: string;
  force?: boolean;
  log?: (msg: string) => void;
}

async function writeParquet(files: DataFiles): Promise<void> {
  // DuckDB converts the flat JSON lines; Timestamp becomes TIMESTAMP_NS (keeps all 7 fraction digits).
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(
      `COPY (SELECT ${typedSelect()} FROM read_json(${sqlString(files.flatJsonl)}, format='newline_delimited', columns=${duckColumnsSpec()}))` +
        ` TO ${sqlString(files.parquet)} (FORMAT parquet, ROW_GROUP_SIZE 122880)`,
    );
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

function readManifest(files: DataFiles): Manifest | null {
  if (!existsSync(files.manifest)) return null;
  try {
    return JSON.parse(readFileSync(files.manifest, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/**
 * Writes every format of one synthetic data set, streaming (bounded memory at any row count).
 * Reuses an existing data set with the same rows, seed and generator version unless `force`.
 */
export async function generateDataSet(options: GenerateOptions): Promise<{ files: DataFiles; manifest: Manifest }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const files = dataFilesFor(options.rows, seed, options.root);
  const cached = readManifest(files);
  if (!options.force && cached && cached.generatorVersion === GENERATOR_VERSION && cached.rows === options.rows) {
    return { files, manifest: cached };
  }
  const log = options.log ?? (() => {});
  mkdirSync(files.dir, { recursive: true });
  const started = performance.now();
  const writers: RowWriter[] = [
    new StreamingJsonlWriter(files.streamingJsonl),
    new FlatJsonlWriter(files.flatJsonl),
    new PortalCsvWriter(files.csv),
    new SysmonSyslogWriter(files.sysmon),
    new ArrowIpcWriter(files.arrow),
  ];
  let i = 0;
  for (const row of synthesizeRows({ rows: options.rows, seed })) {
    for (const w of writers) w.write(row);
    if (++i % 4096 === 0) {
      for (const w of writers) await w.ready();
      if (i % 1_000_000 === 0) log(`generated ${i} rows`);
    }
  }
  for (const w of writers) await w.close();
  await writeParquet(files);
  const size = (p: string) => statSync(p).size;
  const manifest: Manifest = {
    generatorVersion: GENERATOR_VERSION,
    rows: options.rows,
    seed,
    now: formatDatetime(WINDOW_END_TICKS),
    bytes: {
      streamingJsonl: size(files.streamingJsonl), flatJsonl: size(files.flatJsonl), csv: size(files.csv),
      sysmon: size(files.sysmon), arrow: size(files.arrow), parquet: size(files.parquet),
    },
    generateMs: Math.round(performance.now() - started),
  };
  writeFileSync(files.manifest, JSON.stringify(manifest, null, 2) + '\n');
  log(`data set ${files.dir} written in ${manifest.generateMs} ms`);
  return { files, manifest };
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: readonly string[]): Promise<void> {
  const rows = Number(flag(args, '--rows') ?? '100000');
  const seed = Number(flag(args, '--seed') ?? String(DEFAULT_SEED));
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(seed)) throw new Error('--rows and --seed take integers');
  const { files, manifest } = await generateDataSet({
    rows, seed, force: args.includes('--force'), log: (m) => process.stderr.write(m + '\n'),
  });
  process.stdout.write(JSON.stringify({ dir: files.dir, ...manifest }, null, 2) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
