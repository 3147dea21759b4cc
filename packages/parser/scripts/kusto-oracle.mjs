// Differential check of the parser against Microsoft's Kusto.Language (the [lang] source of
// kql-semantics.md), via the root devDependency @kusto/language-service-next. Manual tool, not part
// of the test suite (the language service is slow to load and to warm up).
//
//   npx tsc -b packages/parser && node packages/parser/scripts/kusto-oracle.mjs [N]      random queries
//   node packages/parser/scripts/kusto-oracle.mjs --query 'T | where a == b == c'       one query
//
// It compares only "has syntax errors or not". Known, intended differences: kql-replay rejects at
// parse time what Kusto.Language reads as names or checks later (`1w`, `1D`, `0x`, `1e`, bad
// typed-literal contents, `=` in where, a query without a tabular expression).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));
globalThis.Bridge = require(`${root}node_modules/@kusto/language-service-next/bridge.js`);
require(`${root}node_modules/@kusto/language-service-next/Kusto.Language.Bridge.js`);
const K = globalThis.Kusto.Language;
const { parseQuery } = await import(new URL('../dist/index.js', import.meta.url).href);
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const pick = (a) => a[rnd(a.length)];
const names = ['a', 'b', 'Col', 'count', 'type', "['x y']", 'o.k', 'o["k"]', 'arr[0]', 'nulls', 'filter'];
const lits = ['1', '2.5', '0x1F', '1d', '1.5h', '"s"', "'t'", '@"v\\w"', 'true', 'False', 'datetime(2020-01-01)', 'timespan(1.00:00:00)', 'long(null)', 'dynamic([1,"a"])', 'dynamic({"k": 1})', 'real(nan)', 'int(-2)', '"a" "b"'];
const binops = ['or', 'and', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '=~', '!~', 'has', '!has', 'contains_cs', 'startswith', '!endswith_cs', 'hasprefix', 'matches regex'];
function expr(d) {
  if (d <= 0) return rnd(2) ? pick(names) : pick(lits);
  switch (rnd(9)) {
    case 0: case 1: return `${expr(d - 1)} ${pick(binops)} ${expr(d - 1)}`;
    case 2: return `(${expr(d - 1)})`;
    case 3: return `f(${expr(d - 1)}, ${expr(d - 1)})`;
    case 4: return `-${rnd(2) ? '(' + expr(d - 1) + ')' : pick(names)}`;
    case 5: return `${pick(names)} ${pick(['in', '!in', 'in~', '!in~', 'has_any', 'has_all'])} (${expr(d - 1)}, ${pick(lits)})`;
    case 6: return `${pick(names)} ${pick(['between', '!between'])} (${expr(d - 1)} .. ${expr(d - 1)})`;
    case 7: return `not(${expr(d - 1)})`;
    default: return expr(d - 1);
  }
}
function op() {
  switch (rnd(9)) {
    case 0: return `where ${expr(3)}`;
    case 1: return `extend ${pick(names.slice(0, 6))} = ${expr(2)}, ${expr(1)}`;
    case 2: return `project ${pick(names.slice(0, 6))}, z = ${expr(2)}`;
    case 3: return `project-away a, b*`;
    case 4: return `sort by ${expr(1)} ${pick(['', 'asc', 'desc'])} ${pick(['', 'nulls first', 'nulls last'])}, b`;
    case 5: return `take ${pick(['1', 'n'])}`;
    case 6: return 'count';
    case 7: return `union ${pick(['', 'kind=inner', 'withsource=S kind=outer'])} (U | ${'where ' + expr(1)}), V`;
    default: return `project-rename n = a`;
  }
}
function query() {
  const stmts = rnd(2) ? `let n = ${expr(1)};\n` : '';
  const src = pick(['T', "['My T']", 'datatable(a:long, b:string)[1, "x", -2, "y",]', 'print x = ' + expr(2), 'union A, B']);
  return stmts + src + Array.from({ length: rnd(4) }, () => '\n| ' + op()).join('');
}
function kustoErrors(q) {
  const d = K.KustoCode.Parse(q).GetSyntaxDiagnostics();
  const out = [];
  for (let i = 0; i < d.Count; i++) out.push(`${d.getItem(i).Message} @${d.getItem(i).Start}`);
  return out;
}

const args = process.argv.slice(2);
if (args[0] === '--query') {
  for (const q of args.slice(1)) {
    console.log(JSON.stringify(q));
    console.log('  kusto:', kustoErrors(q).join('; ') || 'OK');
    console.log('  mine: ', parseQuery(q).diagnostics.map((m) => `${m.code} ${m.message} @${m.span.start}`).join('; ') || 'OK');
  }
} else {
  const n = Number(args[0] ?? 300);
  let disagree = 0;
  let bothOk = 0;
  for (let i = 0; i < n; i++) {
    const q = query();
    const ks = kustoErrors(q);
    const mine = parseQuery(q).diagnostics;
    if (ks.length === 0 && mine.length === 0) bothOk++;
    if ((ks.length > 0) === (mine.length > 0)) continue;
    if (++disagree <= 12) {
      console.log('----', JSON.stringify(q));
      console.log('  kusto:', ks.join('; ') || 'OK');
      console.log('  mine: ', mine.map((m) => `${m.code} ${m.message} @${m.span.start}`).join('; ') || 'OK');
    }
  }
  console.log(`${n} queries: ${disagree} disagreements, ${bothOk} valid for both`);
}
