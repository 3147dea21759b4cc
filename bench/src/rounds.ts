import os from 'node:os';
import type { Contender } from './contender.js';

/**
 * A round is a set of contenders run together: alternating, from a page cache warmed with their
 * inputs only. One round holds everything by default; `--by-family` makes one round per family,
 * for sizes whose files exceed the machine's memory together (1e7 rows: 30 GB), while each target's
 * two sides (e.g. engine-arrow and duckdb-parquet) still alternate within one round.
 */
export interface RoundPlan {
  name: string;
  contenders: Contender[];
}

/** Which target comparison a contender belongs to. */
export function familyOf(c: Contender): string {
  if (c.headline !== undefined) return 'in memory';
  if (c.input === 'arrow' || c.input === 'parquet') return 'Arrow and Parquet';
  return c.input;
}

export function planRounds(contenders: readonly Contender[], byFamily: boolean): RoundPlan[] {
  if (!byFamily) return [{ name: 'all', contenders: [...contenders] }];
  const rounds = new Map<string, Contender[]>();
  for (const c of contenders) {
    const family = familyOf(c);
    const members = rounds.get(family) ?? [];
    members.push(c);
    rounds.set(family, members);
  }
  return [...rounds].map(([name, members]) => ({ name, contenders: members }));
}

export interface LoadRange {
  min: number;
  max: number;
}

/**
 * Samples the 1-minute load average while a round runs: the machine is shared, and a figure
 * taken at load 6 is not comparable with one taken at load 1, so every results file says which.
 */
export function sampleLoad(everyMs = 5000): { stop(): LoadRange } {
  const seen: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => seen.push(os.loadavg()[0]!), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      seen.push(os.loadavg()[0]!);
      return { min: Math.min(...seen), max: Math.max(...seen) };
    },
  };
}
