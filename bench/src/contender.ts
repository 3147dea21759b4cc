import { median } from './stats.js';
import type { DataFiles, DataFormat } from './data-files.js';
import type { Manifest } from './generate.js';
import type { CanonicalRow } from './result.js';

export interface RunContext {
  files: DataFiles;
  manifest: Manifest;
  /** `now()` pinned to the end of the generated window, in ticks. */
  nowTicks: bigint;
}

export interface ContenderOutcome {
  /** Result rows in the contender's output order (the rule sorts by Timestamp desc). */
  rows: CanonicalRow[];
  /** Wall time per phase in ms, in the order the phases ran. */
  phases: Record<string, number>;
}

/**
 * Rows that must agree: `defender` contenders read the Defender-shaped data (all formats but
 * Sysmon); `sysmon` contenders read the Sysmon log, which holds only FileCreated/FileDeleted
 * with millisecond times and short host names (telemetry-formats.md §5), so its result differs.
 */
export type ResultGroup = 'defender' | 'sysmon';

export interface Contender {
  id: string;
  label: string;
  group: ResultGroup;
  /** The file read (for MB/s), or 'memory' when the timed part runs on data loaded beforehand. */
  input: DataFormat;
  /**
   * A larger V8 heap for baselines that hold the whole input as JS objects (at 1e7 rows more than
   * Node's default ~4 GiB limit); kql-replay and DuckDB run with Node's defaults.
   */
  heapMiB?: number;
  /** The phase reported as the headline time; default: all phases summed (file -> result). */
  headline?: string;
  run(ctx: RunContext): Promise<ContenderOutcome>;
}

/** Times one phase. */
export async function timed<T>(phases: Record<string, number>, name: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const v = await f();
  phases[name] = (phases[name] ?? 0) + performance.now() - t0;
  return v;
}

/**
 * How an in-memory query is timed: the same for every in-memory contender (engine, DuckDB, the
 * JS baselines), so their ratio compares steady-state loops. The first execution is recorded
 * apart (cold code: JIT or DuckDB's caches not yet warm), then untimed warm-ups for about a
 * second and a half (at most 20 executions: V8 needs about a dozen executions of a 10-30 ms
 * query to settle its optimised code on a busy 2-core machine), then the median of several timed
 * executions. The budgets keep slow baselines (the naive JS loop takes seconds at 1e6 rows) from
 * running many times.
 */
export const REPEAT = { maxWarmups: 20, warmupMs: 1500, runs: 9, minRuns: 3, budgetMs: 4000 } as const;

/**
 * Runs `f` as REPEAT says: phase `first <name>` is the cold first execution, phase `name` the
 * median of the timed ones. Every execution's result must agree with the first (same rows in
 * the same order), so a kernel that caches wrongly across executions voids the run.
 */
export async function timedRepeated<T>(
  phases: Record<string, number>,
  name: string,
  f: () => Promise<T> | T,
  same: (a: T, b: T) => boolean,
): Promise<T> {
  let t0 = performance.now();
  const first = await f();
  phases[`first ${name}`] = performance.now() - t0;
  const check = (v: T) => {
    if (!same(first, v)) throw new Error(`${name}: a repeated execution returned other rows than the first`);
  };
  const warmStart = performance.now();
  for (let i = 1; i < REPEAT.maxWarmups && performance.now() - warmStart < REPEAT.warmupMs; i++) check(await f());
  const times: number[] = [];
  const timedStart = performance.now();
  while (times.length < REPEAT.runs && (times.length < REPEAT.minRuns || performance.now() - timedStart < REPEAT.budgetMs)) {
    t0 = performance.now();
    const v = await f();
    times.push(performance.now() - t0);
    check(v);
  }
  phases[name] = median(times);
  return first;
}
