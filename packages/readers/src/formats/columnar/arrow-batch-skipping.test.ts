import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dictionary, Field, Int32, Int64, makeData, makeVector, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Schema, Struct, Utf8, vectorFromArray } from 'apache-arrow';
import { columnStatisticsOf, DEFENDER_TABLES, parseIsoDatetime, type BatchStatisticsLookup } from '@kqlr/common';
import { BatchBuilder } from '../../arrow/batch-builder.js';
import { FileScanContext } from '../../scan/scan-context.js';
import type { TableScan } from '../../scan/table-scan.js';
import { tempDir, writeTemp } from '../../test-helpers.js';
import { openInputs } from '../../open-inputs.js';
import { InputError } from '../../input-error.js';
import { readArrowIpc } from './arrow-ipc-reader.js';

const schema = DEFENDER_TABLES.DeviceFileEvents!;
const HOUR = 36_000_000_000n;
const T0 = parseIsoDatetime('2024-05-14T00:00:00Z')!;

/** Three batches of 1000 rows, one hour each, as kqlr convert writes them (ticks tagged datetime). */
function file(format: 'file' | 'stream'): string {
  const fields = [
    new Field('Timestamp', new Int64(), true, new Map([['kql.type', 'datetime']])),
    new Field('FolderPath', new Utf8(), true, new Map([['kql.type', 'string']])),
  ];
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  for (let h = 0n; h < 3n; h++) {
    const ts = BigInt64Array.from({ length: 1000 }, (_, i) => T0 + h * HOUR + BigInt(i) * 1000n);
    const paths = vectorFromArray(Array.from({ length: 1000 }, (_, i) => `/etc/systemd/system/h${h}-${i}.service-${'p'.repeat(100)}`), new Utf8()).data[0]!;
    const children = [makeData({ type: new Int64(), length: 1000, data: ts }), paths];
    writer.write(new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 1000, children })));
  }
  writer.finish();
  return writeTemp(tempDir(), `DeviceFileEvents.${format}.arrow`, writer.toUint8Array(true));
}

async function scanWith(path: string, skipBatch: ((s: BatchStatisticsLookup) => boolean) | undefined) {
  let bytes = 0;
  const inputFile = { path, size: 0, gzip: false, format: 'arrow' as const, tables: ['DeviceFileEvents'], tableRule: 'test' };
  const ctx = new FileScanContext(inputFile, {}, false, (n) => (bytes += n));
  const builder = new BatchBuilder(schema, ['Timestamp', 'FolderPath'], new Map());
  const scan = {
    file: inputFile, table: 'DeviceFileEvents', schema, batchSize: 1000, ctx, builder, columns: ['Timestamp', 'FolderPath'],
    textNeedles: undefined, skipBatch,
  } as unknown as TableScan;
  const batches: RecordBatch[] = [];
  for await (const b of readArrowIpc(scan)) batches.push(b);
  return { batches, bytes, ctx, builder };
}

describe('Arrow IPC batch skipping by statistics (zone maps)', () => {
  for (const format of ['file', 'stream'] as const) {
    it(`a batch the scan's filters cannot match is not read past its Timestamp column (${format})`, async () => {
      const path = file(format);
      const all = await scanWith(path, undefined);
      // As a `Timestamp >= T0 + 2h` filter would decide from min/max: only the last hour can match.
      const seen: (bigint | number | undefined)[] = [];
      const late = await scanWith(path, (lookup) => {
        const ts = lookup('Timestamp');
        seen.push(ts?.max);
        return ts?.max !== undefined && (ts.max as bigint) < T0 + 2n * HOUR;
      });
      expect(all.batches.map((b) => b.numRows)).toEqual([1000, 1000, 1000]);
      expect(late.batches.map((b) => b.numRows)).toEqual([1000]);
      expect(late.batches[0]!.getChild('Timestamp')!.get(0)).toBe(T0 + 2n * HOUR);
      expect(seen).toEqual([0n, 1n, 2n].map((h) => T0 + h * HOUR + 999_000n));
      // Skipped batches cost their Timestamps only (8 bytes a row), not their ~140-byte paths.
      expect(late.bytes).toBeLessThan(all.bytes / 2);
      // ...and still count as events with their Timestamps in the run's range.
      expect(late.ctx.prefilteredRows).toBe(2000);
      expect([late.builder.minTicks, late.builder.maxTicks]).toEqual([T0, T0 + 2n * HOUR + 999_000n]);
      expect([all.builder.minTicks, all.builder.maxTicks]).toEqual([T0, T0 + 2n * HOUR + 999_000n]);
    });
  }

  it('a table scan passes the executor\'s skipBatch to the reader; the run still counts every event', async () => {
    const set = await openInputs([{ path: file('stream') }]);
    const provider = set.tables.get('DeviceFileEvents')!;
    const rows: number[] = [];
    const skipBatch = (lookup: BatchStatisticsLookup): boolean => (lookup('Timestamp')?.max as bigint) < T0 + 2n * HOUR;
    for await (const b of provider.scan({ columns: ['Timestamp', 'FolderPath'], skipBatch } as Parameters<typeof provider.scan>[0])) rows.push(b.numRows);
    expect(rows).toEqual([1000]);
    expect(set.eventCount('DeviceFileEvents')).toBe(3000);
    expect(set.timestampRange()).toEqual({ min: T0, max: T0 + 2n * HOUR + 999_000n });
  });

  it('batches carry exact Timestamp statistics for the executor', async () => {
    const { batches } = await scanWith(file('file'), undefined);
    const stats = batches.map((b) => columnStatisticsOf(b.getChild('Timestamp')!.data[0]!));
    expect(stats).toEqual([0n, 1n, 2n].map((h) => ({ nullCount: 0, min: T0 + h * HOUR, max: T0 + h * HOUR + 999_000n })));
  });

  it('the dictionaries of batches skipped by their Timestamps are never read; a kept batch reads its own (kqlr convert writes one per batch)', async () => {
    const path = dictionaryStream();
    const all = await scanWith(path, undefined);
    const last = await scanWith(path, (lookup) => (lookup('Timestamp')?.max as bigint) < T0 + 2n * HOUR);
    const paths = (batches: RecordBatch[]) => batches.flatMap((b) => [...b.getChild('FolderPath')!].map(String));
    expect(paths(all.batches)).toHaveLength(3000);
    expect(paths(last.batches)).toEqual(paths(all.batches).slice(2000));
    expect(paths(last.batches)[0]).toBe('/etc/systemd/system/h2-0.service');
    // Each dictionary holds ~34 bytes a row: the two skipped ones are ~68 KB the skipping scan does not read.
    expect(all.bytes - last.bytes).toBeGreaterThan(2 * 1000 * '/etc/systemd/system/h0-000.service'.length);
  });

  describe('a batch after one that was read whole: its other columns are read before the skip decision', () => {
    /** Every hour's batch but the middle one can match (batches alternate kept, skipped, kept). */
    const skipMiddle = (lookup: BatchStatisticsLookup): boolean => {
      const max = lookup('Timestamp')?.max as bigint;
      return max >= T0 + HOUR && max < T0 + 2n * HOUR;
    };

    for (const format of ['file', 'stream'] as const) {
      it(`a skipped batch's read is dropped whole, its errors with it; kept batches keep their own Timestamps (${format})`, async () => {
        const path = withMiddleBatchCorrupt(file(format));
        // Read, the middle batch's FolderPath is an error (the corruption is real)...
        await expect(scanWith(path, undefined)).rejects.toThrow(/corrupt Arrow IPC data .*a buffer lies outside its body/);
        // ...skipped, it is never looked at, though its read was started with the first batch's.
        const { batches, ctx, builder } = await scanWith(path, skipMiddle);
        // The first batch's Timestamps were read into memory the third batch's reuse: a kept batch gets a copy.
        expect(batches.map((b) => b.getChild('Timestamp')!.get(0))).toEqual([T0, T0 + 2n * HOUR]);
        expect(batches.map((b) => b.getChild('FolderPath')!.get(999))).toEqual([0, 2].map((h) => `/etc/systemd/system/h${h}-999.service-${'p'.repeat(100)}`));
        expect(ctx.prefilteredRows).toBe(1000);
        expect([builder.minTicks, builder.maxTicks]).toEqual([T0, T0 + 2n * HOUR + 999_000n]);
      });
    }

    it('a truncated file is still an InputError naming the file and the byte, read with skipping', async () => {
      const whole = readFileSync(file('stream'));
      const path = writeTemp(tempDir(), 'DeviceFileEvents.truncated.arrow', whole.subarray(0, whole.length - 3000));
      const err = await scanWith(path, skipMiddle).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toMatch(/DeviceFileEvents\.truncated\.arrow: truncated Arrow IPC data/);
      expect((err as InputError).offset).toBeGreaterThan(0);
    });
  });
});

/** The three hours of `file`, FolderPath dictionary-encoded with a dictionary of its own per batch (a replacement). */
function dictionaryStream(): string {
  const type = new Dictionary(new Utf8(), new Int32(), 5);
  const fields = [new Field('Timestamp', new Int64(), true, new Map([['kql.type', 'datetime']])), new Field('FolderPath', type, true)];
  const writer = new RecordBatchStreamWriter();
  for (let h = 0n; h < 3n; h++) {
    const ts = BigInt64Array.from({ length: 1000 }, (_, i) => T0 + h * HOUR + BigInt(i) * 1000n);
    const values = vectorFromArray(Array.from({ length: 1000 }, (_, i) => `/etc/systemd/system/h${h}-${i}.service`), new Utf8()).data[0]!;
    const codes = makeData({ type, length: 1000, nullCount: 0, data: Int32Array.from({ length: 1000 }, (_, i) => i), dictionary: makeVector(values) });
    writer.write(new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 1000, children: [makeData({ type: new Int64(), length: 1000, data: ts }), codes] })));
  }
  writer.finish();
  return writeTemp(tempDir(), 'DeviceFileEvents.dict.arrow', writer.toUint8Array(true));
}

/**
 * The file with the middle batch's FolderPath data buffer claiming 1 GiB: its metadata no longer
 * fits its body. The three batches' metadata are alike (same value lengths), so the second of the
 * three (offset, length) pairs for that buffer is the middle batch's.
 */
function withMiddleBatchCorrupt(path: string): string {
  const bytes = new Uint8Array(readFileSync(path));
  let length = 0;
  for (let i = 0; i < 1000; i++) length += `/etc/systemd/system/h0-${i}.service-${'p'.repeat(100)}`.length;
  // Writers pad each buffer to 8 bytes; apache-arrow states the padded length.
  const padded = (length + 7) & ~7;
  const needle = new Uint8Array(8);
  new DataView(needle.buffer).setBigInt64(0, BigInt(padded), true);
  const hits: number[] = [];
  for (let i = 0; i + 8 <= bytes.length; i++) if (needle.every((b, k) => bytes[i + k] === b)) hits.push(i);
  if (hits.length !== 3) throw new Error(`expected the FolderPath data length in 3 batches' metadata, found ${hits.length}`);
  new DataView(bytes.buffer).setBigInt64(hits[1]!, 1n << 30n, true);
  return writeTemp(tempDir(), path.split('/').pop()!.replace('.arrow', '.corrupt.arrow'), bytes);
}
