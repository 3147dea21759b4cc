import { execFile } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseIsoDatetime } from '@kqlr/common';
import type { ChildRequest } from './child.js';
import type { Contender, ResultGroup, RunContext } from './contender.js';
import type { UnavailableContender } from './contenders/engine.js';
import { BENCH_ROOT, type DataFiles, type DataFormat } from './data-files.js';
import { executeContender } from './execute.js';
import { generateDataSet, type Manifest } from './generate.js';
import type { Measurement } from './measurement.js';
import { loadContenders } from './registry.js';
import type { ResultDigest } from './result.js';
import { planRounds, sampleLoad, type LoadRange } from './rounds.js';
import { median, medianPhases } from './stats.js';

const execFileAsync = promisify(execFile);

export interface BenchOptions {
  rows: number;
  runs: number;
  seed?: number;
  /** Directory for data sets (default bench/data). */
  dataRoot?: string;
  /** Run contenders in this process instead of one fresh child process per execution. */
  inProcess?: boolean;
  /** Contender ids (or id prefixes) to run; default all. */
  only?: readonly string[];
  /** One round per target family, each warming only its own inputs (see rounds.ts). */
  byFamily?: boolean;
  /** Where each contender's first-run rows go, for diffing disagreements (default bench/results, git-ignored *.tmp). */
  rowsDir?: string;
  /** Replaces the registry (tests). */
  contenders?: readonly Contender[];
  log?: (msg: string) => void;
}

export interface ContenderSummary {
  id: string;
  label: string;
  group: ResultGroup;
  input: string;
  headline: string | undefined;
  inputBytes: number;
  runs: Measurement[];
  medianHeadlineMs: number;
  medianTotalMs: number;
  phases: Record<string, number>;
  maxRssMiB: number;
  digest: ResultDigest;
  /** Executions that threw. */
  failures: number;
}

export interface Mismatch {
  id: string;
  expected: ResultDigest;
  actual: ResultDigest;
  /** A few rows only the reference has (-) or only this contender has (+), or the error. */
  sample: string[];
}

export interface GroupVerdict {
  group: ResultGroup;
  reference: string;
  contenders: string[];
  mismatches: Mismatch[];
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** One round as it ran (see rounds.ts). */
export interface RoundReport {
  name: string;
  contenders: string[];
  startedAt: string;
  endedAt: string;
  cacheWarmMs: number;
  /** The 1-minute load average seen during the round. */
  load: LoadRange;
}

export interface BenchReport {
  startedAt: string;
  rows: number;
  runs: number;
  mode: 'child-process' | 'in-process';
  manifest: Manifest;
  files: DataFiles;
  machine: MachineInfo;
  rounds: RoundReport[];
  contenders: ContenderSummary[];
  unavailable: UnavailableContender[];
  verdicts: GroupVerdict[];
  /** False when any contender disagreed with its group's reference: the run is void. */
  ok: boolean;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/**
 * Reads the selected contenders' inputs once so they start from a warm page cache. Only theirs:
 * at 1e7 rows all six files (30 GB) exceed the machine's memory, so warming them all would only
 * evict the ones about to be read; run such sizes a format at a time (`--only`).
 */
async function warmPageCache(files: DataFiles, formats: ReadonlySet<DataFormat>): Promise<number> {
  const t0 = performance.now();
  for (const p of [...formats].map((f) => files[f])) {
    for await (const _chunk of createReadStream(p, { highWaterMark: 1 << 22 })) void _chunk;
  }
  return performance.now() - t0;
}

async function runInChild(contender: Contender, files: DataFiles, rowsFile: string | undefined): Promise<Measurement> {
  const request: ChildRequest = rowsFile ? { id: contender.id, files, rowsFile } : { id: contender.id, files };
  const script = path.join(BENCH_ROOT, 'dist', 'child.js');
  try {
    const heap = contender.heapMiB === undefined ? [] : [`--max-old-space-size=${contender.heapMiB}`];
    const { stdout } = await execFileAsync(process.execPath, [...heap, script, JSON.stringify(request)], { maxBuffer: 64 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Measurement;
  } catch (e) {
    const err = e as { stderr?: string; message?: string };
    const error = `child process failed: ${(err.stderr || err.message || String(e)).trim().split('\n').slice(0, 3).join(' | ')}`;
    return {
      id: contender.id, phases: {}, totalMs: NaN, headlineMs: NaN, maxRssMiB: NaN,
      digest: { count: -1, hash: 'failed', orderViolations: 0 }, error,
    };
  }
}

function readRows(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
}

function diffSample(expectedFile: string, actualFile: string, limit = 6): string[] {
  const expected = readRows(expectedFile);
  const actual = readRows(actualFile);
  const e = new Set(expected);
  const a = new Set(actual);
  const onlyExpected = expected.filter((r) => !a.has(r)).slice(0, limit).map((r) => `- ${r}`);
  const onlyActual = actual.filter((r) => !e.has(r)).slice(0, limit).map((r) => `+ ${r}`);
  return [...onlyExpected, ...onlyActual];
}

const sameDigest = (a: ResultDigest, b: ResultDigest) => a.count === b.count && a.hash === b.hash;

/**
 * Generates (or reuses) the data set, runs every contender `runs` times in rotating order (so no
 * contender always runs first or last), and checks that each group's contenders return the same
 * rows (count + sha256 of the sorted canonical rows) in `sort by Timestamp desc` order.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const seedOpt = options.seed === undefined ? {} : { seed: options.seed };
  const rootOpt = options.dataRoot === undefined ? {} : { root: options.dataRoot };
  const { files, manifest } = await generateDataSet({ rows: options.rows, ...seedOpt, ...rootOpt, log });
  const nowTicks = parseIsoDatetime(manifest.now);
  if (nowTicks === null) throw new Error(`bad now in manifest: ${manifest.now}`);
  const ctx: RunContext = { files, manifest, nowTicks };

  const { contenders: all, unavailable } = options.contenders
    ? { contenders: [...options.contenders], unavailable: [] }
    : await loadContenders();
  const only = options.only;
  // `id$` names one contender exactly (`naive-sysmon$` without `naive-sysmon-regex`); else a prefix.
  const selects = (id: string, o: string) => (o.endsWith('$') ? id === o.slice(0, -1) : id.startsWith(o));
  const contenders = only && only.length > 0 ? all.filter((c) => only.some((o) => selects(c.id, o))) : all;
  const rowsDir = options.rowsDir ?? path.join(BENCH_ROOT, 'results');
  mkdirSync(rowsDir, { recursive: true });
  const rowsFileOf = (c: Contender) => path.join(rowsDir, `${c.id}.rows.tmp`);

  const measured = new Map<string, Measurement[]>(contenders.map((c) => [c.id, []]));
  const rounds: RoundReport[] = [];
  for (const round of planRounds(contenders, options.byFamily === true)) {
    const roundStart = new Date().toISOString();
    const load = sampleLoad();
    if (options.byFamily) log(`round ${round.name}: ${round.contenders.map((c) => c.id).join(', ')}`);
    const cacheWarmMs = await warmPageCache(files, new Set(round.contenders.map((c) => c.input)));
    const members = round.contenders;
    for (let run = 0; run < options.runs; run++) {
      const order = members.map((_, i) => members[(i + run) % members.length]!);
      for (const c of order) {
        const rowsFile = run === 0 ? rowsFileOf(c) : undefined;
        const m = options.inProcess ? await executeContender(c, ctx, rowsFile) : await runInChild(c, files, rowsFile);
        measured.get(c.id)!.push(m);
        log(`run ${run + 1}/${options.runs} ${c.id}: ` + (m.error ?? `${m.headlineMs.toFixed(1)} ms, ${m.digest.count} rows`));
      }
    }
    rounds.push({
      name: round.name,
      contenders: members.map((c) => c.id),
      startedAt: roundStart,
      endedAt: new Date().toISOString(),
      cacheWarmMs,
      load: load.stop(),
    });
  }

  const summaries: ContenderSummary[] = contenders.map((c) => {
    const all = measured.get(c.id)!;
    const ok = all.filter((r) => r.error === undefined);
    const runs = ok.length > 0 ? ok : all;
    return {
      id: c.id,
      label: c.label,
      group: c.group,
      input: c.headline === undefined ? c.input : `memory (loaded from ${c.input})`,
      headline: c.headline,
      inputBytes: manifest.bytes[c.input],
      runs,
      medianHeadlineMs: median(runs.map((r) => r.headlineMs)),
      medianTotalMs: median(runs.map((r) => r.totalMs)),
      phases: medianPhases(runs.map((r) => r.phases)),
      maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)),
      digest: runs[0]!.digest,
      failures: all.length - ok.length,
    };
  });

  const verdicts: GroupVerdict[] = [];
  for (const group of ['defender', 'sysmon'] as const) {
    const members = summaries.filter((s) => s.group === group);
    const reference = members[0];
    if (!reference) continue;
    const mismatches: Mismatch[] = [];
    for (const s of members) {
      for (const r of measured.get(s.id)!) {
        if (r.error === undefined && sameDigest(r.digest, reference.digest) && r.digest.orderViolations === 0) continue;
        mismatches.push({
          id: s.id,
          expected: reference.digest,
          actual: r.digest,
          sample: r.error !== undefined
            ? [`error: ${r.error}`]
            : diffSample(path.join(rowsDir, `${reference.id}.rows.tmp`), path.join(rowsDir, `${s.id}.rows.tmp`)),
        });
        break;
      }
    }
    verdicts.push({ group, reference: reference.id, contenders: members.map((m) => m.id), mismatches });
  }

  return {
    startedAt,
    rows: options.rows,
    runs: options.runs,
    mode: options.inProcess ? 'in-process' : 'child-process',
    manifest,
    files,
    machine: machineInfo(),
    rounds,
    contenders: summaries,
    unavailable,
    verdicts,
    ok: verdicts.every((v) => v.mismatches.length === 0),
  };
}
