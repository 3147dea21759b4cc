import { describe, expect, it } from 'vitest';
import {
  CompressionType, compressionRegistry, Field, Int64, makeData, makeVector, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Schema,
  Struct, Utf8, vectorFromArray, type Data,
} from 'apache-arrow';
import { deferredColumnsOf, isTransientBatch, type LateScanOptions } from '@kqlr/common';
import { tempDir, writeTemp } from '../../test-helpers.js';
import { openInputs } from '../../open-inputs.js';
import { ArrowIpcSource } from './arrow-ipc-projected-reader.js';
import { copyUtf8Rows } from './arrow-ipc-row-reads.js';

/** Row i of batch `seed`: a command line with nulls, empty values, long and non-ASCII ones. */
function commandLine(seed: number, i: number): string | null {
  if (i % 11 === 5) return null;
  if (i % 13 === 0) return '';
  if (i % 17 === 1) return `/usr/bin/python3 -c "${'y'.repeat(300)}" résumé-${seed}-${i}`;
  return `bash -c 'echo ${seed}:${i}'`;
}

function batch(rows: number, seed: number): RecordBatch {
  const columns: [string, Data][] = [
    ['ReportId', makeData({ type: new Int64(), length: rows, data: BigInt64Array.from({ length: rows }, (_, i) => BigInt(seed * 1000 + i)) })],
    ['InitiatingProcessCommandLine', vectorFromArray(Array.from({ length: rows }, (_, i) => commandLine(seed, i)), new Utf8()).data[0]!],
    ['DeviceName', vectorFromArray(Array.from({ length: rows }, (_, i) => `host-${i % 5}`), new Utf8()).data[0]!],
  ];
  // Tagged: a decoded footer's Int64 is a plain Int (no Int64 instance), which reads as untyped.
  const fields = columns.map(([name, data]) => new Field(name, data.type, true, name === 'ReportId' ? new Map([['kql.type', 'long']]) : undefined));
  return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: rows, children: columns.map(([, d]) => d) }));
}

const SIZES = [300, 1, 129];

function write(format: 'file' | 'stream', options: { compressionType?: CompressionType } = {}): Uint8Array {
  const writer = format === 'file' ? new RecordBatchFileWriter(options) : new RecordBatchStreamWriter(options);
  SIZES.forEach((n, seed) => writer.write(batch(n, seed)));
  writer.finish();
  return writer.toUint8Array(true);
}

/** Kept rows of a batch: the first, every 7th, the last (ascending, no duplicates). */
function keptRows(n: number): Uint32Array {
  return Uint32Array.from(new Set([0, ...Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 3), n - 1]));
}

/** What a deferred column must give: the file's value at a kept row ("" for null), "" elsewhere. */
function expected(seed: number, n: number, kept: Uint32Array, value: (seed: number, i: number) => string | null): string[] {
  const keep = new Set(kept);
  return Array.from({ length: n }, (_, i) => (keep.has(i) ? (value(seed, i) ?? '') : ''));
}

describe('Arrow IPC deferred columns (read by rows after the filter)', () => {
  for (const format of ['file', 'stream'] as const) {
    it(`give the kept rows' values, "" for nulls and for rows not kept (${format})`, async () => {
      const path = writeTemp(tempDir(), `deferred.${format}.arrow`, write(format));
      const source = await ArrowIpcSource.open(path);
      try {
        let seed = 0;
        for await (const b of source.batches([0], () => undefined, undefined, { deferred: [1, 2] })) {
          expect(b.columns[1]).toBeUndefined();
          const kept = keptRows(b.numRows);
          const [cmd, name] = await b.deferred!(kept);
          for (const d of [cmd!, name!]) {
            expect(d.length).toBe(b.numRows);
            expect(d.nullCount).toBe(0);
          }
          expect([...makeVector(cmd!)]).toEqual(expected(seed, b.numRows, kept, commandLine));
          expect([...makeVector(name!)]).toEqual(expected(seed, b.numRows, kept, (_, i) => `host-${i % 5}`));
          seed++;
        }
        expect(seed).toBe(SIZES.length);
      } finally {
        await source.close();
      }
    });
  }

  it('stay valid while the next batch is read ahead, and are refused once their memory is reused', async () => {
    const path = writeTemp(tempDir(), 'lease.arrow', write('file'));
    const source = await ArrowIpcSource.open(path);
    try {
      const it = source.batches([0], () => undefined, undefined, { deferred: [1] });
      const first = (await it.next()).value!;
      await it.next(); // read ahead: batch 1 uses the other buffer
      expect([...makeVector((await first.deferred!(Uint32Array.of(2)))[0]!)][2]).toBe(commandLine(0, 2));
      await it.next(); // batch 2 reuses batch 0's buffer
      await expect(first.deferred!(Uint32Array.of(2))).rejects.toThrow(/internal: deferred Arrow IPC columns loaded after their batch was released/);
      await it.return(undefined);
    } finally {
      await source.close();
    }
  });

  it('a compressed body is read whole on load, with the same values', async () => {
    // The stand-in codec of arrow-ipc-projection.test.ts: an LZ4 frame header, then the bytes flipped.
    const header = [4, 34, 77, 24, 0x40, 0, 0];
    const encode = (d: Uint8Array): Uint8Array => Uint8Array.from([...header, ...d.map((b) => b ^ 0x5a)]);
    const decode = (d: Uint8Array): Uint8Array => d.subarray(header.length).map((b) => b ^ 0x5a);
    compressionRegistry.set(CompressionType.LZ4_FRAME, { encode, decode });
    try {
      const path = writeTemp(tempDir(), 'lz4.arrow', write('file', { compressionType: CompressionType.LZ4_FRAME }));
      const source = await ArrowIpcSource.open(path);
      try {
        let seed = 0;
        for await (const b of source.batches([0], () => undefined, undefined, { deferred: [1] })) {
          const kept = keptRows(b.numRows);
          const values = [...makeVector((await b.deferred!(kept))[0]!)];
          // Read whole: every row has its value, nulls as "".
          expect(kept.every((r) => values[r] === (commandLine(seed, r) ?? ''))).toBe(true);
          seed++;
        }
      } finally {
        await source.close();
      }
    } finally {
      compressionRegistry.set(CompressionType.LZ4_FRAME, {});
    }
  });

  it('openInputs: late string columns are left out of the batch and attached; others are read as usual', async () => {
    const path = writeTemp(tempDir(), 'late.arrow', write('file'));
    const inputs = await openInputs([{ path, table: 'DeviceFileEvents' }], {});
    const provider = inputs.tables.get('DeviceFileEvents')!;
    let seed = 0;
    for await (const b of provider.scan({ columns: ['ReportId', 'InitiatingProcessCommandLine', 'DeviceName'], lateColumns: ['InitiatingProcessCommandLine'] } satisfies LateScanOptions)) {
      expect(b.schema.fields.map((f) => f.name)).toEqual(['DeviceName', 'ReportId']);
      const deferred = deferredColumnsOf(b)!;
      expect(deferred.names).toEqual(['InitiatingProcessCommandLine']);
      const kept = keptRows(b.numRows);
      expect([...makeVector((await deferred.load(kept))[0]!)]).toEqual(expected(seed, b.numRows, kept, commandLine));
      seed++;
    }
    expect(seed).toBe(SIZES.length);
  });
});

describe('Arrow IPC transient batches (read into reused memory)', () => {
  it('are marked only when the scan copies what it keeps, and read the same values batch after batch', async () => {
    const path = writeTemp(tempDir(), 'transient.arrow', write('file'));
    const read = async (copies: boolean) => {
      const inputs = await openInputs([{ path, table: 'DeviceFileEvents' }], {});
      const out: { transient: boolean; names: string[]; ids: string[] }[] = [];
      const options: LateScanOptions = { columns: ['ReportId', 'InitiatingProcessCommandLine', 'DeviceName'], copiesTransientBatches: copies };
      for await (const b of inputs.tables.get('DeviceFileEvents')!.scan(options)) {
        // Copied out before the next batch is asked for, as the contract says.
        out.push({ transient: isTransientBatch(b), names: [...b.getChild('DeviceName')!].map(String), ids: [...b.getChild('ReportId')!].map(String) });
      }
      return out;
    };
    const fresh = await read(false);
    const reused = await read(true);
    expect(fresh.map((b) => b.transient)).toEqual([false, false, false]);
    expect(reused.map((b) => b.transient)).toEqual([true, true, true]);
    expect(reused.map((b) => [b.names, b.ids])).toEqual(fresh.map((b) => [b.names, b.ids]));
    expect(fresh[2]!.ids[0]).toBe('2000');
  });
});

describe('Arrow IPC transient batches with deferred columns', () => {
  it('loaded rows are right batch after batch, their offsets in reused memory', async () => {
    const path = writeTemp(tempDir(), 'transient-late.arrow', write('stream'));
    const inputs = await openInputs([{ path, table: 'DeviceFileEvents' }], {});
    const options: LateScanOptions = { columns: ['ReportId', 'InitiatingProcessCommandLine'], lateColumns: ['InitiatingProcessCommandLine'], copiesTransientBatches: true };
    let seed = 0;
    for await (const b of inputs.tables.get('DeviceFileEvents')!.scan(options)) {
      const kept = keptRows(b.numRows);
      const [cmd] = await deferredColumnsOf(b)!.load(kept);
      expect([...makeVector(cmd!)]).toEqual(expected(seed, b.numRows, kept, commandLine));
      seed++;
    }
    expect(seed).toBe(SIZES.length);
  });
});

describe('Arrow IPC lazy reading, decided per batch', () => {
  it('a batch read while keepsFewRows says false has every column, in fresh memory', async () => {
    const path = writeTemp(tempDir(), 'eager.arrow', write('file'));
    const inputs = await openInputs([{ path, table: 'DeviceFileEvents' }], {});
    let asked = 0;
    const options: LateScanOptions = {
      columns: ['ReportId', 'InitiatingProcessCommandLine'], lateColumns: ['InitiatingProcessCommandLine'], copiesTransientBatches: true,
      keepsFewRows: () => asked++ === 1, // only the second batch is read lazily
    };
    const seen: { transient: boolean; deferred: boolean; fields: string[] }[] = [];
    let seed = 0;
    for await (const b of inputs.tables.get('DeviceFileEvents')!.scan(options)) {
      seen.push({ transient: isTransientBatch(b), deferred: deferredColumnsOf(b) !== undefined, fields: b.schema.fields.map((f) => f.name) });
      const all = Uint32Array.from({ length: b.numRows }, (_, i) => i);
      const values = deferredColumnsOf(b) === undefined ? [...b.getChild('InitiatingProcessCommandLine')!] : [...makeVector((await deferredColumnsOf(b)!.load(all))[0]!)];
      expect(values).toEqual(expected(seed, b.numRows, all, commandLine));
      seed++;
    }
    expect(seen).toEqual([
      { transient: false, deferred: false, fields: ['InitiatingProcessCommandLine', 'ReportId'] },
      { transient: true, deferred: true, fields: ['ReportId'] },
      { transient: false, deferred: false, fields: ['InitiatingProcessCommandLine', 'ReportId'] },
    ]);
  });
});

describe('copyUtf8Rows', () => {
  const column = (values: (string | null)[]) => {
    const d = vectorFromArray(values, new Utf8()).data[0]!;
    return { length: d.length, validity: d.nullCount > 0 ? d.nullBitmap! : null, offsets: d.valueOffsets as Int32Array, data: d.values as Uint8Array };
  };

  it('copies the rows asked for; nulls and the other rows are ""', () => {
    const d = copyUtf8Rows(column(['a', null, 'ccc', 'Überweisung', '']), Uint32Array.of(1, 3, 4));
    expect(typeof d).not.toBe('string');
    expect([...makeVector(d as Data)]).toEqual(['', '', '', 'Überweisung', '']);
  });

  it('writes every offset into given memory, whatever it held', () => {
    const into = new Int32Array(9).fill(-7);
    const d = copyUtf8Rows(column(['ab', 'c', 'def', 'g']), Uint32Array.of(0, 2), into);
    expect([...makeVector(d as Data)]).toEqual(['ab', '', 'def', '']);
    expect([...into.subarray(0, 5)]).toEqual([0, 2, 2, 5, 5]);
  });

  it('an offset outside the data is reported, not read', () => {
    const c = column(['ab', 'cd']);
    c.data = c.data.subarray(0, 4);
    c.offsets = Int32Array.of(0, 2, 9);
    expect(copyUtf8Rows(c, Uint32Array.of(0))).not.toBeTypeOf('string');
    expect(copyUtf8Rows(c, Uint32Array.of(1))).toBe('a string offset lies outside its data');
  });
});
