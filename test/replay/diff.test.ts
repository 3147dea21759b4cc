import { describe, expect, it } from 'vitest';
import { diffRules, loadDataset } from '@kqlr/replay';
import { writeTinyDataset } from './tiny-dataset.js';

const OLD = 'DeviceFileEvents | where FolderPath endswith ".service" | where FolderPath != "/evil/y.service"';

describe('diffRules', () => {
  it('a narrower rule: removed alerts with labels, lost TP, regression', async () => {
    const dir = await writeTinyDataset();
    const d = await diffRules(OLD, 'DeviceFileEvents | where FolderPath startswith "/pkg/"', [dir]);
    const ds = d.datasets[0]!;
    // Old alerts rows 1, 3, 4, 6; new alerts rows 3, 4.
    expect(ds.added).toEqual([]);
    expect(ds.removed.map((e) => [e.outcome, e.labels[0]?.match['FolderPath']]).sort()).toEqual([
      ['ignored', '/opt/ign.service'],
      ['true-positive', '/evil/x.service'],
    ]);
    expect(ds.lostTruePositives.map((l) => l.match['FolderPath'])).toEqual(['/evil/x.service']);
    expect(ds.truePositivesDelta).toBe(-1);
    expect(ds.falsePositivesDelta).toBe(0);
    expect(ds.regression).toBe(true);
    expect(d.regression).toBe(true);
  });

  it('a wider rule: added alerts, gained TP, no regression', async () => {
    const loaded = await loadDataset(await writeTinyDataset());
    const d = await diffRules(OLD, 'DeviceFileEvents', [loaded]);
    const ds = d.datasets[0]!;
    // New also alerts rows 2 (malicious) and 5 (unlabelled -> FP).
    expect(ds.added.map((e) => [e.outcome, e.category]).sort()).toEqual([
      ['false-positive', 'unlabelled'],
      ['true-positive', 'persistence-unit'],
    ]);
    expect(ds.removed).toEqual([]);
    expect(ds.gainedTruePositives.map((l) => l.match['FolderPath'])).toEqual(['/evil/y.service']);
    expect([ds.truePositivesDelta, ds.falsePositivesDelta]).toEqual([1, 1]);
    expect(d.regression).toBe(false);
  });

  it('a projection-only edit changes no alert', async () => {
    const loaded = await loadDataset(await writeTinyDataset());
    const d = await diffRules(OLD, `${OLD} | project DeviceName`, [loaded]);
    expect([d.datasets[0]!.added.length, d.datasets[0]!.removed.length, d.regression]).toEqual([0, 0, false]);
  });

  it('breaking a threshold the old rule met is a regression even without a lost TP', async () => {
    const loaded = await loadDataset(await writeTinyDataset({ thresholds: { maxFalsePositives: 2 } }));
    const d = await diffRules(OLD, `${OLD} | union (DeviceFileEvents | where FolderPath == "/tmp/noise.txt")`, [loaded]);
    expect(d.datasets[0]!.lostTruePositives).toEqual([]);
    expect(d.datasets[0]!.brokenThresholds).toEqual(['maxFalsePositives']);
    expect(d.regression).toBe(true);
  });

  it('a new rule that no longer compiles is a regression', async () => {
    const loaded = await loadDataset(await writeTinyDataset());
    const d = await diffRules(OLD, 'DeviceFileEvents | where', [loaded]);
    expect(d.regression).toBe(true);
  });
});
