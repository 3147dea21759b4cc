#!/usr/bin/env node
// Long fuzz run: the properties of test/fuzz with a time budget instead of CI's fixed case counts.
//   node scripts/fuzz-long.mjs [--minutes N] [--seed S] [--only query|reader|parquet]
// Each property gets an equal share of the budget; a fresh seed is drawn unless --seed is given,
// and printed, so a failure can be replayed (KQLR_FUZZ_SEED=S with the same budget). A hang is
// shown by printing the case that was running (KQLR_FUZZ_CURRENT).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: node scripts/fuzz-long.mjs [--minutes N (default 10)] [--seed S] [--only query|reader|parquet]');
  process.exit(0);
}
const minutes = Number(opt('minutes', '10'));
if (!(minutes > 0)) {
  console.error('fuzz-long: --minutes must be a positive number');
  process.exit(2);
}
const seed = Number(opt('seed', String(Math.floor(Math.random() * 2 ** 31))));
const only = opt('only', undefined);
const files = { query: 'test/fuzz/query-fuzz.test.ts', reader: 'test/fuzz/reader-fuzz.test.ts', parquet: 'test/fuzz/parquet-fuzz.test.ts' };
const selected = only === undefined ? Object.keys(files) : [only];
// Properties per file (query: mutated queries + random text; reader: mutated files of every
// format; parquet: mutated Parquet files, footer-heavy).
const properties = { query: 2, reader: 1, parquet: 1 };
if (only !== undefined && !(only in files)) {
  console.error(`fuzz-long: --only must be one of ${Object.keys(files).join(', ')}`);
  process.exit(2);
}
const totalProps = selected.reduce((s, k) => s + properties[k], 0);
const perProperty = Math.max(5, Math.floor((minutes * 60) / totalProps));
const work = mkdtempSync(path.join(tmpdir(), 'kqlr-fuzz-long-'));
const report = path.join(work, 'report.jsonl');
const current = path.join(work, 'current-case');

console.log(`fuzz-long: seed ${seed}, ${minutes} min, ${perProperty} s per property, report ${report}`);
const started = Date.now();
let failed = false;
for (const key of selected) {
  const r = spawnSync('npx', ['vitest', 'run', files[key]], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', KQLR_FUZZ_SECONDS: String(perProperty), KQLR_FUZZ_SEED: String(seed), KQLR_FUZZ_REPORT: report, KQLR_FUZZ_CURRENT: current },
    // Time budget plus shrinking; past this the property is hung.
    timeout: (perProperty * properties[key] + 600) * 1000,
  });
  if (r.status !== 0) {
    failed = true;
    console.error(`fuzz-long: ${key} failed (status ${r.status}${r.signal ? `, killed by ${r.signal}: a hang?` : ''}); last case written to ${current}`);
    if (existsSync(current)) console.error(readFileSync(current).subarray(0, 2000).toString('utf8'));
  }
}
const cases = existsSync(report)
  ? readFileSync(report, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : [];
const total = cases.reduce((s, c) => s + c.cases, 0);
const mins = ((Date.now() - started) / 60000).toFixed(1);
const outcomes = (c) => Object.entries(c.outcomes ?? {}).map(([k, v]) => `, ${v} ${k}`).join('');
console.log(`fuzz-long: ${total} cases in ${mins} min (${cases.map((c) => `${c.name} ${c.cases}${outcomes(c)}`).join(', ')}), seed ${seed}: ${failed ? 'FAILED' : 'ok'}`);
process.exit(failed ? 1 : 0);
