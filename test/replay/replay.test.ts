import { describe, expect, it } from 'vitest';
import { replayDataset } from '@kqlr/replay';
import { writeTinyDataset } from './tiny-dataset.js';

// Rule of the hand-scored tests: alerts on rows 1, 3, 4 and 6 of TINY_EVENTS (not 2: excluded by
// path; not 5: not a .service; not 7: another table).
const RULE = 'DeviceFileEvents | where FolderPath endswith ".service" | where FolderPath != "/evil/y.service"';

describe('replayDataset on a hand-scored dataset', () => {
  it('counts TP/FP/FN/TN per README "Counting" (unlabelled = benign)', async () => {
    const dir = await writeTinyDataset();
    const r = await replayDataset(RULE, dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.ruleTables).toEqual(['DeviceFileEvents']);
    const m = r.metrics!;
    // TP: label of row 1. FN: row 2 (filtered out) and row 7 (process table, never read).
    expect(m.truePositives).toBe(1);
    expect(m.falseNegatives).toBe(2);
    expect(m.falseNegativesOutsideRuleTables).toBe(1);
    // FP: rows 3 and 4 (benign). Row 6 is `ignore`. TN: row 5 (unlabelled -> benign), not alerted.
    expect(m.falsePositives).toBe(2);
    expect(m.ignored).toBe(1);
    expect(m.trueNegatives).toBe(1);
    expect(m.events).toBe(6);
    expect(m.alerts).toBe(4);
    expect(m.precision).toBeCloseTo(1 / 3, 12);
    expect(m.recall).toBeCloseTo(1 / 3, 12);
    expect(m.falsePositiveRate).toBeCloseTo(2 / 3, 12);
    expect(m.falsePositivesByCategory).toEqual({ 'fp-pkg': 2 });
    expect(m.alertsPerDay).toEqual({ '2024-12-31': 1, '2025-01-01': 3 });
    expect(m.alertsPerHost).toEqual({ a: 1, b: 2, c: 1 });
    expect(r.caught.map((l) => l.match['FolderPath'])).toEqual(['/evil/x.service']);
    expect(r.missed.map((l) => l.match['FolderPath'])).toEqual(['/evil/y.service', '/usr/bin/systemctl']);
  });

  it('with unlabelled = ignore, unlabelled events are neither FP nor TN', async () => {
    const dir = await writeTinyDataset({ unlabelled: 'ignore' });
    const r = await replayDataset('DeviceFileEvents', dir);
    const m = r.metrics!;
    // Every file row alerts: TP rows 1, 2; FP rows 3, 4; rows 5 (unlabelled) and 6 ignored.
    expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives, m.ignored]).toEqual([2, 2, 1, 0, 2]);
    expect(m.falsePositiveRate).toBe(1);
  });

  it('attributes alerts by lineage, not by the projected columns', async () => {
    const dir = await writeTinyDataset();
    const r = await replayDataset(`${RULE} | project Fn = strlen(FileName)`, dir);
    expect([r.metrics!.truePositives, r.metrics!.falsePositives, r.metrics!.ignored]).toEqual([1, 2, 1]);
  });

  it('counts an event returned twice once (FP by event), alerts by row', async () => {
    const dir = await writeTinyDataset();
    const q = 'DeviceFileEvents | where FolderPath == "/pkg/z.service" | union (DeviceFileEvents | where FolderPath == "/pkg/z.service")';
    const r = await replayDataset(q, dir);
    expect(r.metrics!.alerts).toBe(2);
    expect(r.metrics!.alertedEvents).toBe(1);
    expect(r.metrics!.falsePositives).toBe(1);
    expect(r.metrics!.trueNegatives).toBe(2);
  });

  it('pins ago() to the dataset now', async () => {
    const dir = await writeTinyDataset();
    // now = 2025-01-02T00:00Z: ago(12h) = 2025-01-01T12:00Z, strictly after: rows 5 and 6 only.
    const r = await replayDataset('DeviceFileEvents | where Timestamp > ago(12h)', dir);
    expect(r.metrics!.alerts).toBe(2);
    expect(r.alerted.map((e) => e.host)).toEqual(['c', 'c']);
  });

  it('checks thresholds: rate gates, count gate, pass/fail', async () => {
    const dir = await writeTinyDataset({ thresholds: { minRecall: 0.3, minPrecision: 0.5, maxFalsePositives: 2, maxFalsePositiveRate: 0.5 } });
    const r = await replayDataset(RULE, dir);
    expect(r.thresholds.map((t) => [t.name, t.passed])).toEqual([
      ['minRecall', true],
      ['minPrecision', false],
      ['maxFalsePositiveRate', false],
      ['maxFalsePositives', true],
    ]);
    expect(r.passed).toBe(false);
  });

  it('a rule that does not compile fails with diagnostics and no metrics', async () => {
    const dir = await writeTinyDataset({ thresholds: { minRecall: 0.1 } });
    const r = await replayDataset('DeviceFileEvents | project NoSuchColumn', dir);
    expect(r.metrics).toBeNull();
    expect(r.passed).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(r.thresholds[0]!.passed).toBe(false);
  });
});
