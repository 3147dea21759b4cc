import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Dictionary, Field, Int32, makeData, MessageReader, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { openInputs } from '../../open-inputs.js';
import { readAll, tempDir, writeTemp } from '../../test-helpers.js';
import { writeBatches } from '../../write/write-table.js';

async function converted(format: 'arrow' | 'parquet'): Promise<{ dir: string; path: string }> {
  const dir = tempDir();
  const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ category: 'AdvancedHunting-DeviceFileEvents', properties: { Timestamp: `2024-05-14T10:22:${String(i).padStart(2, '0')}Z`, FileName: `f${i}` } }));
  const set = await openInputs([{ path: writeTemp(dir, 'a.json', lines.join('\n')) }], { batchSize: 10 });
  const path = join(dir, `DeviceFileEvents.${format}`);
  await writeBatches(set.tables.get('DeviceFileEvents')!.scan(), path, format);
  return { dir, path };
}

describe('Arrow / Parquet input errors', () => {
  it('a gzip-compressed Arrow IPC stream is read', async () => {
    const { dir, path } = await converted('arrow');
    const gz = writeTemp(dir, 'DeviceFileEvents.arrow.gz', gzipSync(readFileSync(path)));
    const r = await readAll([{ path: gz }], 'DeviceFileEvents');
    expect(r.rows).toHaveLength(50);
    expect(r.rows[49]!['FileName']).toBe('f49');
  });

  it('a gzip Arrow IPC file cut in half is an InputError naming the .gz file, not its decompressed copy', async () => {
    const { dir, path } = await converted('arrow');
    const bytes = readFileSync(path);
    const gz = writeTemp(dir, 'half.arrow.gz', gzipSync(bytes.subarray(0, Math.floor(bytes.length / 2))));
    const err = await readAll([{ path: gz, table: 'DeviceFileEvents' }], 'DeviceFileEvents').catch((e: unknown) => e);
    expect((err as Error).name).toBe('InputError');
    expect((err as Error).message.startsWith(`${gz}: `)).toBe(true);
    expect((err as Error).message).not.toContain('kqlr-gunzip');
  });

  it.each(['arrow', 'parquet'] as const)('a truncated %s file is an InputError naming the file', async (format) => {
    const { dir, path } = await converted(format);
    const bytes = readFileSync(path);
    const cut = writeTemp(dir, `DeviceFileEvents-cut.${format}`, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = await readAll([{ path: cut, table: 'DeviceFileEvents' }], 'DeviceFileEvents').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('InputError');
    expect((err as Error).message).toContain(`DeviceFileEvents-cut.${format}`);
  });

  it('a text file forced to parquet is an InputError', async () => {
    const p = writeTemp(tempDir(), 'x.csv', 'Timestamp,FileName\n');
    await expect(openInputs([{ path: p, format: 'parquet', table: 'DeviceFileEvents' }])).rejects.toThrow(/x\.csv: not a readable Parquet file/);
  });

  it('a column whose type differs from the catalog is an InputError', async () => {
    const t = new Table({ Timestamp: vectorFromArray(['2024'], new Utf8()) });
    const p = writeTemp(tempDir(), 'bad.arrow', tableToIPC(t, 'stream'));
    await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents')).rejects.toThrow(/column Timestamp is string in the file but datetime/);
  });

  it.each([[7], [-3]])('a dictionary code outside its dictionary (%d) is an InputError naming the file, column and code, in a projected and a full read', async (bad) => {
    const type = new Dictionary(new Utf8(), new Int32(), 1);
    const codes = makeData({ type, length: 3, nullCount: 0, data: Int32Array.of(0, bad, 1), dictionary: vectorFromArray(['a', 'b'], new Utf8()) });
    const fields = [new Field('FileName', type, true)];
    const p = writeTemp(tempDir(), 'badcodes.arrow', tableToIPC(new Table([new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 3, children: [codes] }))]), 'stream'));
    const message = new RegExp(`badcodes\\.arrow: corrupt data: column FileName has dictionary code ${bad} at row 2 of a record batch, outside its dictionary of 2 values`);
    await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents', {}, ['FileName'])).rejects.toThrow(message);
    await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents')).rejects.toThrow(message);
  });

  it.each([
    ['past the data', Int32Array.of(0, 1, 500, 502), /column FileName has string offsets past its \d+ bytes of data \(to 502\)/],
    ['going back', Int32Array.of(0, 2, 1, 3), /column FileName has string offsets that go back at row 2 of a record batch/],
  ])('string offsets %s are an InputError naming the file and column (they would read other bytes)', async (_, offsets, message) => {
    const names = makeData({ type: new Utf8(), length: 3, nullCount: 0, valueOffsets: offsets, data: new TextEncoder().encode('abc') });
    const fields = [new Field('FileName', new Utf8(), true)];
    const p = writeTemp(tempDir(), 'badoffsets.arrow', tableToIPC(new Table([new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 3, children: [names] }))]), 'stream'));
    await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents', {}, ['FileName'])).rejects.toThrow(message);
    await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents', {}, ['FileName'])).rejects.toThrow(/badoffsets\.arrow: corrupt data/);
  });

  // apache-arrow's writer rebases offsets to 0 and sizes each buffer itself, so these two are made
  // by editing a written stream's bytes: the body's first offset, and the offsets buffer's length in
  // the record batch metadata.
  describe('string offsets no writer produces', () => {
    const offsets = Int32Array.of(0, 7, 19, 23);
    const written = (): Buffer => {
      const names = makeData({ type: new Utf8(), length: 3, nullCount: 0, valueOffsets: offsets, data: new TextEncoder().encode('abcdefghijklmnopqrstuvw') });
      const fields = [new Field('FileName', new Utf8(), true)];
      return Buffer.from(tableToIPC(new Table([new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 3, children: [names] }))]), 'stream'));
    };
    /** Where `pattern` occurs in `bytes`, asserting it occurs exactly once. */
    const onlyAt = (bytes: Buffer, pattern: Buffer): number => {
      const at = bytes.indexOf(pattern);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(bytes.indexOf(pattern, at + 1)).toBe(-1);
      return at;
    };

    it('a negative first offset is an InputError naming the file and column', async () => {
      const bytes = written();
      bytes.writeInt32LE(-1, onlyAt(bytes, Buffer.from(offsets.buffer)));
      const p = writeTemp(tempDir(), 'negative.arrow', bytes);
      await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents', {}, ['FileName'])).rejects.toThrow(
        /negative\.arrow: corrupt data: column FileName has a negative string offset at row 1 of a record batch/,
      );
    });

    it('an offsets buffer too short for the rows is an InputError naming the file and column', async () => {
      const bytes = written();
      const batch = [...new MessageReader(bytes)].find((m) => m.isRecordBatch())!;
      const regions = (batch.header() as { buffers: { offset: number; length: number }[] }).buffers;
      expect(regions[1]!.length).toBe(16);
      // The metadata's Buffer structs (offset, length: little-endian int64 each), validity first.
      const structs = Buffer.from(BigInt64Array.from(regions.flatMap((r) => [BigInt(r.offset), BigInt(r.length)])).buffer);
      bytes.writeBigInt64LE(8n, onlyAt(bytes, structs) + 24);
      const p = writeTemp(tempDir(), 'short.arrow', bytes);
      await expect(readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents', {}, ['FileName'])).rejects.toThrow(
        /short\.arrow: corrupt data: column FileName has 1 string offsets for 3 rows/,
      );
    });
  });
});

