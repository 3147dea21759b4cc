// In-process A/B of two executor builds on the core filter loop (issue #7): the seed rule over the
// bench's Arrow file in memory, the two builds' executions alternating in one process, so both see
// the same machine load. Prints wall and process-CPU medians, 25th percentiles and minima (the
// first execution, cold, apart). Usage, after `npx tsc -b packages/engine bench`:
//   cp -r packages/executor/dist packages/executor/dist-base   # the "before" build (never commit it)
//   ...change and rebuild the executor...
//   node packages/executor/bench/ab-core-loop.mjs bench/data/rows-1000000-seed-24301/DeviceFileEvents.arrow [dict|plain] [executions]
// BASE_DIST / NEW_DIST override the two builds' index.js (paths relative to this file).
// QUERY=filter times the rule up to its filters (`| count`), to split filter from output time.
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { compileQuery, readRows } from '../../engine/dist/index.js';
import { DEFENDER_TABLES, parseIsoDatetime } from '../../common/dist/index.js';
import { dictionaryEncodeBatch } from '../../../bench/dist/contenders/dictionary-encode.js';

const [file, mode = 'dict', itText = '60'] = process.argv.slice(2);
const builds = [
  ['base', await import(process.env.BASE_DIST ?? '../dist-base/index.js')],
  ['new', await import(process.env.NEW_DIST ?? '../dist/index.js')],
];
const full = readFileSync(new URL('../../../rules/T1543.002/detection1.kql', import.meta.url), 'utf8');
const rule = process.env.QUERY === 'filter' ? full.replace(/\| extend IsUserLevelService[\s\S]*$/, '| count') : full;
const now = parseIsoDatetime('2024-05-17T00:00:00Z');
const DICT = new Set(['DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath', 'InitiatingProcessAccountDomain',
  'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessCommandLine']);
let batches = tableFromIPC(readFileSync(file)).batches;
if (mode === 'dict') batches = batches.map((b) => dictionaryEncodeBatch(b, DICT));
const { plan } = compileQuery(rule, { now }).result;
const schema = DEFENDER_TABLES.DeviceFileEvents;
const contenders = builds.map(([name, ex]) => ({
  name, ex, tables: new Map([['DeviceFileEvents', ex.memoryTableFromBatches('DeviceFileEvents', schema, batches)]]), wall: [], cpu: [], first: 0, rows: 0,
}));
for (let r = 0; r < +itText; r++) {
  for (const c of r % 2 ? contenders : [...contenders].reverse()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const run = c.ex.executePlan(plan, { tables: c.tables, now });
    let rows = 0;
    for await (const b of run.batches) rows += readRows(b, run.schema).length;
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (r === 0) c.first = wall;
    else {
      c.wall.push(wall);
      c.cpu.push((cpu.user + cpu.system) / 1000);
    }
    c.rows = rows;
  }
}
const stats = (a) => {
  a.sort((x, y) => x - y);
  return `median ${a[a.length >> 1].toFixed(1)} p25 ${a[a.length >> 2].toFixed(1)} min ${a[0].toFixed(1)}`;
};
for (const c of contenders) {
  console.log(`${mode} ${c.name}: wall ${stats(c.wall)} | cpu ${stats(c.cpu)} | first (cold) ${c.first.toFixed(1)} ms, ${c.rows} rows`);
}
