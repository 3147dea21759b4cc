import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runQuery, compileQuery } from '@kqlr/engine';
import { openInputs } from '@kqlr/readers';
import { parseIsoDatetime } from '@kqlr/common';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The README's library example, kept honest: if this breaks, the README is wrong.
describe('library API (README example)', () => {
  it('runs a query over an opened export with a pinned clock and returns typed rows', async () => {
    const inputs = await openInputs([{ path: path.join(root, 'datasets/demo/defender-streaming.jsonl') }]);
    const result = await runQuery(
      'DeviceFileEvents | where Timestamp > ago(24h) | where FileName endswith ".service" | count',
      { tables: inputs.tables, now: parseIsoDatetime('2025-06-12T08:00:00Z')! },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.schema.columns).toEqual([{ name: 'Count', type: 'long' }]);
    // Counted independently from the raw records: last 24h, name ends with .service in any case.
    const since = parseIsoDatetime('2025-06-11T08:00:00Z')!;
    const expected = readFileSync(path.join(root, 'datasets/demo/defender-streaming.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { category: string; properties: { Timestamp: string; FileName: string | null } })
      .filter((r) => r.category === 'AdvancedHunting-DeviceFileEvents')
      .filter((r) => parseIsoDatetime(r.properties.Timestamp)! > since)
      .filter((r) => (r.properties.FileName ?? '').toLowerCase().endsWith('.service')).length;
    expect(result.rows).toEqual([[BigInt(expected)]]);
    expect(expected).toBeGreaterThan(29);
    expect(result.nowSource).toBe('option');
  });

  it('returns diagnostics, not an exception, for a broken rule', async () => {
    const result = await runQuery('DeviceFileEvents | project AccountName');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => d.code)).toContain('unknown-column');
    expect(result.diagnostics[0]!.span.start).toBe('DeviceFileEvents | project '.length);
  });

  it('compileQuery exposes the plan and the clock without running it', () => {
    const c = compileQuery('print x = now()', { now: 42n });
    expect(c.result?.now).toBe(42n);
    expect(c.result?.plan.kind).toBe('Values');
  });
});
