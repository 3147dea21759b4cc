import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './run-cli.js';

/** Runs kqlr with its stdout pipe closed by the reader before kqlr writes (as `kqlr ... | head` ends up doing). */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    // Node takes far longer to start than this takes to run, so every write of the child meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('kqlr writing into a pipe its reader closed', () => {
  it('--help ends quietly with exit 0, no stack trace', async () => {
    const r = await runWithClosedStdout(['run', '--help']);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.code).toBe(0);
  });

  it('run --output jsonl ends without a stack trace and with the run\'s own exit code', async () => {
    const r = await runWithClosedStdout([
      'run', 'rules/T1543.002/detection1.kql', '--data', 'datasets/demo/defender-streaming.jsonl',
      '--now', '2025-06-12T08:00:00Z', '--output', 'jsonl', '--quiet',
    ]);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at |internal error/);
    expect(r.code).toBe(0);
  });
});
