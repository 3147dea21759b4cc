import { describe, expect, it } from 'vitest';
import {
  DateDay, Field, Int32, Schema, TimestampMicrosecond, TimestampNanosecond, Utf8, makeData, RecordBatch, Struct,
  tableToIPC, Table, makeVector,
} from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { parseIsoDatetime, formatDatetime } from '@kqlr/common';
import { readAll, tempDir, writeTemp } from '../../test-helpers.js';

// A DeviceFileEvents file as DuckDB/pandas/Spark write it: Arrow timestamps (no kql.type tags),
// a 32-bit FileSize, plain strings. Values must arrive exact in the catalog's types.
function foreignBatch(): RecordBatch {
  const ns = [
    BigInt('1715682151440981200'), // 2024-05-14T10:22:31.4409812Z in ns
    BigInt('1715682151440981299'), // sub-tick nanoseconds are truncated to the tick
  ];
  const fields = [
    new Field('Timestamp', new TimestampNanosecond('UTC'), true),
    new Field('InitiatingProcessCreationTime', new TimestampMicrosecond(), true),
    new Field('FileName', new Utf8(), true),
    new Field('FileSize', new Int32(), true),
    new Field('InitiatingProcessParentCreationTime', new DateDay(), true),
  ];
  const utf8 = (values: string[]) => {
    const bytes = new TextEncoder().encode(values.join(''));
    const offsets = new Int32Array(values.length + 1);
    values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + new TextEncoder().encode(v).length));
    return makeData({ type: new Utf8(), length: values.length, valueOffsets: offsets, data: bytes });
  };
  const children = [
    makeData({ type: new TimestampNanosecond('UTC'), length: 2, data: new BigInt64Array(ns) }),
    makeData({ type: new TimestampMicrosecond(), length: 2, nullCount: 1, nullBitmap: new Uint8Array([0b01]), data: new BigInt64Array([1715682151440981n, 0n]) }),
    utf8(['a.service', 'b.service']),
    makeData({ type: new Int32(), length: 2, data: new Int32Array([187, -1]) }),
    makeData({ type: new DateDay(), length: 2, data: new Int32Array([19857, 0]) }),
  ];
  return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 2, children }));
}

describe('columns written by other tools', () => {
  for (const format of ['arrow', 'parquet'] as const) {
    it(`converts Arrow timestamps, dates and narrower ints exactly (${format})`, async () => {
      const ipc = tableToIPC(new Table([foreignBatch()]), 'stream');
      const bytes = format === 'arrow' ? ipc : parquet.writeParquet(parquet.Table.fromIPCStream(ipc));
      const file = writeTemp(tempDir(), `foreign.${format}`, bytes);
      const { rows, set } = await readAll([{ path: file, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
      expect(rows.length).toBe(2);
      expect(formatDatetime(rows[0]!['Timestamp'] as bigint)).toBe('2024-05-14T10:22:31.4409812Z');
      expect(rows[1]!['Timestamp']).toBe(parseIsoDatetime('2024-05-14T10:22:31.4409812Z'));
      expect(formatDatetime(rows[0]!['InitiatingProcessCreationTime'] as bigint)).toBe('2024-05-14T10:22:31.4409810Z');
      expect(rows[1]!['InitiatingProcessCreationTime']).toBeNull();
      expect(rows[0]!['FileSize']).toBe(187n);
      expect(rows[1]!['FileSize']).toBe(-1n);
      expect(formatDatetime(rows[0]!['InitiatingProcessParentCreationTime'] as bigint)).toBe('2024-05-14T00:00:00.0000000Z');
      expect(set.timestampRange()?.max).toBe(parseIsoDatetime('2024-05-14T10:22:31.4409812Z'));
    });
  }
});

describe('conversions of a sliced column', () => {
  it('read the slice, not the start of the buffer', async () => {
    const { foreignConversion } = await import('./foreign-columns.js');
    const ints = makeData({ type: new Int32(), length: 5, nullCount: 1, nullBitmap: new Uint8Array([0b10111]), data: Int32Array.from([1, 2, 3, 4, 5]) }).slice(2, 3);
    const wide = foreignConversion(new Int32(), 'long')!(ints);
    expect([...makeVector(wide)]).toEqual([3n, null, 5n]);
    const ns = makeData({ type: new TimestampNanosecond('UTC'), length: 3, data: BigInt64Array.from([100n, 200n, 300n]) }).slice(1, 2);
    expect([...makeVector(foreignConversion(ns.type, 'datetime')!(ns))]).toEqual([2n, 3n]);
  });
});
