import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { openInputs, writeBatches } from '@kqlr/readers';
import { repoRoot } from '../cli/run-cli.js';
import { readEverything, rowsOfTable } from './read-everything.js';
import { fcParams, fuzzBudget, noteCurrentCase, propTimeout, reportCases, timedTwiceIfSlow } from './fuzz-budget.js';

/**
 * Mutated Parquet files (the reader fuzz mutates every format; this one only Parquet, where a
 * decoder panic used to kill the process). Half the byte edits land in the footer (the Thrift
 * metadata), half anywhere (pages). Acceptable outcomes as in the reader fuzz: rows or an
 * InputError, the same for every batch size, within a time bound; and after all cases, a valid
 * file still reads in full in the same process.
 */
type Edit = { kind: 'flip'; footer: boolean; at: number; bit: number } | { kind: 'set'; footer: boolean; at: number; value: number; length: number } | { kind: 'truncate'; at: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), footer: fc.boolean(), at: fc.nat(), bit: fc.nat({ max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), footer: fc.boolean(), at: fc.nat(), value: fc.constantFrom(0x00, 0xff, 0x7f, 0x80), length: fc.integer({ min: 1, max: 8 }) }) },
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyEdits(input: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let b = Uint8Array.from(input);
  const footerLength = new DataView(input.buffer, input.byteOffset).getUint32(input.length - 8, true);
  const footerStart = input.length - 8 - footerLength;
  for (const e of edits) {
    if (b.length === 0) break;
    if (e.kind === 'truncate') {
      b = b.slice(0, e.at % b.length);
      continue;
    }
    // Footer positions are taken in the original layout; past a truncation they wrap into what is left.
    const at = (e.footer ? footerStart + (e.at % (footerLength + 8)) : e.at) % b.length;
    if (e.kind === 'flip') b[at]! ^= 1 << e.bit;
    else b.fill(e.value, at, Math.min(b.length, at + e.length));
  }
  return b;
}

const CASE_MS = 15_000;
let dir = '';
let seed: Uint8Array = new Uint8Array();
let valid = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kqlr-fuzz-parquet-'));
  const set = await openInputs([{ path: path.join(repoRoot, 'datasets/demo/defender-streaming.jsonl') }]);
  const p = path.join(dir, 'seed.parquet');
  await writeBatches(set.tables.get('DeviceProcessEvents')!.scan(), p, 'parquet');
  seed = readFileSync(p);
  valid = p;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Parquet fuzz', () => {
  const budget = fuzzBudget(30);
  let cases = 0;
  let errors = 0;

  test.prop([fc.array(editArb, { minLength: 1, maxLength: 4 })], fcParams(budget))(
    'mutated Parquet files: rows or InputError, the same for every batch size',
    async (edits) => {
      cases++;
      const bytes = applyEdits(seed, edits);
      noteCurrentCase(bytes);
      const file = path.join(dir, `case-${cases}.parquet`);
      writeFileSync(file, bytes);
      let small = '';
      let large = '';
      const elapsed = await timedTwiceIfSlow(CASE_MS, async () => {
        small = await readEverything(file, 7, 'DeviceProcessEvents');
        large = await readEverything(file, 16384, 'DeviceProcessEvents');
      });
      expect(elapsed).toBeLessThan(CASE_MS);
      expect(small).toBe(large);
      if (small.startsWith('InputError ')) {
        errors++;
        expect(small.startsWith(`InputError ${file}`)).toBe(true);
      }
      rmSync(file);
    },
    propTimeout(budget),
  );

  test('after every case, a valid file reads in full', async () => {
    const r = await readEverything(valid, 16384, 'DeviceProcessEvents');
    expect(r).not.toMatch(/^InputError/);
    // The seed was written from the demo export's DeviceProcessEvents: the same rows, in order.
    const expected = await rowsOfTable(path.join(repoRoot, 'datasets/demo/defender-streaming.jsonl'), 'DeviceProcessEvents');
    expect(expected.length).toBeGreaterThan(0);
    expect(r.split('\n')).toEqual(['table DeviceProcessEvents', ...expected]);
  });

  test('cases tried', () => {
    reportCases('parquet', cases, { inputErrors: errors });
    expect(cases).toBeGreaterThan(0);
  });
});
