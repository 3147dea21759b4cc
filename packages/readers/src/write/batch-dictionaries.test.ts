import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, makeData, makeVector, MessageReader, Utf8, vectorFromArray, type Data, type Schema } from 'apache-arrow';
import type { DictionaryBatch } from 'apache-arrow/ipc/metadata/message';
import { openInputs } from '../open-inputs.js';
import { readAll, tempDir, writeTemp } from '../test-helpers.js';
import { BatchDictionaryEncoder } from './batch-dictionaries.js';
import { writeBatches } from './write-table.js';

const dictType = () => new Dictionary(new Utf8(), new Int32(), 7);

function dictColumn(values: string[], codes: number[], valid?: boolean[]): Data<Dictionary> {
  const nullCount = valid === undefined ? 0 : valid.filter((v) => !v).length;
  const nullBitmap = valid === undefined ? undefined : Uint8Array.from({ length: (codes.length + 7) >> 3 }, (_, b) => valid.slice(8 * b, 8 * b + 8).reduce((m, v, i) => m | (v ? 1 << i : 0), 0));
  return makeData({ type: dictType(), length: codes.length, nullCount, nullBitmap, data: Int32Array.from(codes), dictionary: makeVector(vectorFromArray(values, new Utf8()).data[0]!) });
}

describe('BatchDictionaryEncoder', () => {
  it('keeps only the values the rows use, numbered by first use; the rows read the same', () => {
    const column = dictColumn(['a', 'b', 'c', 'd', 'é'], [3, 1, 3, 4, 1, 3]);
    const local = new BatchDictionaryEncoder().localize(column);
    expect(local.dictionary!.toArray()).toEqual(['d', 'b', 'é']);
    expect([...(local.values as Int32Array)]).toEqual([0, 1, 0, 2, 1, 0]);
    expect(makeVector(local).toArray()).toEqual(makeVector(column).toArray());
    expect(local.type.id).toBe(7);
  });

  it('nulls stay null and add nothing to the dictionary', () => {
    const column = dictColumn(['x', 'y', 'z'], [2, 0, 1, 2], [true, false, true, true]);
    const local = new BatchDictionaryEncoder().localize(column);
    expect(makeVector(local).toArray()).toEqual(['z', null, 'y', 'z']);
    expect(local.dictionary!.toArray()).toEqual(['z', 'y']);
  });

  it('batch after batch, each dictionary holds its own batch\'s values only (the scratch is reset)', () => {
    const encoder = new BatchDictionaryEncoder();
    const values = ['p', 'q', 'r', 's'];
    expect(encoder.localize(dictColumn(values, [0, 1])).dictionary!.toArray()).toEqual(['p', 'q']);
    expect(encoder.localize(dictColumn(values, [3, 1, 3])).dictionary!.toArray()).toEqual(['s', 'q']);
  });

  it('a dictionary in several chunks (delta dictionaries read back) gives the same values', () => {
    const chunked = makeVector(vectorFromArray(['a', 'b'], new Utf8()).data[0]!).concat(makeVector(vectorFromArray(['c', 'd'], new Utf8()).data[0]!));
    const column = makeData({ type: dictType(), length: 3, nullCount: 0, data: Int32Array.of(3, 0, 3), dictionary: chunked });
    const local = new BatchDictionaryEncoder().localize(column);
    expect(makeVector(local).toArray()).toEqual(['d', 'a', 'd']);
    expect(local.dictionary!.toArray()).toEqual(['d', 'a']);
  });

  it('decodes to plain strings, nulls kept or made ""', () => {
    const column = dictColumn(['x', 'yy', 'zzz'], [2, 0, 1, 2], [true, false, true, true]);
    const encoder = new BatchDictionaryEncoder();
    expect(makeVector(encoder.decode(column, true)!).toArray()).toEqual(['zzz', null, 'yy', 'zzz']);
    expect(makeVector(encoder.decode(column, false)!).toArray()).toEqual(['zzz', '', 'yy', 'zzz']);
  });

  it('encodes plain strings (nulls as "")', () => {
    const local = new BatchDictionaryEncoder().encode(vectorFromArray(['u', null, 'u', 'v'], new Utf8()).data[0]!, dictType());
    expect(makeVector(local).toArray()).toEqual(['u', '', 'u', 'v']);
    expect(local.dictionary!.toArray()).toEqual(['u', '', 'v']);
  });
});

describe('written Arrow IPC: a dictionary per batch', () => {
  const line = (i: number) => JSON.stringify({
    Timestamp: `2024-05-14T10:00:${String(i % 60).padStart(2, '0')}Z`, DeviceName: `host-${i % 3}`, ActionType: 'FileCreated',
    FileName: `f${i}.service`, FolderPath: `/etc/systemd/system/f${i}.service`,
  });

  it('each batch carries only its own values (the file grows with its rows, not their square) and reads back equal', async () => {
    const dir = tempDir();
    const rows = 400;
    const input = writeTemp(dir, 'DeviceFileEvents.json', Array.from({ length: rows }, (_, i) => line(i)).join('\n'));
    const set = await openInputs([{ path: input, table: 'DeviceFileEvents' }], { batchSize: 50 });
    const out = join(dir, 'DeviceFileEvents.arrow');
    await writeBatches(set.tables.get('DeviceFileEvents')!.scan(), out, 'arrow');
    // Every dictionary message of FolderPath (unique per row) holds one batch's 50 values; before,
    // the k-th held 50 k (the readers' dictionary so far), 1,800 in all for 8 batches.
    const messages = [];
    const reader = new MessageReader(readFileSync(out));
    for (let r = reader.next(); r.done !== true; r = reader.next()) {
      messages.push(r.value);
      if (r.value.bodyLength > 0) reader.readMessageBody(r.value.bodyLength);
    }
    const schema = messages.find((m) => m.isSchema())!.header() as Schema;
    const folderPathId = (schema.fields.find((f) => f.name === 'FolderPath')!.type as Dictionary).id;
    const sizes = messages.filter((m) => m.isDictionaryBatch() && m.header().id === folderPathId).map((m) => (m.header() as DictionaryBatch).data.length);
    expect(sizes).toEqual(Array.from({ length: rows / 50 }, () => 50));
    const back = await readAll([{ path: out, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
    const original = await readAll([{ path: input, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
    expect(back.rows).toEqual(original.rows);
    expect(back.rows[399]!['FolderPath']).toBe('/etc/systemd/system/f399.service');
  });
});
