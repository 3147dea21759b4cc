import { describe, expect, it } from 'vitest';
import type { InputFile } from '../scan/input-file.js';
import { tempDir, writeTemp } from '../test-helpers.js';
import type { RangeJob } from './range-job.js';
import { RangePool, sharedRangePool } from './range-pool.js';
import { FULL_SCAN_YOUNG_GENERATION_MB, WORKER_YOUNG_GENERATION_MB } from './worker-limits.js';
import type { FromWorker } from './worker-protocol.js';

const dir = tempDir();
const lines = Array.from({ length: 40 }, (_, i) =>
  JSON.stringify({ Timestamp: '2024-05-14T10:00:00Z', FolderPath: i % 4 === 0 ? '/etc/systemd/system/' : '/tmp/x', FileName: `f${i}` }));
const path = writeTemp(dir, 'pool.jsonl', lines.join('\n') + '\n');
const file: InputFile = {
  path, size: Buffer.byteLength(lines.join('\n') + '\n'), gzip: false, format: 'json',
  tables: ['DeviceFileEvents'], tableRule: 'named', jsonLayout: 'lines', userTable: 'DeviceFileEvents',
};
const job: RangeJob = {
  file, table: 'DeviceFileEvents', columns: ['FileName'], batchSize: 4, textNeedles: ['/etc/systemd/'],
  start: 0, end: file.size, prefix: undefined, quiet: false, continued: false,
};

/** The range's events, acknowledging each batch as a consumer does. */
async function run(pool: RangePool): Promise<string[]> {
  const handle = pool.submit(job);
  const kinds: string[] = [];
  for await (const m of handle.events() as AsyncIterable<FromWorker>) {
    kinds.push(m.type === 'done' ? `done:${m.summary.lineBreaks}` : m.type);
    if (m.type === 'batch') handle.ack();
  }
  return kinds;
}

describe('RangePool', () => {
  it('ends its threads once every range is read past its byte limit, and starts them again for the next range', async () => {
    const pool = new RangePool(2, 1);
    expect(pool.threads).toBe(2);
    const first = await run(pool);
    // 10 candidate rows in batches of 4, then the summary (40 line breaks).
    expect(first.filter((k) => k === 'batch')).toHaveLength(3);
    expect(first[first.length - 1]).toBe('done:40');
    expect(pool.threads).toBe(0);
    expect(await run(pool)).toEqual(first);
    expect(pool.threads).toBe(0);
  });

  it('keeps its threads after reads below the limit', async () => {
    const pool = new RangePool(2);
    const first = await run(pool);
    expect(first[first.length - 1]).toBe('done:40');
    expect(pool.threads).toBe(2);
    expect(await run(pool)).toEqual(first);
    expect(pool.threads).toBe(2);
  });

  it('the shared pools are one per young-generation size (full scans get their own, larger one), reused', async () => {
    const small = sharedRangePool(2, WORKER_YOUNG_GENERATION_MB);
    const large = sharedRangePool(2, FULL_SCAN_YOUNG_GENERATION_MB);
    expect(large).not.toBe(small);
    expect(sharedRangePool(2)).toBe(small);
    expect(sharedRangePool(2, FULL_SCAN_YOUNG_GENERATION_MB)).toBe(large);
    expect(FULL_SCAN_YOUNG_GENERATION_MB).toBeGreaterThan(WORKER_YOUNG_GENERATION_MB);
    // Both read ranges.
    expect((await run(large)).at(-1)).toMatch(/^done:/);
    expect((await run(small)).at(-1)).toMatch(/^done:/);
  });
});

