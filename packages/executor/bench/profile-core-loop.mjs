// Profiling driver for the core filter loop (issue #7): the corrected seed rule (Detection 1) over
// the bench's Arrow IPC file held in memory, many iterations, so `node --cpu-prof` sees the steady
// state. Usage (after `npx tsc -b packages/engine bench`):
//   node --cpu-prof --cpu-prof-dir=/tmp/prof packages/executor/bench/profile-core-loop.mjs \
//     bench/data/rows-1000000-seed-24301/DeviceFileEvents.arrow [plain|dict] [iterations] [memory|stream]
// `memory` scans through memoryTableFromBatches (statistics computed once, as the engine's memory
// tables do); `stream` through a bare provider yielding the batches (no statistics).
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { compileQuery, readRows } from '../../engine/dist/index.js';
// EXECUTOR_DIST=path/to/index.js runs another build of the executor (A/B comparisons in one session).
const executor = await import(process.env.EXECUTOR_DIST ?? '../dist/index.js');
import { DEFENDER_TABLES, parseIsoDatetime } from '../../common/dist/index.js';
import { dictionaryEncodeBatch } from '../../../bench/dist/contenders/dictionary-encode.js';

const [file, mode = 'dict', itText = '50', source = 'memory'] = process.argv.slice(2);
const rule = readFileSync(new URL('../../../rules/T1543.002/detection1.kql', import.meta.url), 'utf8');
const now = parseIsoDatetime('2024-05-17T00:00:00Z');
const DICT = new Set(['DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath', 'InitiatingProcessAccountDomain',
  'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessCommandLine']);
let batches = tableFromIPC(readFileSync(file)).batches;
if (mode === 'dict') batches = batches.map((b) => dictionaryEncodeBatch(b, DICT));
const rows = batches.reduce((n, b) => n + b.numRows, 0);
const { plan } = compileQuery(rule, { now }).result;
const schema = DEFENDER_TABLES.DeviceFileEvents;
const table = source === 'memory' && executor.memoryTableFromBatches !== undefined
  ? executor.memoryTableFromBatches('DeviceFileEvents', schema, batches)
  : { name: 'DeviceFileEvents', schema, async *scan() { yield* batches; } };
const tables = new Map([['DeviceFileEvents', table]]);
// PROFILE_RUN=k writes a CPU profile of the k-th execution only (1-based) to PROFILE_OUT: the bench
// times the second execution in a fresh process, so that one is worth seeing apart. PROFILE_FROM=k
// profiles the k-th execution and every later one into one profile (the steady state, no set-up).
const profileFrom = Number(process.env.PROFILE_FROM ?? 0);
const profileRun = Number(process.env.PROFILE_RUN ?? 0);
const profileLast = profileFrom > 0 ? +itText : profileRun;
let session;
if (profileRun > 0 || profileFrom > 0) {
  const { Session } = await import('node:inspector/promises');
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
}
const times = [];
const cpu = [];
let out = 0;
for (let r = 0; r < +itText; r++) {
  if (r + 1 === (profileFrom || profileRun)) await session.post('Profiler.start');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const run = executor.executePlan(plan, { tables, now });
  out = 0;
  for await (const b of run.batches) out += readRows(b, run.schema).length;
  times.push(performance.now() - t0);
  if (r + 1 === profileLast) {
    const { profile } = await session.post('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.PROFILE_OUT ?? `/tmp/run-${profileFrom || profileRun}.cpuprofile`, JSON.stringify(profile));
  }
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const first = times.slice(0, 4).map((t) => t.toFixed(1)).join(', ');
// The minimum after warm-up approximates an uncontended run on a busy machine.
const steadyMin = Math.min(...times.slice(3));
times.sort((a, b) => a - b);
const med = times[times.length >> 1];
// Process CPU time (all threads) is steadier than wall time on a shared machine.
cpu.sort((a, b) => a - b);
const cpuMed = cpu[cpu.length >> 1];
console.log(`${mode} ${source}: median ${med.toFixed(1)} ms (${(rows / med / 1000).toFixed(1)} M rows/s), cpu ${cpuMed.toFixed(1)} ms, min ${steadyMin.toFixed(1)} ms, first runs ${first} ms, ${out} result rows`);
