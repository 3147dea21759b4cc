import { describe, expect, it } from 'vitest';
import { REPEAT, timedRepeated } from './contender.js';

describe('timedRepeated', () => {
  it('reports the cold first execution apart and returns the first result', async () => {
    let calls = 0;
    const phases: Record<string, number> = {};
    const v = await timedRepeated(phases, 'filter', () => ++calls * 0 + 7, (a, b) => a === b);
    expect(v).toBe(7);
    expect(Object.keys(phases)).toEqual(['first filter', 'filter']);
    // A fast function gets every warm-up and every timed run.
    expect(calls).toBe(REPEAT.maxWarmups + REPEAT.runs);
  });

  it('voids the measurement when a repeated execution returns something else', async () => {
    let calls = 0;
    const phases: Record<string, number> = {};
    await expect(timedRepeated(phases, 'filter', () => (++calls === 3 ? 'other' : 'rows'), (a, b) => a === b)).rejects.toThrow(
      /repeated execution returned other rows/,
    );
  });

  it('the headline is the median of the timed executions, not the cold one', async () => {
    let calls = 0;
    const phases: Record<string, number> = {};
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // spin: a deterministic duration without timers
      }
    };
    await timedRepeated(phases, 'q', () => busy(++calls === 1 ? 60 : 2), () => true);
    expect(phases['first q']).toBeGreaterThanOrEqual(60);
    expect(phases['q']).toBeLessThan(30);
  });
});
