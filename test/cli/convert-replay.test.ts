import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, repoRoot, runCli } from './run-cli.js';

// Convert once, replay many times: the rule must see the same events in Parquet/Arrow as in the
// original export (types from the schema, 7-digit ticks preserved).
describe('kqlr convert then kqlr run', () => {
  for (const to of ['parquet', 'arrow'] as const) {
    it(`gives the same detections from ${to} as from the original streaming export`, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), `kqlr-convert-${to}-`));
      const conv = await runCli(['convert', '--data', 'datasets/demo/defender-streaming.jsonl', '--to', to, '--out', dir]);
      expect(conv.stderr).not.toContain('error');
      expect(conv.code).toBe(0);
      const files = (await readdir(dir)).sort();
      expect(files).toEqual([`DeviceFileEvents.${to}`, `DeviceProcessEvents.${to}`]);
      const args = ['run', 'rules/T1543.002/combined.kql', '--now', '2025-06-12T08:00:00Z', '--output', 'jsonl'];
      const original = await runCli([...args, '--data', 'datasets/demo/defender-streaming.jsonl']);
      const converted = await runCli([...args, '--data', dir]);
      expect(converted.code).toBe(0);
      const sortRows = (t: string) => jsonLines(t).map((r) => JSON.stringify(r)).sort();
      expect(sortRows(converted.stdout)).toEqual(sortRows(original.stdout));
      // combined = the 29 Detection 1 hits + the 17 Detection 2 hits (hand-derived in datasets/demo/README.md).
      const expected = JSON.parse(await readFile(path.join(repoRoot, 'datasets/demo/expected-detection1.json'), 'utf8')) as { defender: unknown[] };
      expect(expected.defender.length).toBe(29);
      expect(jsonLines(converted.stdout).length).toBe(29 + 17);
    }, 180_000);
  }
});
