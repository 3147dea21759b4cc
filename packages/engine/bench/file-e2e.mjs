// End to end from one file as the bench's engine contenders run it (openInputs, executePlan,
// result rows), the rule compiled once: node file-e2e.mjs FILE [runs] [table].
import { readFileSync, statSync } from 'node:fs';
import { compileQuery, readRows } from '../dist/index.js';
import { executePlan } from '../../executor/dist/index.js';
import { openInputs } from '../../readers/dist/index.js';
import { parseIsoDatetime } from '../../common/dist/index.js';

const [file, runsText = '5', table] = process.argv.slice(2);
const rule = readFileSync(new URL('../../../rules/T1543.002/detection1.kql', import.meta.url), 'utf8');
const now = parseIsoDatetime('2024-05-17T00:00:00Z');
const { plan } = compileQuery(rule, { now }).result;
const times = [];
let out = 0;
for (let r = 0; r < +runsText; r++) {
  const t0 = performance.now();
  const inputs = await openInputs([table === undefined ? { path: file } : { path: file, table }]);
  const run = executePlan(plan, { tables: inputs.tables, now });
  out = 0;
  for await (const b of run.batches) out += readRows(b, run.schema).length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const med = times[times.length >> 1];
console.log(file.split('/').pop(), med.toFixed(1), 'ms', (statSync(file).size / 1e6 / (med / 1000)).toFixed(0), 'MB/s', out, 'result rows');
