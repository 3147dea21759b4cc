import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInputs } from '@kqlr/readers';
import { lineBlocks } from '../../packages/readers/src/io/line-splitter.js';
import { csvRecords } from '../../packages/readers/src/formats/csv/csv-parser.js';
import { MAX_RECORD_CHARS, RecordTooLongError } from '../../packages/readers/src/io/record-limit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kqlr-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const block of it) out.push(...block);
  return out;
}

const streamingRecord = (commandLine: string): string =>
  JSON.stringify({
    time: '2025-06-10T16:02:21.7534986Z',
    category: 'AdvancedHunting-DeviceProcessEvents',
    properties: { Timestamp: '2025-06-10T16:02:21.7534986Z', DeviceName: 'h', ActionType: 'ProcessCreated', ProcessCommandLine: commandLine },
  });

describe('reader limits', () => {
  it('the record size limit is 256 Mi characters', () => {
    expect(MAX_RECORD_CHARS).toBe(256 * 1024 * 1024);
  });

  it('reads a single 100 MB JSON line, streaming, in linear time', async () => {
    const big = 'A'.repeat(100 * 1024 * 1024);
    const file = path.join(dir, 'big-line.jsonl');
    writeFileSync(file, [streamingRecord('small'), streamingRecord(big), streamingRecord('after')].join('\n') + '\n');
    const t = performance.now();
    const set = await openInputs([{ path: file }]);
    const lengths: number[] = [];
    for await (const b of set.tables.get('DeviceProcessEvents')!.scan({ columns: ['ProcessCommandLine'] })) {
      for (const r of b.toArray()) lengths.push((r.toJSON()['ProcessCommandLine'] as string).length);
    }
    // Stated bound: 100 MB in well under a minute on the shared 2-core machine (quadratic took 59 s).
    expect(performance.now() - t).toBeLessThan(30_000);
    expect(lengths).toEqual([5, big.length, 5]);
  }, 60_000);

  it('splits a long line arriving in many chunks exactly like one piece, with the right line numbers', async () => {
    const text = 'a\r\n' + 'x'.repeat(50_000) + '\r\n\nlast';
    const blocks = [];
    for await (const b of lineBlocks(chunked(text, 7))) blocks.push(b);
    expect(blocks.flatMap((b) => b.lines)).toEqual(['a', 'x'.repeat(50_000), '', 'last']);
    expect(blocks.map((b) => b.firstLine)).toEqual(blocks.map((_, i) => 1 + blocks.slice(0, i).reduce((s, b) => s + b.lines.length, 0)));
  });

  it('stops a line longer than the limit with an error naming the line and the limit', async () => {
    const run = async (): Promise<void> => {
      for await (const _ of lineBlocks(chunked('ok\n' + 'y'.repeat(5000) + '\nz', 100), 1000)) void _;
    };
    await expect(run()).rejects.toThrow(RecordTooLongError);
    await expect(run()).rejects.toMatchObject({ line: 2, limit: 1000, message: expect.stringContaining('longer than 1000 characters') });
  });

  it('reads a CSV field of a million escaped quotes', async () => {
    const field = '"' + '""'.repeat(1_000_000) + '"';
    const t = performance.now();
    const records = await collect(csvRecords(chunked(`a,b\n1,${field}\n2,x\n`, 1 << 16)));
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(records.map((r) => r.fields[1]!.length)).toEqual([1, 1_000_000, 1]);
    expect(records[1]!.fields[1]).toBe('"'.repeat(1_000_000));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('reads a field opened by a quote and followed by a million quotes (odd: closed; even: unterminated)', async () => {
    const t = performance.now();
    // An opening quote plus 999,999 quotes: 499,999 escaped pairs and a closing quote.
    const closed = await collect(csvRecords(chunked(`a,b\n1,"${'"'.repeat(999_999)}\n2,x\n`, 1 << 16)));
    expect(closed.map((r) => [r.fields[1]!.length, r.error])).toEqual([[1, undefined], [499_999, undefined], [1, undefined]]);
    // One more quote: the field never closes, the rest of the file is its text, reported as malformed.
    const open = await collect(csvRecords(chunked(`a,b\n1,"${'"'.repeat(1_000_000)}\n2,x\n`, 1 << 16)));
    expect(open.map((r) => r.error)).toEqual([undefined, 'unterminated quoted field (missing closing ")']);
    // Linear: each span between quotes is scanned once (counting line breaks in it included).
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('parses a 20 MB quoted CSV field cut into 64 KiB chunks without re-scanning it per chunk', async () => {
    const big = 'q,'.repeat(10 * 1024 * 1024);
    const t = performance.now();
    const records = await collect(csvRecords(chunked(`a,b\n1,"${big}"\n2,x\n`, 1 << 16)));
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(records.map((r) => r.fields[1]!.length)).toEqual([1, big.length, 1]);
  });

  it('stops a CSV record longer than the limit (an unterminated quote) with an error naming its line', async () => {
    const run = async (): Promise<void> => {
      for await (const _ of csvRecords(chunked(`a,b\n1,x\n2,"${'z'.repeat(10_000)}`, 500), 2000)) void _;
    };
    await expect(run()).rejects.toMatchObject({ name: 'RecordTooLongError', line: 3, limit: 2000 });
  });
});
