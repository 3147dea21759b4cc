// Micro-benchmark of the raw-text prefilter pieces over a JSON Lines file (node this.mjs FILE).
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const buf = readFileSync(file);
const CH = +(process.env.CH ?? 65536);
const chunks = [];
const dec = new TextDecoder();
for (let i = 0; i < buf.length; i += CH) chunks.push(dec.decode(buf.subarray(i, i + CH), { stream: true }));
const forms = ['\\u', '\\/', '/etc/systemd/system/', '/lib/systemd/system/', '/usr/lib/systemd/system/', '/run/systemd/system/', '.config/systemd/user/', '/etc/systemd/user/', '\\/etc'];
function time(name, f) {
  const t0 = performance.now(); let r; for (let k = 0; k < 3; k++) r = f(); const ms = (performance.now() - t0) / 3;
  console.log(name.padEnd(28), ms.toFixed(1).padStart(7), 'ms', (buf.length / 1e6 / (ms / 1000)).toFixed(0).padStart(6), 'MB/s', r);
}
time('toLowerCase', () => { let n = 0; for (const c of chunks) n += c.toLowerCase().length; return n; });
time('indexOf forms (raw)', () => { let n = 0; for (const c of chunks) for (const f of forms) { for (let i = c.indexOf(f); i >= 0; i = c.indexOf(f, i + 1)) n++; } return n; });
time('indexOf \\n', () => { let n = 0; for (const c of chunks) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++; return n; });
time('lower+indexOf forms', () => { let n = 0; for (const c of chunks) { const l = c.toLowerCase(); for (const f of forms) { for (let i = l.indexOf(f); i >= 0; i = l.indexOf(f, i + 1)) n++; } } return n; });
const re = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'gi');
time('regex /i alternation', () => { let n = 0; for (const c of chunks) { re.lastIndex = 0; while (re.exec(c)) n++; } return n; });
time('JSON.parse every line', () => { let n = 0; for (const c of chunks) for (const l of c.split('\n')) { try { JSON.parse(l); n++; } catch {} } return n; });
console.log('two-byte chunks:', chunks.filter((c) => /[^\x00-\xff]/.test(c)).length, '/', chunks.length);
const { needleLineBlocks } = await import('../dist/io/needle-lines.js');
async function* gen() { yield* chunks; }
for (const keys of [forms, ['/systemd', '\\u', '\\/']]) {
  const t0 = performance.now(); let n = 0;
  for await (const b of needleLineBlocks(gen(), keys)) n += b.lines.length;
  const ms = performance.now() - t0;
  console.log('needleLineBlocks'.padEnd(28), ms.toFixed(1).padStart(7), 'ms', (buf.length / 1e6 / (ms / 1000)).toFixed(0).padStart(6), 'MB/s', n);
}
for (const k of ['/systemd', 'systemd/', '\\u', '\\/', '\\']) time('lower indexOf ' + k, () => { let n = 0; for (const c of chunks) { const l = c.toLowerCase(); for (let i = l.indexOf(k); i >= 0; i = l.indexOf(k, i + 1)) n++; } return n; });
