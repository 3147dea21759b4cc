#!/usr/bin/env node
// Replays the three T1543.002 rules over both labelled datasets with the reference evaluator of
// datasets/demo/lib/reference.mjs and compares TP/FP/FN with expected-replay.json (hand-derived, see
// README.md). Exit status 1 on any difference. Run: node datasets/labelled/verify.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detection1, detection2, streamingRows, sysmonFileRows, sysmonProcessRows, ticks } from '../demo/lib/reference.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const expected = JSON.parse(readFileSync(join(here, 'expected-replay.json'), 'utf8'));

function load(folder) {
  const dir = join(here, folder);
  const manifest = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8'));
  const text = manifest.inputs.map((p) => readFileSync(join(dir, p), 'utf8')).join('\n');
  const sysmon = folder.endsWith('sysmon');
  const labels = readFileSync(join(dir, manifest.labels), 'utf8').split('\n').filter(Boolean).map(JSON.parse);
  return {
    manifest,
    labels,
    files: sysmon ? sysmonFileRows(text) : streamingRows(text, 'DeviceFileEvents'),
    processes: sysmon ? sysmonProcessRows(text) : streamingRows(text, 'DeviceProcessEvents'),
  };
}

const same = (row, match) =>
  Object.entries(match).every(([column, value]) => (column === 'Timestamp' ? ticks(row.Timestamp) === ticks(value) : row[column] === value));

/** Counting rules of README.md: a malicious label is caught when some output row matches it. */
export function score(outputs, labels) {
  let fp = 0;
  const caught = new Set();
  for (const { table, row } of outputs) {
    const label = labels.find((l) => l.table === table && same(row, l.match));
    if (!label || label.label === 'benign') fp += 1;
    else if (label.label === 'malicious') caught.add(label);
  }
  const malicious = labels.filter((l) => l.label === 'malicious');
  const missed = malicious.filter((l) => !caught.has(l));
  return { tp: caught.size, fp, fn: missed.length, missed: missed.map((l) => `${l.scenario}:${l.match.FolderPath}`) };
}

let ok = true;
for (const folder of Object.keys(expected)) {
  const data = load(folder);
  const now = ticks(data.manifest.now);
  const d1 = detection1(data.files, now).map((row) => ({ table: 'DeviceFileEvents', row }));
  const d2 = detection2(data.processes, now).map((row) => ({ table: 'DeviceProcessEvents', row }));
  for (const [rule, outputs] of [['detection1', d1], ['detection2', d2], ['combined', [...d1, ...d2]]]) {
    const got = score(outputs, data.labels);
    const want = expected[folder][rule];
    const pass = got.tp === want.tp && got.fp === want.fp && got.fn === want.fn;
    ok &&= pass;
    console.log(`${pass ? 'ok  ' : 'FAIL'} ${folder} ${rule}: TP ${got.tp} FP ${got.fp} FN ${got.fn} (expected TP ${want.tp} FP ${want.fp} FN ${want.fn})`);
    if (!pass || process.argv.includes('-v')) for (const m of got.missed) console.log(`       missed ${m}`);
  }
}
process.exitCode = ok ? 0 : 1;
