import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, openInputs, writeBatches } from '@kqlr/readers';
import { jsonLines, repoRoot, runCli } from '../cli/run-cli.js';

/**
 * Fuzz findings, kept as reproducers. A mutated Parquet file (reader fuzz, seed 99, case 81) made
 * parquet-wasm panic inside its stream's read-ahead: the panic is a WebAssembly trap thrown from a
 * `queueMicrotask` callback, uncaught, so it killed the process (exit 1, a wasm stack trace) and
 * the read never settled. Parquet is now decoded in worker threads; the trap ends the worker and
 * the reader reports an input error. These run the built binary, the way a user meets the bug.
 */
const finding = path.join(repoRoot, 'test/fuzz/findings/parquet-wasm-panic.parquet');
/**
 * Reader fuzz, seed 80827, case 31 (seed.arrow, a deleted line): an Arrow IPC stream whose schema
 * message decodes to a field type apache-arrow does not know. apache-arrow decodes a message's
 * header lazily, so the error came from outside the reader's metadata check, as a plain Error
 * (internal error, exit 3) instead of an InputError.
 */
const arrowFinding = path.join(repoRoot, 'test/fuzz/findings/arrow-corrupt-schema.arrow');
/**
 * Reader fuzz, seed 4242, case 389 (seed.arrow, two bit flips): a field's custom-metadata count of
 * 2,097,153 in a 9 KB schema message. flatbuffers reads past the buffer as zeros, so apache-arrow
 * looped two million times (1.3 s; a count near 2^32 would take tens of minutes) before the file
 * was rejected for another reason. Vector lengths are now checked against the buffer first.
 */
const arrowCountFinding = path.join(repoRoot, 'test/fuzz/findings/arrow-metadata-count.arrow');
/**
 * Reader fuzz, seed 123457, case 6020: a gzip Arrow IPC stream with a 1.1 M-character field
 * inserted, truncated: 5.8 KB that inflate to 1.26 MB, rejected only after ~12 s inside
 * apache-arrow's async stream reader (gzip Arrow is now decompressed first; see SECURITY.md).
 */
const arrowGzipSlowFinding = path.join(repoRoot, 'test/fuzz/findings/arrow-gzip-slow.arrow.gz');
/** Reader fuzz, seed 6061: an offset in the schema message pointing far outside it; apache-arrow hung (killed after minutes). */
const arrowOffsetFinding = path.join(repoRoot, 'test/fuzz/findings/arrow-metadata-offset.arrow');
/**
 * Reader fuzz, seed 20261127: a flipped type id made FileName, tagged `kql.type` string, a
 * dictionary of LargeList without children; apache-arrow threw a TypeError building the batch.
 */
const arrowTaggedListFinding = path.join(repoRoot, 'test/fuzz/findings/arrow-tagged-list-as-string.arrow');
/** Reader fuzz, seed 20261127: a dictionary batch claiming 2^40 + 1 values (apache-arrow: RangeError sizing its memo). */
const arrowDictionaryLengthFinding = path.join(repoRoot, 'test/fuzz/findings/arrow-dictionary-length.arrow.gz');
let dir = '';
let valid = '';

/** Opens `spec` and scans every table it feeds; the error that stopped it, or undefined. */
async function readError(spec: Parameters<typeof openInputs>[0][number]): Promise<unknown> {
  try {
    const set = await openInputs([spec]);
    for (const t of set.tables.values()) for await (const b of t.scan()) expect(b.numRows).toBeGreaterThanOrEqual(0);
    return undefined;
  } catch (e) {
    return e;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kqlr-findings-'));
  const set = await openInputs([{ path: path.join(repoRoot, 'datasets/demo/defender-streaming.jsonl') }]);
  valid = path.join(dir, 'DeviceFileEvents.parquet');
  await writeBatches(set.tables.get('DeviceFileEvents')!.scan(), valid, 'parquet');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let queries = 0;
function rule(text: string): string {
  const p = path.join(dir, `q${queries++}.kql`);
  writeFileSync(p, `${text}\n`);
  return p;
}

function expectCleanInputError(stderr: string): void {
  // One `kqlr:` line naming the file and where in it; no stack trace, no wasm frames.
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines.some((l) => l.startsWith(`kqlr: ${finding}: corrupt Parquet data in row group 1 of 1`))).toBe(true);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('wasm://');
}

describe('fuzz findings', () => {
  it('a Parquet file that makes parquet-wasm panic is an input error (exit 2), not a crash', async () => {
    // `take` reads every column, among them the corrupt one (a `count` reads Timestamp only).
    const r = await runCli(['run', rule('DeviceProcessEvents | take 3'), '--data', finding, '--output', 'jsonl']);
    expect(r.code).toBe(2);
    expectCleanInputError(r.stderr);
  });

  it('the same file beside a valid one: the valid table is still read in the same run', async () => {
    const q = rule('DeviceFileEvents | count');
    const both = await runCli(['run', q, '--data', finding, '--data', valid, '--output', 'jsonl']);
    const alone = await runCli(['run', q, '--data', valid, '--output', 'jsonl']);
    expect(alone.code).toBe(0);
    expect(both.code).toBe(0);
    expect(jsonLines(both.stdout)).toEqual(jsonLines(alone.stdout));
    expect(Number(jsonLines(alone.stdout)[0]!['Count'])).toBeGreaterThan(0);
  });

  it('a union that reads the corrupt file fails cleanly after the valid file was read', async () => {
    const r = await runCli(['run', rule('union DeviceFileEvents, DeviceProcessEvents | take 1000'), '--data', valid, '--data', finding, '--output', 'jsonl']);
    expect(r.code).toBe(2);
    expectCleanInputError(r.stderr);
  });

  it('an Arrow IPC stream with a corrupt schema message is an InputError naming the file', async () => {
    for (const spec of [{ path: arrowFinding }, { path: arrowFinding, table: 'DeviceProcessEvents' }]) {
      const err = await readError(spec);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message.startsWith(`${arrowFinding}: `)).toBe(true);
    }
  });

  it('an Arrow IPC column whose layout cannot hold its kql.type is an InputError naming the column', async () => {
    const err = await readError({ path: arrowTaggedListFinding });
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${arrowTaggedListFinding}: column FileName has Arrow type Dictionary in the file, which cannot hold string values`);
  });

  it('an Arrow IPC dictionary longer than its offsets is an InputError, not a RangeError', async () => {
    const err = await readError({ path: arrowDictionaryLengthFinding });
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${arrowDictionaryLengthFinding}: corrupt Arrow IPC data at byte 14904 (dictionary 42 claims 1099511627777 values, its offsets hold 1)`);
  });

  it('an Arrow IPC vector length larger than its metadata is rejected before decoding', async () => {
    const err = await openInputs([{ path: arrowCountFinding }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${arrowCountFinding}: corrupt Arrow IPC metadata at byte 0 (field metadata claims 2097153 entries, more than its 9416-byte metadata holds)`);
  });

  it('an Arrow IPC offset outside its metadata is rejected at once, not decoded (it hung)', async () => {
    const t = performance.now();
    const err = await openInputs([{ path: arrowOffsetFinding }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const message = (err as InputError).message;
    expect(message.startsWith(`${arrowOffsetFinding}: corrupt Arrow IPC metadata at byte 0 (metadata range `)).toBe(true);
    expect(message.endsWith(' is outside its 9416 bytes)')).toBe(true);
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('a corrupt gzip Arrow IPC stream is rejected in linear time (it took ~12 s for 1.26 MB in apache-arrow\'s stream reader)', async () => {
    const t = performance.now();
    const err = await readError({ path: arrowGzipSlowFinding });
    expect(err).toBeInstanceOf(InputError);
    // How many bytes were inflated before the stream ended depends on zlib's chunking (1 MiB or all 1.26 MB).
    expect((err as InputError).message.startsWith(`${arrowGzipSlowFinding}: truncated gzip file (compressed stream ends early after `)).toBe(true);
    expect((err as InputError).message).toMatch(/ after \d+ decompressed bytes\)$/);
    expect(performance.now() - t).toBeLessThan(2_000);
  });
});
