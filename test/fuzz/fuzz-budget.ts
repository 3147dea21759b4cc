import { appendFileSync, writeFileSync } from 'node:fs';

/**
 * Run sizes of the fuzz tests. CI runs a short, fixed-seed slice; `scripts/fuzz-long.mjs` sets
 * KQLR_FUZZ_SECONDS (a time budget per property) and KQLR_FUZZ_SEED (a fresh seed) and collects
 * the per-property case counts written to KQLR_FUZZ_REPORT.
 */
export interface FuzzBudget {
  seed: number;
  numRuns: number;
  /** fast-check stops generating new cases after this many ms (undefined in CI: numRuns decides). */
  timeLimitMs: number | undefined;
  long: boolean;
}

export function fuzzBudget(ciRuns: number): FuzzBudget {
  const seconds = Number(process.env['KQLR_FUZZ_SECONDS'] ?? '0');
  const seed = Number(process.env['KQLR_FUZZ_SEED'] ?? '20261127');
  if (seconds > 0) return { seed, numRuns: 1_000_000_000, timeLimitMs: seconds * 1000, long: true };
  return { seed, numRuns: ciRuns, timeLimitMs: undefined, long: false };
}

/** fast-check parameters for a budget (a time-limited run is not a failure). */
export function fcParams(b: FuzzBudget): { seed: number; numRuns: number; interruptAfterTimeLimit?: number; markInterruptAsFailure: boolean } {
  return b.timeLimitMs === undefined
    ? { seed: b.seed, numRuns: b.numRuns, markInterruptAsFailure: false }
    : { seed: b.seed, numRuns: b.numRuns, interruptAfterTimeLimit: b.timeLimitMs, markInterruptAsFailure: false };
}

/** Vitest timeout of a property test: its time budget plus time to shrink a failure. */
export function propTimeout(b: FuzzBudget): number | undefined {
  return b.timeLimitMs === undefined ? undefined : b.timeLimitMs + 300_000;
}

/**
 * Long runs write the case about to run to KQLR_FUZZ_CURRENT, so a hang (synchronous code that
 * no timeout can interrupt) can be identified from outside: scripts/fuzz-long.mjs prints it.
 */
export function noteCurrentCase(text: string | Uint8Array): void {
  const file = process.env['KQLR_FUZZ_CURRENT'];
  if (file) writeFileSync(file, text);
}

/** Records how many cases a property tried (long runs only), with optional counts of outcomes. */
export function reportCases(name: string, cases: number, outcomes: Record<string, number> = {}): void {
  const file = process.env['KQLR_FUZZ_REPORT'];
  if (file) appendFileSync(file, JSON.stringify({ name, cases, outcomes }) + '\n');
}

/**
 * Milliseconds `run` takes, measured twice when the first time is over `boundMs`: on the shared
 * machine a load spike can stretch one case past its bound, while a real slow case (a hang, a
 * quadratic path) is slow every time. Returns the faster of the measurements.
 */
export async function timedTwiceIfSlow(boundMs: number, run: () => Promise<void>): Promise<number> {
  let t = performance.now();
  await run();
  const first = performance.now() - t;
  if (first < boundMs) return first;
  t = performance.now();
  await run();
  return Math.min(first, performance.now() - t);
}
