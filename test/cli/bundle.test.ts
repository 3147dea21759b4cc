import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, type CliResult } from './run-cli.js';

/**
 * The built `kqlr` runs from its bundle (scripts/bundle-cli.mjs, packages/cli/src/launch/): every
 * other CLI test runs it that way too. These check that the bundle is what runs, with its code
 * cache, and that it does what the ES modules do on the paths the bundling touches: worker files
 * found beside the bundle, parquet-wasm and chart.js resolved from it, one apache-arrow build.
 */
const NOW = ['--now', '2025-06-12T08:00:00Z'];
const RULE = 'rules/T1543.002/detection1.kql';
const demo = (f: string) => path.join('datasets', 'demo', f);
const modules = { KQLR_NO_BUNDLE: '1' };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kqlr-bundle-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The summary line's timings and rates differ from run to run. */
const untimed = (r: CliResult) => ({ ...r, stderr: r.stderr.replace(/ · [0-9.]+ (ms|s)( ·|$)/gm, ' · T$2').replace(/ · [0-9.]+ [kM]? ?events\/s/g, '') });

async function bothWays(args: string[], env: Record<string, string> = {}): Promise<[CliResult, CliResult]> {
  const bundled = await runCli(args, { env: { ...env, KQLR_STARTUP_TRACE: '1' } });
  const plain = await runCli(args, { env: { ...env, ...modules } });
  expect(bundled.stderr).toMatch(/^kqlr: startup: bundle \(code cache accepted\)(, V8 interrupt budget doubled)?\n/);
  return [untimed({ ...bundled, stderr: bundled.stderr.replace(/^kqlr: startup: .*\n/, '') }), untimed(plain)];
}

describe('the bundled CLI', () => {
  it('is what runs, with its code cache accepted (else: npm run build)', async () => {
    // The training run and main.ts set the same V8 flags (launch/v8-tiering.ts), on Node 20's V8:
    // V8 rejects a code cache made under other flags.
    const tuned = process.versions.v8.startsWith('11.3.') ? ', V8 interrupt budget doubled' : '';
    const r = await runCli(['--version'], { env: { KQLR_STARTUP_TRACE: '1' } });
    expect(r.stderr).toBe(`kqlr: startup: bundle (code cache accepted)${tuned}\n`);
    expect(r.stdout).toBe('0.1.0\n');
    const off = await runCli(['--version'], { env: { KQLR_STARTUP_TRACE: '1', ...modules } });
    expect(off.stderr).toBe(`kqlr: startup: ES modules (KQLR_NO_BUNDLE=1)${tuned}\n`);
  });

  it('replays the demo as the ES modules do, malformed-record report included', async () => {
    const [bundled, plain] = await bothWays(['run', RULE, '--data', demo('defender-streaming.jsonl'), '--data', demo('sysmon-syslog.log'), ...NOW, '--output', 'jsonl']);
    expect(bundled).toEqual(plain);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout.split('\n').filter((l) => l !== '')).toHaveLength(54);
    expect(bundled.stderr).toContain('sysmon-syslog.log:130: malformed record skipped');
  });

  it('reads a large JSON file on range workers found beside the bundle', async () => {
    // Past the 32 MiB at which JSON lines are split into ranges read by worker threads.
    const text = readFileSync(path.join(repoRoot, demo('defender-streaming.jsonl')), 'utf8');
    const lines = text.endsWith('\n') ? text : text + '\n';
    const big = path.join(tmp, 'big.jsonl');
    writeFileSync(big, lines.repeat(Math.ceil((33 << 20) / lines.length)));
    const [bundled, plain] = await bothWays(['run', RULE, '--data', big, ...NOW, '--output', 'jsonl'], { KQLR_WORKERS: '2' });
    expect(bundled).toEqual(plain);
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).toContain(' 0 malformed records skipped');
    expect(bundled.stdout.length).toBeGreaterThan(0);
  });

  it('scans Sysmon logs on its needle-scan worker', async () => {
    const [bundled, plain] = await bothWays(['run', RULE, '--data', demo('sysmon-syslog.log'), ...NOW, '--output', 'jsonl'], { KQLR_SYSMON_WORKER_MIN_BYTES: '0' });
    expect(bundled).toEqual(plain);
    expect(bundled.code).toBe(0);
  });

  it('converts to Arrow and Parquet and writes Parquet byte for byte as the ES modules do', async () => {
    for (const to of ['arrow', 'parquet']) {
      const r = await runCli(['convert', '--data', demo('defender-streaming.jsonl'), '--to', to, '--out', path.join(tmp, to)]);
      expect(r.code, r.stderr).toBe(0);
      const [bundled, plain] = await bothWays(['run', RULE, '--data', path.join(tmp, to), ...NOW, '--output', 'csv']);
      expect(bundled).toEqual(plain);
      expect(bundled.stdout.split('\n').length).toBeGreaterThan(2);
    }
    const out = (name: string) => ['run', RULE, '--data', demo('defender-streaming.jsonl'), ...NOW, '--out', path.join(tmp, name), '--quiet'];
    expect((await runCli(out('a.parquet'), { env: { KQLR_STARTUP_TRACE: '1' } })).stderr).toContain('startup: bundle');
    expect((await runCli(out('b.parquet'), { env: modules })).code).toBe(0);
    expect(readFileSync(path.join(tmp, 'a.parquet')).equals(readFileSync(path.join(tmp, 'b.parquet')))).toBe(true);
  });

  it('writes the HTML test report with Chart.js inlined', async () => {
    const [bundled, plain] = await bothWays(['test', 'rules/T1543.002/combined.kql', '--dataset', 'datasets/labelled/t1543-002-defender', '--format', 'html']);
    expect(bundled).toEqual(plain);
    expect(bundled.stdout).toContain('Chart.js');
  });
});
