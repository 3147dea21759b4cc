import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../harness.js';
import { columnarJs } from './columnar-js.js';
import { naiveMemory } from './naive-js.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kqlr-columnar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hand-written columnar contender', () => {
  it('returns the naive baseline rows', async () => {
    const report = await runBench({ rows: 5_000, runs: 1, inProcess: true, dataRoot: tmp, rowsDir: tmp, contenders: [naiveMemory, columnarJs] });
    expect(report.verdicts[0]!.mismatches).toEqual([]);
    expect(report.contenders[1]!.digest.count).toBeGreaterThan(0);
  }, 60_000);
});
