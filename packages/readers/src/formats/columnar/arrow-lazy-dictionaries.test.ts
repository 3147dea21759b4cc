import { describe, expect, it } from 'vitest';
import { Dictionary, Field, Int32, Int64, makeData, makeVector, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Utf8, vectorFromArray } from 'apache-arrow';
import { DEFENDER_TABLES, parseIsoDatetime, type BatchStatisticsLookup } from '@kqlr/common';
import { BatchBuilder } from '../../arrow/batch-builder.js';
import { FileScanContext } from '../../scan/scan-context.js';
import type { TableScan } from '../../scan/table-scan.js';
import { tempDir, writeTemp } from '../../test-helpers.js';
import { readArrowIpc } from './arrow-ipc-reader.js';

const schema = DEFENDER_TABLES.DeviceFileEvents!;
const HOUR = 36_000_000_000n;
const T0 = parseIsoDatetime('2024-05-14T00:00:00Z')!;
const ROWS = 500;

/** Three one-hour batches whose FolderPath has a dictionary of its own (a replacement), as kqlr convert writes them. */
function stream(): string {
  const type = new Dictionary(new Utf8(), new Int32(), 5);
  const fields = [new Field('Timestamp', new Int64(), true, new Map([['kql.type', 'datetime']])), new Field('FolderPath', type, true)];
  const writer = new RecordBatchStreamWriter();
  for (let h = 0n; h < 3n; h++) {
    const ts = BigInt64Array.from({ length: ROWS }, (_, i) => T0 + h * HOUR + BigInt(i) * 1000n);
    const values = vectorFromArray(Array.from({ length: ROWS }, (_, i) => `/etc/systemd/system/h${h}-${i}.service`), new Utf8()).data[0]!;
    const codes = makeData({ type, length: ROWS, nullCount: 0, data: Int32Array.from({ length: ROWS }, (_, i) => i), dictionary: makeVector(values) });
    writer.write(new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: ROWS, children: [makeData({ type: new Int64(), length: ROWS, data: ts }), codes] })));
  }
  writer.finish();
  return writeTemp(tempDir(), 'DeviceFileEvents.dict.arrow', writer.toUint8Array(true));
}

async function scanWith(path: string, skipBatch: ((s: BatchStatisticsLookup) => boolean) | undefined) {
  let bytes = 0;
  const inputFile = { path, size: 0, gzip: false, format: 'arrow' as const, tables: ['DeviceFileEvents'], tableRule: 'test' };
  const ctx = new FileScanContext(inputFile, {}, false, (n) => (bytes += n));
  const builder = new BatchBuilder(schema, ['Timestamp', 'FolderPath'], new Map());
  const scan = {
    file: inputFile, table: 'DeviceFileEvents', schema, batchSize: ROWS, ctx, builder, columns: ['Timestamp', 'FolderPath'], textNeedles: undefined, skipBatch,
  } as unknown as TableScan;
  const paths: string[] = [];
  for await (const b of readArrowIpc(scan)) paths.push(...[...b.getChild('FolderPath')!].map(String));
  return { paths, bytes };
}

describe('Arrow IPC dictionaries are read with the batches that use them', () => {
  it('the dictionaries of batches skipped by their Timestamps are never read; the kept batch reads its own', async () => {
    const path = stream();
    const all = await scanWith(path, undefined);
    const last = await scanWith(path, (lookup) => (lookup('Timestamp')?.max as bigint) < T0 + 2n * HOUR);
    expect(all.paths.length).toBe(3 * ROWS);
    expect(last.paths).toEqual(all.paths.slice(2 * ROWS));
    expect(last.paths[0]).toBe('/etc/systemd/system/h2-0.service');
    // Each dictionary holds ~34 bytes a row: two skipped ones would be ~34 KB of the skipping scan's reads.
    const dictionaryBytes = ROWS * '/etc/systemd/system/h0-000.service'.length;
    expect(all.bytes - last.bytes).toBeGreaterThan(2 * dictionaryBytes);
  });
});
