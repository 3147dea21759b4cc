#!/usr/bin/env node
// Renders the `kqlr test --format html` report of rules/T1543.002/combined.kql over both bundled
// labelled datasets in headless Chromium and checks that every chart was drawn without a script
// error. Needs the built CLI (npx tsc -b) and chromium (apt-get install -y chromium).
// Usage: node test/replay/check-html-report.mjs [--screenshot FILE.png]   (exit 1 on failure)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (chromium === undefined) {
  console.error('check-html-report: no chromium found (apt-get install -y chromium)');
  process.exit(1);
}
const out = join(mkdtempSync(join(tmpdir(), 'kqlr-html-check-')), 'report.html');
execFileSync(process.execPath, [join(here, 'kqlr-driver.mjs'), 'test', 'rules/T1543.002/combined.kql',
  '--dataset', 'datasets/labelled/t1543-002-defender', 'datasets/labelled/t1543-002-sysmon', '--format', 'html', '--out', out], { cwd: root, stdio: 'inherit' });
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--virtual-time-budget=5000'];
const dom = execFileSync(chromium, [...flags, '--dump-dom', `file://${out}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
const html = /<html[^>]*>/.exec(dom)?.[0] ?? '';
const rendered = /data-charts-rendered="(\d+)"/.exec(html)?.[1];
const error = /data-chart-error="([^"]*)"/.exec(html)?.[1];
const shot = process.argv.indexOf('--screenshot');
if (shot > 0 && process.argv[shot + 1]) {
  execFileSync(chromium, [...flags, '--hide-scrollbars', '--window-size=1200,1600', `--screenshot=${process.argv[shot + 1]}`, `file://${out}`], { stdio: 'ignore' });
}
if (error !== undefined || rendered !== '6') {
  console.error(`check-html-report: FAIL (charts rendered: ${rendered ?? 'none'}${error ? `, error: ${error}` : ''}); report at ${out}`);
  process.exit(1);
}
console.log(`check-html-report: ok, 6 charts drawn by ${chromium} (${out})`);
