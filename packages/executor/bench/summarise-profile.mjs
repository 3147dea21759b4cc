// Prints the heaviest functions of a .cpuprofile by self time (node summarise-profile.mjs FILE [n]).
import { readFileSync } from 'node:fs';

const [file, nText = '30'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = prof.timeDeltas;
let total = 0;
prof.samples.forEach((id, i) => {
  const n = byId.get(id);
  const f = n.callFrame;
  const key = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  const d = dt[i] ?? 0;
  total += d;
  self.set(key, (self.get(key) ?? 0) + d);
});
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, +nText);
for (const [k, v] of rows) console.log(`${(v / 1000).toFixed(1).padStart(9)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log(`total ${(total / 1000).toFixed(0)} ms`);
