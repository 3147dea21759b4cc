import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-cli.js';

/**
 * Open fuzz findings, kept as reproducers. A mutated Parquet file (reader fuzz, seed 99, case 81)
 * makes parquet-wasm panic inside its stream's read-ahead; the panic escapes as an uncaught
 * `RuntimeError: unreachable` (not a rejected read), so it kills the process instead of becoming
 * an InputError. Fixing it needs a reader that cannot panic outside the caller (e.g. a synchronous
 * read of each row group, whose throw can be caught). Skipped until then; run in a child process
 * because the panic kills whichever process reads the file.
 */
describe('fuzz findings', () => {
  it.skip('a corrupt Parquet file is an InputError, not a crash (parquet-wasm panic)', () => {
    const file = path.join(repoRoot, 'test/fuzz/findings/parquet-wasm-panic.parquet');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/dist/main.js'), 'run', '--query-file', '/dev/stdin', '--data', `DeviceProcessEvents=${file}`, '--output', 'jsonl'], {
      input: 'DeviceProcessEvents | count\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect([0, 2]).toContain(r.status);
  });
});
