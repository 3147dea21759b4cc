import { TICKS_PER_DAY } from '@kqlr/common';
import { describe, expect, it } from 'vitest';
import { SYSTEMD_SERVICE_PATHS } from './rule.js';
import { WINDOW_END_TICKS, WINDOW_TICKS, synthesizeRows } from './synth.js';

const take = (rows: number, seed?: number) => [...synthesizeRows(seed === undefined ? { rows } : { rows, seed })];

describe('synthetic DeviceFileEvents', () => {
  const rows = take(20_000);

  it('is deterministic for a seed and differs across seeds', () => {
    const first = take(50).map((r) => [r.timestampText, r.folderPath]);
    const again = take(50);
    expect(again.map((r) => [r.timestampText, r.folderPath])).toEqual(first);
    expect(take(50, 7).map((r) => r.folderPath)).not.toEqual(again.map((r) => r.folderPath));
  });

  it('keeps every Timestamp inside the three-day window, with 7 fraction digits', () => {
    for (const r of rows) {
      expect(r.timestamp >= WINDOW_END_TICKS - WINDOW_TICKS && r.timestamp < WINDOW_END_TICKS).toBe(true);
      expect(r.timestampText).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    }
  });

  it('puts a few rows in 1,000 under the systemd unit directories', () => {
    const unit = rows.filter((r) => SYSTEMD_SERVICE_PATHS.some((p) => r.folderPath.toLowerCase().includes(p)));
    expect(unit.length / rows.length).toBeGreaterThan(0.002);
    expect(unit.length / rows.length).toBeLessThan(0.012);
  });

  it('has full-path FolderPath ending in FileName, 200 hosts and all four ActionTypes', () => {
    expect(rows.every((r) => r.folderPath.endsWith('/' + r.fileName))).toBe(true);
    expect(new Set(rows.map((r) => r.deviceName)).size).toBe(200);
    expect(new Set(rows.map((r) => r.actionType))).toEqual(new Set(['FileCreated', 'FileModified', 'FileDeleted', 'FileRenamed']));
  });

  it('places one row exactly on the ago(24h) boundary and one a tick after it', () => {
    const cutoff = WINDOW_END_TICKS - TICKS_PER_DAY;
    expect(rows.filter((r) => r.timestamp === cutoff)).toHaveLength(1);
    expect(rows.filter((r) => r.timestamp === cutoff + 1n)).toHaveLength(1);
  });

  it('includes the look-alike decoys', () => {
    const paths = new Set(rows.map((r) => r.folderPath));
    for (const decoy of ['/etc/systemd/system.conf', '/etc/systemd/system/backup.timer', '/etc/systemd/system/nginx.service.d/override.conf']) {
      expect(paths.has(decoy), decoy).toBe(true);
    }
  });
});
