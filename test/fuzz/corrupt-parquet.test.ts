import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, openInputs, writeBatches } from '@kqlr/readers';
import { repoRoot } from '../cli/run-cli.js';

/**
 * Damaged Parquet files: each is an InputError naming the file (and the row group once data is
 * being decoded), never a crash; and a valid file read afterwards, in the same process, still
 * gives all its rows (a decoder that panicked is not reused).
 */
const SOURCE = path.join(repoRoot, 'datasets/demo/defender-streaming.jsonl');
const FINDING = path.join(repoRoot, 'test/fuzz/findings/parquet-wasm-panic.parquet');
let dir = '';
let good = '';
let bytes: Uint8Array = new Uint8Array();
let expectedRows: string[] = [];

const rowsOf = async (file: string, table: string, batchSize = 1000, format?: 'parquet'): Promise<string[]> => {
  const set = await openInputs([format === undefined ? { path: file, table } : { path: file, table, format }], { batchSize });
  const rows: string[] = [];
  for await (const b of set.tables.get(table)!.scan()) for (const r of b.toArray()) rows.push(JSON.stringify(r.toJSON(), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  return rows;
};

/** The InputError reading `file` as DeviceProcessEvents, or a failure if it read without one. */
async function inputErrorOf(file: string, batchSize = 1000, format?: 'parquet'): Promise<InputError> {
  const err = await rowsOf(file, 'DeviceProcessEvents', batchSize, format).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

function damaged(name: string, edit: (b: Uint8Array) => Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, edit(Uint8Array.from(bytes)));
  return p;
}

/** Offsets of the ZSTD frame magic (28 b5 2f fd): where compressed pages begin (the writer uses ZSTD). */
function zstdFrames(b: Uint8Array): number[] {
  const at: number[] = [];
  for (let i = 4; i + 4 < b.length; i++) if (b[i] === 0x28 && b[i + 1] === 0xb5 && b[i + 2] === 0x2f && b[i + 3] === 0xfd) at.push(i);
  return at;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kqlr-corrupt-parquet-'));
  const set = await openInputs([{ path: SOURCE }]);
  const pq = path.join(dir, 'DeviceProcessEvents.parquet');
  await writeBatches(set.tables.get('DeviceProcessEvents')!.scan(), pq, 'parquet');
  bytes = readFileSync(pq);
  good = path.join(dir, 'DeviceFileEvents.parquet');
  await writeBatches(set.tables.get('DeviceFileEvents')!.scan(), good, 'parquet');
  expectedRows = await rowsOf(SOURCE, 'DeviceFileEvents');
  expect(expectedRows.length).toBeGreaterThan(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('corrupt Parquet files', () => {
  it('the valid file reads back the rows it was written from', async () => {
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });

  it('the fuzz finding (a parquet-wasm panic) names the file and the row group', async () => {
    for (const batchSize of [1, 16384]) {
      const err = await inputErrorOf(FINDING, batchSize);
      expect(err.message).toMatch(/^.*parquet-wasm-panic\.parquet: corrupt Parquet data in row group 1 of 1 \(rows 1-4\): the decoder \(parquet-wasm\) crashed \(RuntimeError: unreachable\)$/);
      expect(err.file).toBe(FINDING);
      expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
    }
  });

  it('a zero-length file, detected or forced to Parquet', async () => {
    const file = damaged('empty.parquet', () => new Uint8Array());
    expect((await inputErrorOf(file)).message).toBe(`${file}: empty file (no records)`);
    expect((await inputErrorOf(file, 1000, 'parquet')).message).toBe(`${file}: not a readable Parquet file (the file is empty)`);
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });

  it('a file cut inside its footer (no trailing magic)', async () => {
    const file = damaged('cut.parquet', (b) => b.subarray(0, b.length - 20));
    const err = await inputErrorOf(file);
    expect(err.message).toMatch(/cut\.parquet: not a readable Parquet file \(it does not end with the magic bytes PAR1/);
    expect(err.offset).toBe(bytes.length - 20 - 4);
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });

  it('a footer length larger than the file', async () => {
    const file = damaged('footer-length.parquet', (b) => {
      new DataView(b.buffer, b.byteOffset).setUint32(b.length - 8, b.length, true);
      return b;
    });
    const err = await inputErrorOf(file);
    expect(err.message).toContain(`footer-length.parquet: not a readable Parquet file (its footer claims ${bytes.length} bytes but the file has ${bytes.length}`);
  });

  it('bytes overwritten inside the footer', async () => {
    const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
    const footerStart = bytes.length - 8 - footerLength;
    // The first 16 bytes of the Thrift-encoded metadata (its version and the start of the schema).
    const file = damaged('footer-bytes.parquet', (b) => {
      b.fill(0xff, footerStart, footerStart + 16);
      return b;
    });
    const err = await inputErrorOf(file);
    expect(err.message.startsWith(`${file}: `)).toBe(true);
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });

  it('a compressed data page with a broken frame', async () => {
    const frames = zstdFrames(bytes);
    // Dictionary and data pages of every column chunk are ZSTD frames.
    expect(frames.length).toBeGreaterThan(10);
    const at = frames[Math.floor(frames.length / 2)]!;
    const file = damaged('page.parquet', (b) => {
      b.fill(0x00, at, at + 8);
      return b;
    });
    const err = await inputErrorOf(file);
    expect(err.message.startsWith(`${file}: corrupt Parquet data in row group 1 of 1 (rows 1-`)).toBe(true);
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });

  it('a text file with Parquet magic at both ends', async () => {
    const file = path.join(dir, 'fake.parquet');
    writeFileSync(file, 'PAR1 not really parquet at all \x10\x00\x00\x00PAR1');
    const err = await inputErrorOf(file);
    expect(err.message.startsWith(`${file}: not a readable Parquet file (`)).toBe(true);
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });

  it('a scan stopped early leaves the decoder usable for the next file', async () => {
    const set = await openInputs([{ path: good }], { batchSize: 5 });
    for await (const b of set.tables.get('DeviceFileEvents')!.scan()) {
      expect(b.numRows).toBe(5);
      break;
    }
    expect(await rowsOf(good, 'DeviceFileEvents')).toEqual(expectedRows);
  });
});
