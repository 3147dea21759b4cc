#!/usr/bin/env node
// Writes packages/cli/dist/bundle/kqlr.cjs.cache: compiles the bundle, runs what users run most
// (the seed rule over each input format, the output formats, a labelled-dataset test), then saves
// V8's code cache, which now holds the bytecode of every function those runs called. Run by
// scripts/bundle-cli.mjs in a fresh process with Node's default flags; compileBundle then sets the
// V8 tiering `kqlr` sets (V8 rejects a cache made under other flags). Fails (exit 3) when a
// training command fails: the bundle would be broken.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { bundleDir, compileBundle, BUNDLE_FILE, CODE_CACHE_FILE } = await import(path.join(root, 'packages', 'cli', 'dist', 'launch', 'bundle-loader.js'));
const dir = bundleDir();
const { script, exports: cli } = compileBundle(path.join(dir, BUNDLE_FILE));

const tmp = mkdtempSync(path.join(tmpdir(), 'kqlr-train-'));
const demo = (f) => path.join(root, 'datasets', 'demo', f);
const rule = path.join(root, 'rules', 'T1543.002', 'detection1.kql');
const combined = path.join(root, 'rules', 'T1543.002', 'combined.kql');
const now = ['--now', '2025-06-12T08:00:00Z'];
const runs = [
  ['run', rule, '--data', demo('defender-streaming.jsonl'), '--data', demo('sysmon-syslog.log'), ...now, '--out', path.join(tmp, 'a.jsonl')],
  ['run', rule, '--data', demo('defender-portal-DeviceFileEvents.csv'), ...now, '--out', path.join(tmp, 'b.csv')],
  ['convert', '--data', demo('defender-streaming.jsonl'), '--to', 'arrow', '--out', path.join(tmp, 'arrow')],
  ['convert', '--data', demo('defender-streaming.jsonl'), '--to', 'parquet', '--out', path.join(tmp, 'parquet')],
  ['run', rule, '--data', path.join(tmp, 'arrow'), ...now, '--out', path.join(tmp, 'c.json')],
  ['run', rule, '--data', path.join(tmp, 'parquet'), ...now, '--out', path.join(tmp, 'd.parquet')],
  ['run', rule, '--data', path.join(tmp, 'arrow'), ...now, '--out', path.join(tmp, 'e.arrow')],
  ['test', combined, '--dataset', path.join(root, 'datasets', 'labelled', 't1543-002-defender'), '--dataset', path.join(root, 'datasets', 'labelled', 't1543-002-sysmon'), '--format', 'json'],
];
// The commands' reports, warnings (the demo log has a malformed record) and summaries are not
// wanted here; a failing command's stderr is shown.
const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
let captured = '';
const silence = () => {
  captured = '';
  process.stdout.write = () => true;
  process.stderr.write = (chunk) => ((captured += String(chunk)), true);
};
const restore = () => {
  process.stdout.write = write.out;
  process.stderr.write = write.err;
};
try {
  for (const args of runs) {
    silence();
    const code = await cli.runCli([process.execPath, 'kqlr', ...args]);
    restore();
    // `test` exits 1 when a dataset misses its thresholds; the run itself still worked.
    if (code !== 0 && !(args[0] === 'test' && code === 1)) throw new Error(`kqlr ${args.join(' ')} exited with ${code}:\n${captured}`);
    process.exitCode = undefined;
  }
  // The engine API as bench/ times it (openInputs, compileQuery, executePlan, readRows).
  const api = await cli.engineApi();
  const inputs = await api.openInputs([{ path: path.join(tmp, 'arrow') }], { strict: false, onMalformed: () => undefined, onWarning: () => undefined });
  const { result } = api.compileQuery(readFileSync(rule, 'utf8'), { now: 0n });
  if (result === null) throw new Error('the seed rule did not compile');
  const run = api.executePlan(result.plan, { tables: inputs.tables, now: 0n });
  for await (const b of run.batches) api.readRows(b, run.schema);
} catch (err) {
  restore();
  process.stderr.write(`train-code-cache: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(3);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
writeFileSync(path.join(dir, CODE_CACHE_FILE), script.createCachedData());
