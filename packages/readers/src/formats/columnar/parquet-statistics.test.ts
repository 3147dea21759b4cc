import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeVector, Table, tableToIPC, TimestampNanosecond, Utf8, vectorFromArray, type RecordBatch } from 'apache-arrow';
import { formatDatetime, parseIsoDatetime, type BatchStatisticsLookup } from '@kqlr/common';
import { loadParquetWasm } from '../../io/parquet-module.js';
import { openInputs } from '../../open-inputs.js';
import { tempDir, writeTemp } from '../../test-helpers.js';
import { writeBatches } from '../../write/write-table.js';
import { rowGroupRanges } from './parquet-statistics.js';

const HOUR = 36_000_000_000n;
const T0 = parseIsoDatetime('2024-05-14T00:00:00Z')!;
const ROWS_PER_HOUR = 300;
/** Ticks (100 ns since 0001-01-01) at the Unix epoch. */
const EPOCH_TICKS = parseIsoDatetime('1970-01-01T00:00:00Z')!;

/** Three hours of rows, one row group per hour (kqlr's Parquet writer, 300-row row groups). */
async function parquetFile(): Promise<string> {
  const dir = tempDir();
  const lines: string[] = [];
  for (let h = 0; h < 3; h++) {
    for (let i = 0; i < ROWS_PER_HOUR; i++) {
      lines.push(JSON.stringify({ Timestamp: formatDatetime(T0 + BigInt(h) * HOUR + BigInt(i) * 10_000_000n), FileName: `h${h}-${i}.service`, FileSize: i }));
    }
  }
  const input = writeTemp(dir, 'DeviceFileEvents.json', lines.join('\n'));
  const set = await openInputs([{ path: input, table: 'DeviceFileEvents' }], { batchSize: 100 });
  const out = join(dir, 'DeviceFileEvents.parquet');
  await writeBatches(set.tables.get('DeviceFileEvents')!.scan(), out, 'parquet', undefined, ROWS_PER_HOUR);
  return out;
}

/** The file's footer (FileMetaData): the bytes before its length and trailing magic. */
function footerOf(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const length = bytes.readUInt32LE(bytes.length - 8);
  return bytes.subarray(bytes.length - 8 - length, bytes.length - 8);
}

async function scan(path: string, skipBatch?: (s: BatchStatisticsLookup) => boolean) {
  const set = await openInputs([{ path, table: 'DeviceFileEvents' }]);
  const names: string[] = [];
  const options = { columns: ['Timestamp', 'FileName'], ...(skipBatch ? { skipBatch } : {}) };
  for await (const b of set.tables.get('DeviceFileEvents')!.scan(options) as AsyncIterable<RecordBatch>) names.push(...(b.getChild('FileName')!.toArray() as string[]));
  return { names, events: set.eventCount('DeviceFileEvents'), range: set.timestampRange() };
}

describe('Parquet row-group statistics (footer, Thrift compact)', () => {
  it('gives each row group its rows and its Timestamp min/max (the column\'s raw int64, here ticks), null count 0', async () => {
    const path = await parquetFile();
    const ranges = rowGroupRanges(footerOf(path), 'Timestamp');
    expect(ranges).toEqual([0n, 1n, 2n].map((h) => ({
      rows: ROWS_PER_HOUR, min: T0 + h * HOUR, max: T0 + h * HOUR + BigInt(ROWS_PER_HOUR - 1) * 10_000_000n, nullCount: 0,
    })));
    // A string column has no INT64 bounds: no ranges (the reader then reads every row group).
    expect(rowGroupRanges(footerOf(path), 'FileName')).toBeNull();
    expect(rowGroupRanges(footerOf(path), 'NoSuchColumn')).toBeNull();
  });

  it('a footer cut short or scrambled is "no statistics", not an exception', async () => {
    const footer = footerOf(await parquetFile());
    expect(rowGroupRanges(footer.subarray(0, footer.length >> 1), 'Timestamp')).toBeNull();
    // Every byte set to 0xff in turn: whatever it decodes to, no exception and no runaway allocation.
    for (let i = 0; i < footer.length; i += 7) {
      const scrambled = Uint8Array.from(footer);
      scrambled[i] = 0xff;
      expect(() => rowGroupRanges(scrambled, 'Timestamp')).not.toThrow();
    }
  });

  it('row groups the filters cannot match are not decoded; their rows still count, their Timestamps span the range', async () => {
    const path = await parquetFile();
    const all = await scan(path);
    const seen: unknown[] = [];
    // As a `Timestamp >= T0 + 2h` filter decides from min/max: only the last hour can match.
    const last = await scan(path, (lookup) => {
      const ts = lookup('Timestamp');
      seen.push(ts?.max);
      return ts?.max !== undefined && (ts.max as bigint) < T0 + 2n * HOUR;
    });
    expect(all.names).toHaveLength(3 * ROWS_PER_HOUR);
    expect(last.names).toEqual(all.names.slice(2 * ROWS_PER_HOUR));
    expect(seen).toEqual([0n, 1n, 2n].map((h) => T0 + h * HOUR + BigInt(ROWS_PER_HOUR - 1) * 10_000_000n));
    expect(last.events).toBe(all.events);
    expect(last.range).toEqual(all.range);
  });

  it('another tool\'s TIMESTAMP(NANOS) bounds are converted to ticks as its values are (nanoseconds / 100)', async () => {
    const pq = await loadParquetWasm();
    const ns = (h: number, i: number) => (T0 - EPOCH_TICKS + BigInt(h) * HOUR + BigInt(i) * 10_000_000n) * 100n;
    const rows = Array.from({ length: 3 * ROWS_PER_HOUR }, (_, k) => ({ h: Math.floor(k / ROWS_PER_HOUR), i: k % ROWS_PER_HOUR }));
    const table = new Table({
      Timestamp: makeVector({ type: new TimestampNanosecond(), data: BigInt64Array.from(rows, (r) => ns(r.h, r.i)) } as never),
      FileName: vectorFromArray(rows.map((r) => `h${r.h}-${r.i}.service`), new Utf8()),
    });
    const props = new pq.WriterPropertiesBuilder().setMaxRowGroupSize(ROWS_PER_HOUR).setStatisticsEnabled(pq.EnabledStatistics.Page).build();
    const path = writeTemp(tempDir(), 'DeviceFileEvents.parquet', pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props));
    expect(rowGroupRanges(footerOf(path), 'Timestamp')![1]!.min).toBe(ns(1, 0));
    const all = await scan(path);
    const last = await scan(path, (lookup) => (lookup('Timestamp')?.max as bigint) < T0 + 2n * HOUR);
    expect(all.names).toHaveLength(3 * ROWS_PER_HOUR);
    expect(last.names).toEqual(all.names.slice(2 * ROWS_PER_HOUR));
    expect(last.range).toEqual(all.range);
    expect(all.range!.min).toBe(T0);
  });
});
