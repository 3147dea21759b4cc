import { describe, expect, it } from 'vitest';
import { loadContenders } from './registry.js';
import { planRounds, sampleLoad } from './rounds.js';

describe('planRounds', () => {
  it('keeps everything in one round by default', async () => {
    const { contenders } = await loadContenders();
    const rounds = planRounds(contenders, false);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.contenders.map((c) => c.id)).toEqual(contenders.map((c) => c.id));
  });

  it('by family, puts each target comparison in one round and reads each file in one round only', async () => {
    const { contenders } = await loadContenders();
    const rounds = planRounds(contenders, true);
    // An id or, for DuckDB, its default-threads variant.
    const roundOf = (id: string) => rounds.findIndex((r) => r.contenders.some((c) => c.id === id || c.id === `${id}-tN`));
    // The comparisons: each pair must alternate within one round.
    const pairs = [
      ['engine-memory-plain', 'duckdb-memory'],
      ['engine-arrow', 'duckdb-parquet'],
      ['engine-csv', 'duckdb-csv'],
      ['engine-flatJsonl', 'duckdb-flatJsonl'],
      ['engine-sysmon', 'naive-sysmon'],
    ];
    for (const [a, b] of pairs) {
      expect(roundOf(a!), a).toBeGreaterThanOrEqual(0);
      expect(roundOf(a!), `${a} with ${b}`).toBe(roundOf(b!));
    }
    // File contenders of different formats never share a round (their files would evict each other).
    const fileRounds = rounds.filter((r) => r.contenders.every((c) => c.headline === undefined));
    for (const r of fileRounds) {
      const inputs = new Set(r.contenders.map((c) => c.input));
      expect(inputs.size === 1 || [...inputs].every((i) => i === 'arrow' || i === 'parquet'), r.name).toBe(true);
    }
    expect(rounds.flatMap((r) => r.contenders).length).toBe(contenders.length);
  });
});

describe('sampleLoad', () => {
  it('reports a range that contains the current load average', () => {
    const range = sampleLoad(10).stop();
    expect(range.min).toBeGreaterThanOrEqual(0);
    expect(range.max).toBeGreaterThanOrEqual(range.min);
  });
});
