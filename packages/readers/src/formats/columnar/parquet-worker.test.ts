import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openInputs } from '../../open-inputs.js';
import { tempDir } from '../../test-helpers.js';
import { writeBatches } from '../../write/write-table.js';
import { parquetBatches } from './parquet-source.js';

const REPO = join(import.meta.dirname, '../../../../..');
const FINDING = join(REPO, 'test/fuzz/findings/parquet-wasm-panic.parquet');

async function demoParquet(): Promise<{ dir: string; files: string[] }> {
  const dir = tempDir();
  const set = await openInputs([{ path: join(REPO, 'datasets/demo/defender-streaming.jsonl') }]);
  const files: string[] = [];
  for (const table of ['DeviceFileEvents', 'DeviceProcessEvents']) {
    const p = join(dir, `${table}.parquet`);
    await writeBatches(set.tables.get(table)!.scan(), p, 'parquet');
    files.push(p);
  }
  return { dir, files };
}

const fileNames = async (batches: AsyncGenerator<RecordBatch>): Promise<string[]> => {
  const out: string[] = [];
  for await (const b of batches) for (const r of b.toArray()) out.push(String((r as { FileName?: unknown }).FileName));
  return out;
};

/** Reads two generators in lock step (one batch of each in turn), as a join or union may. */
async function interleaved<T>(a: AsyncGenerator<T>, b: AsyncGenerator<T>): Promise<[T[], T[]]> {
  const out: [T[], T[]] = [[], []];
  const live = [a, b];
  const done = [false, false];
  while (!done[0] || !done[1]) {
    for (const k of [0, 1] as const) {
      if (done[k]) continue;
      const n = await live[k]!.next();
      if (n.done) done[k] = true;
      else out[k].push(n.value);
    }
  }
  return out;
}

describe('Parquet decoder workers', () => {
  it('two scans at once each get their own file, batch for batch', async () => {
    const { files } = await demoParquet();
    const [fe, pe] = files as [string, string];
    const alone = [await fileNames(parquetBatches(fe, ['FileName'], 10)), await fileNames(parquetBatches(pe, ['FileName'], 10))];
    expect(alone[0]!.length).toBeGreaterThan(10);
    expect(alone[1]!.length).toBeGreaterThan(10);
    const [a, b] = await interleaved(parquetBatches(fe, ['FileName'], 10), parquetBatches(pe, ['FileName'], 10));
    const names = (bs: RecordBatch[]): string[] => bs.flatMap((x) => x.toArray().map((r) => String((r as { FileName?: unknown }).FileName)));
    expect(names(a)).toEqual(alone[0]);
    expect(names(b)).toEqual(alone[1]);
  });

  it('a decoder crash fails only the scan of the corrupt file, not a concurrent one', async () => {
    const { dir, files } = await demoParquet();
    const corrupt = join(dir, 'corrupt.parquet');
    copyFileSync(FINDING, corrupt);
    const good = files[1]!;
    const expected = await fileNames(parquetBatches(good, undefined, 7));
    const goodScan = parquetBatches(good, undefined, 7);
    const rows: string[] = [];
    const first = await goodScan.next();
    if (!first.done) for (const r of first.value.toArray()) rows.push(String((r as { FileName?: unknown }).FileName));
    // The corrupt file is decoded (and its worker dies) while the good scan is half way.
    await expect(fileNames(parquetBatches(corrupt, undefined, 7))).rejects.toThrow(`${corrupt}: corrupt Parquet data in row group 1 of 1 (rows 1-4): the decoder (parquet-wasm) crashed`);
    rows.push(...(await fileNames(goodScan)));
    expect(rows).toEqual(expected);
  });

  it('columns the file lacks are left out; Timestamp is always read', async () => {
    const { files } = await demoParquet();
    const batches: RecordBatch[] = [];
    for await (const b of parquetBatches(files[0]!, ['FileName', 'NoSuchColumn'], 1000)) batches.push(b);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches[0]!.schema.fields.map((f) => f.name).sort()).toEqual(['FileName', 'Timestamp']);
  });
});
