import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Contender } from './src/contender.js';
import { runBench } from './src/harness.js';
import { loadContenders } from './src/registry.js';
import { renderMarkdown } from './src/report-md.js';

// Runs the whole harness at 1e4 rows (about 10 s on the shared 2-core machine) so it cannot rot:
// generation of every format, every contender once, and the agreement check.
/**
 * Engine contenders known to disagree today, with the reason. Each must still fail (so this list
 * is emptied as the engine catches up); every other contender must agree.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kqlr-bench-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench smoke', () => {
  it('every contender returns the identical rows at 1e4 rows', async () => {
    const report = await runBench({ rows: 10_000, runs: 1, inProcess: true, dataRoot: tmp, rowsDir: tmp });
    const md = renderMarkdown(report);
    const mismatched = report.verdicts.flatMap((v) => v.mismatches);
    const ran = new Set(report.contenders.map((c) => c.id));
    expect(mismatched.filter((m) => !(m.id in KNOWN_GAPS)), md).toEqual([]);
    for (const id of Object.keys(KNOWN_GAPS).filter((k) => ran.has(k))) {
      expect(mismatched.map((m) => m.id), `${id} now agrees: remove it from KNOWN_GAPS`).toContain(id);
    }
    const defender = report.contenders.filter((c) => c.group === 'defender' && !(c.id in KNOWN_GAPS));
    expect(defender.length).toBeGreaterThanOrEqual(11);
    // About 0.5% of rows touch unit files; a quarter to a half of those pass time and ActionType.
    const count = defender[0]!.digest.count;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(60);
    expect(new Set(defender.map((c) => c.digest.hash)).size).toBe(1);
    expect(defender[0]!.digest.orderViolations).toBe(0);
    // The Sysmon log has no FileModified events, so its result is smaller but not empty.
    const sysmon = report.contenders.filter((c) => c.group === 'sysmon');
    expect(sysmon[0]!.digest.count).toBeGreaterThan(0);
    expect(sysmon[0]!.digest.count).toBeLessThan(count);
    expect(new Set(sysmon.map((c) => c.digest.hash)).size).toBe(1);
  }, 120_000);

  it('voids the run when a contender returns different rows', async () => {
    const { contenders } = await loadContenders();
    const reference = contenders.find((c) => c.id === 'duckdb-parquet-t1')!;
    const dropsOneRow: Contender = {
      ...reference,
      id: 'broken',
      label: 'drops its last row',
      async run(ctx) {
        const out = await reference.run(ctx);
        return { ...out, rows: out.rows.slice(0, -1) };
      },
    };
    const report = await runBench({
      rows: 10_000, runs: 1, inProcess: true, dataRoot: tmp, rowsDir: tmp, contenders: [reference, dropsOneRow],
    });
    expect(report.ok).toBe(false);
    const mismatch = report.verdicts[0]!.mismatches[0]!;
    expect(mismatch.id).toBe('broken');
    expect(mismatch.actual.count).toBe(mismatch.expected.count - 1);
    expect(mismatch.sample.length).toBe(1);
    expect(renderMarkdown(report)).toContain('VOID');
  }, 60_000);
});
