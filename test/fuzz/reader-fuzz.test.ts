import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { byteMutationArb, mutateBytes } from './byte-mutations.js';
import { fcParams, fuzzBudget, noteCurrentCase, propTimeout, reportCases, timedTwiceIfSlow } from './fuzz-budget.js';
import { readerSeeds, type ReaderSeed } from './reader-seeds.js';
import { readEverything } from './read-everything.js';
import { expandedSize } from './expanded-size.js';

/**
 * Mutated input files of every format through the readers. Acceptable outcomes: rows, malformed
 * records reported, or an InputError; never another exception, never a slow case, and the same
 * rows, malformed records and error whatever the batch size.
 */
let seeds: ReaderSeed[] = [];
let dir = '';
/** Time bound of a case (two reads): 15 s, plus 0.4 s per MB the readers see after gunzip. */
const CASE_MS = 15_000;
const MS_PER_MB = 400;

beforeAll(async () => {
  seeds = await readerSeeds();
  dir = mkdtempSync(join(tmpdir(), 'kqlr-fuzz-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reader fuzz', () => {
  const budget = fuzzBudget(40);
  let cases = 0;
  let n = 0;

  test('seeds of every format read cleanly', async () => {
    expect(seeds.map((s) => s.name)).toContain('seed.parquet');
    for (const s of seeds) {
      const p = join(dir, `seed-${s.name}`);
      writeFileSync(p, s.bytes);
      const r = await readEverything(p, 1000, s.table);
      expect(r, s.name).not.toMatch(/^InputError/m);
      expect(r, s.name).toMatch(/^table /m);
    }
  });

  test.prop([fc.nat(), fc.array(byteMutationArb, { minLength: 1, maxLength: 3 })], fcParams(budget))(
    'mutated files: rows, malformed records or InputError, the same for every batch size',
    async (k, mutations) => {
      cases++;
      const seed = seeds[k % seeds.length]!;
      const path = join(dir, `case-${n++}-${seed.name}`);
      const bytes = mutateBytes(seed.bytes, mutations);
      noteCurrentCase(bytes);
      writeFileSync(path, bytes);
      const bound = CASE_MS + ((await expandedSize(bytes)) / 1e6) * MS_PER_MB;
      let small = '';
      let large = '';
      const elapsed = await timedTwiceIfSlow(bound, async () => {
        small = await readEverything(path, 1, seed.table);
        large = await readEverything(path, 16384, seed.table);
      });
      expect(elapsed).toBeLessThan(bound);
      expect(small).toBe(large);
      rmSync(path);
    },
    propTimeout(budget),
  );

  test('cases tried', () => {
    reportCases('reader', cases);
    expect(cases).toBeGreaterThan(0);
  });
});
