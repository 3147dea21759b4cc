import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('kqlr explain', () => {
  it('reads a rule file, folds ago() against --now and pushes the filters into the scan', async () => {
    const r = await runCli(['explain', 'rules/T1543.002/detection1.kql', '--now', '2025-06-12T08:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Logical plan:');
    expect(r.stdout).toContain('Physical plan:');
    expect(r.stdout).toMatch(/TableScan: DeviceFileEvents projection=\[[^\]]*\] filters=\[[^\n]*Timestamp > datetime\(2025-06-11T08:00:00\.0000000Z\)/);
  });

  it('with --analyze --data, reports rows per operator', async () => {
    const r = await runCli([
      'explain', 'rules/T1543.002/detection1.kql', '--now', '2025-06-12T08:00:00Z',
      '--analyze', '--data', 'datasets/demo/defender-streaming.jsonl',
    ]);
    expect(r.code).toBe(0);
    // 29 hits (datasets/demo/expected-detection1.json) leave the sort.
    expect(r.stdout).toMatch(/SortExec: [^\n]*rows_out=29/);
  });

  it('reports query errors with the rule position and exit 1', async () => {
    const r = await runCli(['explain', 'rules/T1543.002/published.kql']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('published.kql:21:34');
  });
});
