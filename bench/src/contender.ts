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
