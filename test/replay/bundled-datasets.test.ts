import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRules, loadDataset, replayDataset } from '@kqlr/replay';

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

describe('diff of the bundled rules', () => {
  it('combined -> detection1 loses exactly the Detection 2 alerts (defender dataset)', async () => {
    const loaded = await loadDataset(join(root, 'datasets/labelled/t1543-002-defender'));
    const want = expected['t1543-002-defender']!;
    const d = (await diffRules(rule('combined'), rule('detection1'), [loaded])).datasets[0]!;
    // combined = detection1 union detection2 over disjoint tables: the removed alerts are
    // detection2's TP + FP, the lost true positives detection2's TP.
    expect(d.added).toEqual([]);
    expect(d.removed.length).toBe(want['detection2']!.tp + want['detection2']!.fp);
    expect(d.removed.every((e) => e.table === 'DeviceProcessEvents')).toBe(true);
    expect(d.lostTruePositives.length).toBe(want['combined']!.tp - want['detection1']!.tp);
    expect(d.brokenThresholds).toContain('minRecall');
    expect(d.regression).toBe(true);
    const back = (await diffRules(rule('detection1'), rule('combined'), [loaded])).datasets[0]!;
    expect([back.added.length, back.removed.length, back.lostTruePositives.length, back.regression]).toEqual([want['detection2']!.tp + want['detection2']!.fp, 0, 0, false]);
  });
});
