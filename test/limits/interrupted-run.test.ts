import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from '../cli/run-cli.js';

/**
 * No data loss: `kqlr run --out` writes under a temporary name and renames into place only on
 * success, so a run interrupted with SIGINT exits non-zero and leaves neither a partial result
 * under the requested name nor its temporary file.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'kqlr-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function largeInput(): string {
  const lines = readFileSync(path.join(repoRoot, 'datasets/demo/defender-streaming.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);
  const block = lines.join('\n') + '\n';
  const file = path.join(dir, 'large.jsonl');
  // About 40 MB: several seconds of reading on the shared test machine.
  const copies = Math.ceil((40 * 1024 * 1024) / block.length);
  writeFileSync(file, block.repeat(copies));
  return file;
}

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('interrupted run --out', () => {
  it.each(['result.jsonl', 'result.parquet'])('SIGINT mid-run leaves no %s and exits non-zero', async (name) => {
    const input = existsSync(path.join(dir, 'large.jsonl')) ? path.join(dir, 'large.jsonl') : largeInput();
    const outDir = mkdtempSync(path.join(dir, 'out-'));
    const target = path.join(outDir, name);
    const rule = path.join(dir, 'all.kql');
    writeFileSync(rule, 'DeviceProcessEvents | union DeviceFileEvents\n');
    const child = spawn(process.execPath, [cliPath, 'run', rule, '--quiet', '--now', '2025-06-12T08:00:00Z', '--data', input, '--out', target], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    // Mid-run: the temporary output file exists (writing has started) and the process still runs.
    const started = await waitFor(() => readdirSync(outDir).some((f) => f.endsWith('.kqlr-tmp')), 60_000);
    expect(started, stderr).toBe(true);
    expect(child.exitCode).toBe(null);
    child.kill('SIGINT');
    const code = await exited;
    expect(code).not.toBe(0);
    expect(code).not.toBe(null);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(outDir)).toEqual([]);
    expect(stderr).toMatch(/interrupted/);
  }, 120_000);
});
