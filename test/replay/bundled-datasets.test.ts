import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, replayDataset } from '@kqlr/replay';

const root = join(import.meta.dirname, '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'datasets/labelled/expected-replay.json'), 'utf8')) as Record<
  string,
  Record<string, { tp: number; fp: number; fn: number }>
>;
const rule = (name: string) => readFileSync(join(root, 'rules/T1543.002', `${name}.kql`), 'utf8');

describe.each(Object.keys(expected))('bundled labelled dataset %s', (dataset) => {
  it('reproduces expected-replay.json for every rule, and published.kql fails', async () => {
    const loaded = await loadDataset(join(root, 'datasets/labelled', dataset));
    expect(loaded.warnings).toEqual([]);
    for (const [name, want] of Object.entries(expected[dataset]!)) {
      const r = await replayDataset(rule(name), loaded);
      expect(r.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      const m = r.metrics!;
      expect({ rule: name, tp: m.truePositives, fp: m.falsePositives, fn: m.falseNegatives }).toEqual({ rule: name, ...want });
      // Dataset README: only combined.kql passes the thresholds.
      expect(r.passed, name).toBe(name === 'combined');
    }
    const published = await replayDataset(rule('published'), loaded);
    expect(published.passed).toBe(false);
    expect(published.metrics).toBeNull();
    expect(published.diagnostics.map((d) => d.message).join('\n')).toMatch(/AccountName/);
  });
});
