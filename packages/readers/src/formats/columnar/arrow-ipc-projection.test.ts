import { describe, expect, it } from 'vitest';
import {
  Bool, CompressionType, compressionRegistry, Dictionary, Field, Float64, Int32, Int64, List, makeData, makeVector, MetadataVersion, Null,
  RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Schema, Struct, Table, tableFromIPC, tableToIPC, Utf8, Vector, vectorFromArray,
  type Data, type DataType,
} from 'apache-arrow';
import { tempDir, writeTemp } from '../../test-helpers.js';
import { columnLayout } from './arrow-buffer-layout.js';
import { ArrowIpcSource } from './arrow-ipc-projected-reader.js';

const utf8 = (values: (string | null)[]): Data => vectorFromArray(values, new Utf8()).data[0]!;
const KIND = new Dictionary(new Utf8(), new Int32());
const STRUCT = new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]);
const LIST = new List(new Field('item', new Int32(), true));
const dict = (values: string[]): Data => vectorFromArray(values, KIND).data[0]!;
/** One dictionary shared by every batch: the IPC file format has no replacement dictionaries. */
const KINDS = ['FileCreated', 'FileDeleted', 'FileModified'];
const KIND_VALUES = vectorFromArray(KINDS, new Utf8());
const kindIndices = (values: number[]): Data => makeData({ type: KIND, length: values.length, data: Int32Array.from(values), dictionary: KIND_VALUES });
const int64 = (values: bigint[]): Data => makeData({ type: new Int64(), length: values.length, data: BigInt64Array.from(values) });

/** A batch with every layout family: a big string column, a dictionary, nulls, nested types. */
function mixedBatch(rows: number, seed: number, dictionary?: Data): RecordBatch {
  const ids = Array.from({ length: rows }, (_, i) => BigInt(seed * 1000 + i));
  const blob = Array.from({ length: rows }, (_, i) => (i % 7 === 3 ? null : `payload-${seed}-${i}-${'x'.repeat(200)}`));
  const kinds = Array.from({ length: rows }, (_, i) => (i + seed) % 3);
  const structData = makeData({ type: STRUCT, length: rows, children: [vectorFromArray(Array.from({ length: rows }, (_, i) => i), new Int32()).data[0]!, utf8(Array.from({ length: rows }, (_, i) => `s${i}`))] });
  const listData = vectorFromArray(Array.from({ length: rows }, (_, i) => Array.from({ length: i % 3 }, (_, k) => k)), LIST).data[0]!;
  const kindData = dictionary === undefined ? kindIndices(kinds) : dictionary;
  const columns: [string, Data][] = [
    ['Id', int64(ids)],
    ['Blob', utf8(blob)],
    ['Kind', kindData],
    ['Flag', vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0)), new Bool()).data[0]!],
    ['Nothing', makeData({ type: new Null(), length: rows })],
    ['S', structData],
    ['L', listData],
    ['Score', vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? null : i / 4)), new Float64()).data[0]!],
  ];
  const fields = columns.map(([name, data]) => new Field(name, data.type, true));
  return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: rows, children: columns.map(([, d]) => d) }));
}

const names = ['Id', 'Blob', 'Kind', 'Flag', 'Nothing', 'S', 'L', 'Score'];

async function readProjected(path: string, asked: string[]): Promise<{ values: Record<string, unknown[]>; bytes: number; rows: number }> {
  const source = await ArrowIpcSource.open(path);
  try {
    // A mutated schema may have lost a name: such columns are not asked for.
    const names = asked.filter((n) => source.schema.fields.some((f) => f.name === n));
    const wanted = names.map((n) => source.schema.fields.findIndex((f) => f.name === n));
    const values: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
    let bytes = 0;
    let rows = 0;
    for await (const b of source.batches(wanted, (n) => (bytes += n))) {
      rows += b.numRows;
      names.forEach((n, k) => values[n]!.push(...plain(makeVector(b.columns[wanted[k]!]!))));
    }
    return { values, bytes, rows };
  } finally {
    await source.close();
  }
}

/** The same columns read by apache-arrow's own reader (every column decoded). */
function readFull(bytes: Uint8Array, names: string[]): Record<string, unknown[]> {
  const t = tableFromIPC(bytes);
  return Object.fromEntries(names.map((n) => [n, plain(t.getChild(n)!)]));
}

/** Values by the vector's iterator (nulls as null), nested values as plain JSON. */
function plain(values: Iterable<unknown>): unknown[] {
  return Array.from(values, (v) => (v !== null && typeof v === 'object' && 'toJSON' in v ? JSON.parse(JSON.stringify(v)) : v));
}

function write(format: 'file' | 'stream', batches: RecordBatch[]): Uint8Array {
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  for (const b of batches) writer.write(b);
  writer.finish();
  return writer.toUint8Array(true);
}

describe('columnLayout (Arrow columnar format buffer layout)', () => {
  const cases: [string, DataType, number, number][] = [
    ['Null', new Null(), 1, 0],
    ['Int64', new Int64(), 1, 2],
    ['Bool', new Bool(), 1, 2],
    ['Utf8', new Utf8(), 1, 3],
    ['Dictionary (indices only)', new Dictionary(new Utf8(), new Int32()), 1, 2],
    ['List<Int32>', new List(new Field('i', new Int32())), 2, 4],
    ['Struct<Int32, Utf8>', new Struct([new Field('a', new Int32()), new Field('b', new Utf8())]), 3, 6],
  ];
  it.each(cases)('%s', (_name, type, nodes, buffers) => {
    expect(columnLayout(type, MetadataVersion.V5)).toEqual({ nodes, buffers, variadic: 0 });
  });
});

describe('Arrow IPC column projection', () => {

  for (const format of ['file', 'stream'] as const) {
    it(`any subset of columns reads the same values as apache-arrow's full read (${format})`, async () => {
      const bytes = write(format, [mixedBatch(100, 1), mixedBatch(37, 2), mixedBatch(0, 3), mixedBatch(64, 4)]);
      const path = writeTemp(tempDir(), `mixed.${format}.arrow`, bytes);
      const full = readFull(bytes, names);
      for (const subset of [names, ['Id'], ['Kind', 'Score'], ['Nothing', 'L'], ['S', 'Flag', 'Blob'], []]) {
        const got = await readProjected(path, subset);
        expect(got.rows).toBe(201);
        for (const n of subset) expect(got.values[n], `${format} ${subset.join(',')} ${n}`).toEqual(full[n]);
      }
    });

    it(`columns not asked for are not read from disk (${format})`, async () => {
      const bytes = write(format, [mixedBatch(2000, 1), mixedBatch(2000, 2)]);
      const path = writeTemp(tempDir(), `big.${format}.arrow`, bytes);
      const blobBytes = (await readProjected(path, ['Blob'])).bytes;
      const idBytes = (await readProjected(path, ['Id', 'Kind'])).bytes;
      // Blob holds > 200 bytes in 6 rows of 7; Id and Kind's indices 12 bytes a row (plus the dictionary once).
      expect(blobBytes).toBeGreaterThan(2 * 2000 * 170);
      expect(idBytes).toBeLessThan(2 * 2000 * 16 + 64 * 1024);
      expect(idBytes).toBeLessThan(bytes.length / 8);
    });
  }

  it('replacement dictionaries of a stream apply to the batches after them', async () => {
    const first = mixedBatch(10, 0, dict(['a', 'b', 'a', 'c', 'a', 'b', 'a', 'c', 'a', 'b']));
    const second = mixedBatch(10, 1, dict(['x', 'y', 'x', 'y', 'z', 'y', 'x', 'y', 'x', 'z']));
    const bytes = write('stream', [first, second]);
    const path = writeTemp(tempDir(), 'replaced.arrow', bytes);
    const got = await readProjected(path, ['Kind']);
    expect(got.values['Kind']).toEqual([...'abacabacab', ...'xyxyzyxyxz']);
  });

  it('delta dictionaries are appended to the dictionary they extend', async () => {
    const type = new Dictionary(new Utf8(), new Int32(), 0);
    const base = utf8(['a', 'b']);
    const more = utf8(['c']);
    const indices = (values: number[], chunks: Data[]): Data =>
      makeData({ type, length: values.length, data: Int32Array.from(values), dictionary: new Vector(chunks) });
    const batch = (k: Data): RecordBatch => {
      const fields = [new Field('Kind', type, true)];
      return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: k.length, children: [k] }));
    };
    for (const format of ['file', 'stream'] as const) {
      const bytes = write(format, [batch(indices([0, 1, 1], [base])), batch(indices([2, 0, 2], [base, more]))]);
      expect(bytes.length).toBeGreaterThan(0);
      const path = writeTemp(tempDir(), `delta.${format}.arrow`, bytes);
      const got = await readProjected(path, ['Kind']);
      expect(got.values['Kind'], format).toEqual(['a', 'b', 'b', 'c', 'a', 'c']);
      expect(got.values['Kind']).toEqual(readFull(bytes, ['Kind'])['Kind']);
    }
  });

  it('body compression: decoded with a registered codec, a clear error without one', async () => {
    // A stand-in codec (apache-arrow ships none): an LZ4 frame header (apache-arrow checks it on
    // registration) then the bytes flipped, so only a real decode gives the values back.
    const header = [4, 34, 77, 24, 0x40, 0, 0];
    const encode = (d: Uint8Array): Uint8Array => Uint8Array.from([...header, ...d.map((b) => b ^ 0x5a)]);
    const decode = (d: Uint8Array): Uint8Array => d.subarray(header.length).map((b) => b ^ 0x5a);
    compressionRegistry.set(CompressionType.LZ4_FRAME, { encode, decode });
    try {
      const writer = new RecordBatchFileWriter({ compressionType: CompressionType.LZ4_FRAME });
      writer.write(mixedBatch(50, 1));
      writer.finish();
      const bytes = writer.toUint8Array(true);
      const path = writeTemp(tempDir(), 'lz4.arrow', bytes);
      const got = await readProjected(path, ['Id', 'Blob', 'Kind']);
      expect(got.values).toEqual(readFull(bytes, ['Id', 'Blob', 'Kind']));
      compressionRegistry.set(CompressionType.LZ4_FRAME, {});
      await expect(readProjected(path, ['Id'])).rejects.toThrow(/lz4\.arrow: Arrow IPC body compression LZ4_FRAME is not supported/);
    } finally {
      compressionRegistry.set(CompressionType.LZ4_FRAME, {});
    }
  });

  it('a truncated IPC file is an InputError naming the file', async () => {
    const bytes = write('file', [mixedBatch(100, 1), mixedBatch(100, 2)]);
    const dir = tempDir();
    // Cut in the middle: no footer, so not the file format; its embedded stream then ends mid-body.
    const cut = writeTemp(dir, 'cut.arrow', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const err = await readProjected(cut, ['Id']).catch((e: unknown) => e);
    expect((err as Error).name).toBe('InputError');
    expect((err as Error).message).toContain('cut.arrow');
  });
});

describe('Table round trip through the projection', () => {
  it('tableToIPC output (file and stream) reads back equal', async () => {
    const t = new Table({ a: vectorFromArray([1, 2, null], new Int32()), b: vectorFromArray(['x', null, 'z'], new Utf8()) });
    for (const format of ['file', 'stream'] as const) {
      const bytes = tableToIPC(t, format);
      const path = writeTemp(tempDir(), `t.${format}`, bytes);
      const got = await readProjected(path, ['b', 'a']);
      expect(got.values).toEqual({ a: [1, 2, null], b: ['x', null, 'z'] });
    }
  });
});

describe('corrupt IPC files (seeded mutations)', () => {
  it('file and stream format: every mutation reads or fails with an InputError naming the file', async () => {
    let x = 20261127;
    const random = (n: number): number => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x % n;
    };
    const dir = tempDir();
    const outcomes = { read: 0, inputError: 0 };
    for (const format of ['file', 'stream'] as const) {
      const clean = write(format, [mixedBatch(40, 1), mixedBatch(25, 2)]);
      for (let c = 0; c < 80; c++) {
        const bytes = new Uint8Array(clean);
        let cut = bytes.length;
        const kind = random(3);
        if (kind === 0) for (let f = 1 + random(8); f > 0; f--) bytes[random(bytes.length)] ^= 1 << random(8);
        else if (kind === 1) cut = random(bytes.length);
        else bytes.fill(random(256), random(bytes.length), random(bytes.length));
        const path = writeTemp(dir, `m${format}${c}.arrow`, bytes.subarray(0, cut));
        try {
          const got = await readProjected(path, names);
          expect(got.rows).toBeGreaterThanOrEqual(0);
          outcomes.read++;
        } catch (err) {
          expect((err as Error).name, `${format} case ${c}: ${(err as Error).stack}`).toBe('InputError');
          expect((err as Error).message).toContain(path);
          outcomes.inputError++;
        }
      }
    }
    expect(outcomes.inputError).toBeGreaterThan(20);
  });
});
