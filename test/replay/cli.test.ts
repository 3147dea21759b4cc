import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeTinyDataset } from './tiny-dataset.js';

// The commands run from the built CLI (packages/cli/dist) through kqlr-driver.mjs, which registers
// them as main.ts will once they are wired in.
const root = join(import.meta.dirname, '..', '..');
const driver = join(import.meta.dirname, 'kqlr-driver.mjs');
const built = existsSync(join(root, 'packages/cli/dist/commands/test.js'));
if (!built) console.warn('cli.test.ts: packages/cli/dist is not built (run `npx tsc -b`), skipping');

async function kqlr(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [driver, ...args], { cwd, env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const OLD = 'DeviceFileEvents | where FolderPath endswith ".service" | where FolderPath != "/evil/y.service"\n';
const NARROW = 'DeviceFileEvents | where FolderPath startswith "/pkg/"\n';

describe.skipIf(!built)('kqlr test / kqlr diff (built CLI)', () => {
  it('exit 0 when thresholds pass, 1 when one fails, 2 for a bad dataset or format', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'kqlr-cli-'));
    const rule = join(tmp, 'rule.kql');
    await writeFile(rule, OLD);
    const pass = await writeTinyDataset({ thresholds: { minRecall: 0.3 } });
    const fail = await writeTinyDataset({ thresholds: { minPrecision: 0.5 } });
    const ok = await kqlr(['test', rule, '--dataset', pass, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).datasets[0]).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 2, passed: true });
    expect((await kqlr(['test', rule, '--dataset', pass, fail])).code).toBe(1);
    const bad = await kqlr(['test', rule, '--dataset', join(tmp, 'nope')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nope\/dataset\.json: cannot read dataset manifest/);
  });

  it('--out writes the file, refuses to overwrite without --force', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'kqlr-cli-'));
    const rule = join(tmp, 'rule.kql');
    await writeFile(rule, OLD);
    const ds = await writeTinyDataset();
    const out = join(tmp, 'junit.xml');
    expect((await kqlr(['test', rule, '--dataset', ds, '--format', 'junit', '--out', out])).code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^<\?xml/);
    const again = await kqlr(['test', rule, '--dataset', ds, '--format', 'junit', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
  });

  it('the bundled published rule fails (exit 1) with its 21:34 error', async () => {
    const r = await kqlr(['test', 'rules/T1543.002/published.kql', '--dataset', 'datasets/labelled/t1543-002-defender']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rules/T1543.002/published.kql:21:34: error:');
  });

  it('diff: exit 1 when a true positive is lost', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'kqlr-cli-'));
    await writeFile(join(tmp, 'old.kql'), OLD);
    await writeFile(join(tmp, 'new.kql'), NARROW);
    const ds = await writeTinyDataset();
    const lost = await kqlr(['diff', join(tmp, 'old.kql'), join(tmp, 'new.kql'), '--dataset', ds, '--format', 'json']);
    expect(lost.code).toBe(1);
    const j = JSON.parse(lost.stdout);
    expect(j.regression).toBe(true);
    expect(j.datasets[0].lostTruePositives.map((l: { match: { FolderPath: string } }) => l.match.FolderPath)).toEqual(['/evil/x.service']);
    expect(j.datasets[0].removed.length).toBe(2);
  });

  it('diff --baseline-rev takes the old rule from git', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'kqlr-git-'));
    const git = (...args: string[]) => promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
    await git('init', '-q');
    await writeFile(join(repo, 'rule.kql'), OLD);
    await git('add', 'rule.kql');
    await git('commit', '-q', '-m', 'old');
    await writeFile(join(repo, 'rule.kql'), NARROW);
    const ds = await writeTinyDataset();
    const r = await kqlr(['diff', 'rule.kql', '--baseline-rev', 'HEAD', '--dataset', ds], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/kqlr diff HEAD:rule\.kql -> rule\.kql/);
    expect(r.stdout).toMatch(/true positives lost \(1\)/);
    const missing = await kqlr(['diff', 'rule.kql', '--baseline-rev', 'no-such-rev', '--dataset', ds], repo);
    expect(missing.code).toBe(2);
  });
});
