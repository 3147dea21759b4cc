// Core filter loop: the corrected seed rule (Detection 1) over an Arrow IPC file held in memory,
// plain Utf8 and dictionary-encoded text (node core-loop.mjs FILE.arrow [runs]). Prints the median
// executePlan time (including reading the result rows) and rows/s.
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { compileQuery, readRows } from '../dist/index.js';
import { executePlan } from '../../executor/dist/index.js';
import { parseIsoDatetime } from '../../common/dist/index.js';
import { dictionaryEncodeBatch } from '../../../bench/dist/contenders/dictionary-encode.js';

const [file, runsText = '7'] = process.argv.slice(2);
const rule = readFileSync(new URL('../../../rules/T1543.002/detection1.kql', import.meta.url), 'utf8');
const now = parseIsoDatetime('2024-05-17T00:00:00Z');
const DICT = new Set(['DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath', 'InitiatingProcessAccountDomain',
  'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessCommandLine']);
const plain = tableFromIPC(readFileSync(file)).batches;
const dict = plain.map((b) => dictionaryEncodeBatch(b, DICT));
const rows = plain.reduce((n, b) => n + b.numRows, 0);
const { plan } = compileQuery(rule, { now }).result;
for (const [name, batches] of [['plain', plain], ['dict', dict]]) {
  const tables = new Map([['DeviceFileEvents', { name: 'DeviceFileEvents', schema: plan.schema, async *scan() { yield* batches; } }]]);
  const times = [];
  let out = 0;
  for (let r = 0; r < +runsText; r++) {
    const t0 = performance.now();
    const run = executePlan(plan, { tables, now });
    out = 0;
    for await (const b of run.batches) out += readRows(b, run.schema).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const med = times[times.length >> 1];
  console.log(name.padEnd(6), med.toFixed(1).padStart(8), 'ms', (rows / med / 1000).toFixed(1).padStart(7), 'M rows/s', out, 'result rows');
}
