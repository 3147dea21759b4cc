import { describe, expect, it } from 'vitest';
import type { RecordBatch } from 'apache-arrow';
import type { ScanOptions, TableProvider } from '@kqlr/common';
import { DEFENDER_TABLES } from '@kqlr/common';
import { memoryTable } from '@kqlr/engine';
import { diffRules, lineageTables } from '@kqlr/replay';
import { writeTinyDataset } from './tiny-dataset.js';

describe('diffRules when a rule does not run', () => {
  it('is a regression when the new rule fails, even if the old one failed too', async () => {
    const dir = await writeTinyDataset();
    const broken = 'DeviceFileEvents | project AccountName';
    const d = await diffRules(broken, broken, [dir]);
    expect(d.datasets[0]!.new.metrics).toBeNull();
    expect(d.regression).toBe(true);
  });
  it('is not a regression when only the old rule failed (the edit fixed it)', async () => {
    const dir = await writeTinyDataset();
    const d = await diffRules('DeviceFileEvents | project AccountName', 'DeviceFileEvents', [dir]);
    expect(d.datasets[0]!.old.metrics).toBeNull();
    expect(d.datasets[0]!.new.metrics).not.toBeNull();
    expect(d.regression).toBe(false);
  });
});

describe('lineage scans', () => {
  it('never pass the raw-text prefilter hint down: every row must be numbered', async () => {
    const seen: ScanOptions[] = [];
    const inner = memoryTable('DeviceFileEvents', DEFENDER_TABLES['DeviceFileEvents']!, []);
    const spy: TableProvider = {
      name: inner.name,
      schema: inner.schema,
      scan(options?: ScanOptions): AsyncIterable<RecordBatch> {
        seen.push(options ?? {});
        return inner.scan(options);
      },
    };
    const { tables } = lineageTables(new Map([['DeviceFileEvents', spy]]));
    const hinted = { columns: ['FileName'], textNeedles: ['.service'] } as ScanOptions;
    for await (const batch of tables.get('DeviceFileEvents')!.scan(hinted)) void batch;
    expect(seen).toHaveLength(1);
    expect('textNeedles' in seen[0]!).toBe(false);
    expect(seen[0]!.columns).toEqual(['FileName']);
  });
});
