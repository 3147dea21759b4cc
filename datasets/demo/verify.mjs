#!/usr/bin/env node
// Independent check of the demo files: reads the three formats with its own small parsers, applies
// rules/T1543.002/detection1.kql's predicates as shared/kql-semantics.md §5.3 defines them, and compares
// the hits with the hand-derived list in expected-detection1.json. Exit status 1 on any difference.
// Run: node datasets/demo/verify.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detection1, parseCsv, streamingRows, sysmonFileRows, ticks } from './lib/reference.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const read = (name) => readFileSync(join(here, name), 'utf8');
const expected = JSON.parse(read('expected-detection1.json'));

const key = (h) => JSON.stringify([h.DeviceName, h.ActionType, h.FolderPath, h.IsUserLevelService, h.IsSuspiciousName]);
function compare(label, actual, wanted) {
  const a = actual.map(key).sort();
  const w = wanted.map(key).sort();
  const missing = w.filter((k) => !a.includes(k));
  const extra = a.filter((k) => !w.includes(k));
  const ok = missing.length === 0 && extra.length === 0 && a.length === w.length;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${a.length} hits (expected ${w.length})`);
  for (const k of missing) console.log(`     missing ${k}`);
  for (const k of extra) console.log(`     unexpected ${k}`);
  return ok;
}

const now = ticks(expected.now);
const results = [
  compare('defender-streaming.jsonl', detection1(streamingRows(read('defender-streaming.jsonl')), now), expected.defender),
  compare('defender-portal-DeviceFileEvents.csv', detection1(parseCsv(read('defender-portal-DeviceFileEvents.csv')), now), expected.defender),
  compare('sysmon-syslog.log', detection1(sysmonFileRows(read('sysmon-syslog.log')), now), expected.sysmon),
];
process.exitCode = results.every(Boolean) ? 0 : 1;
