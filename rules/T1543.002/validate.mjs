#!/usr/bin/env node
// Checks the four rule files with Microsoft's Kusto.Language (@kusto/language-service-next, a root
// devDependency) against the Defender schemas of packages/common/src/defender-schema.ts:
// published.kql must fail with exactly one error, KS142 on `AccountName` at line 21 column 34; the other
// files must have no diagnostics, and combined.kql's union must have one column per name.
// Run from the repo root: node rules/T1543.002/validate.mjs (exit status 1 on any failure).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const require = createRequire(join(repo, 'package.json'));
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const K = globalThis.Kusto.Language;

const schemaSource = readFileSync(join(repo, 'packages/common/src/defender-schema.ts'), 'utf8');
function tableSymbol(name) {
  const start = schemaSource.indexOf(`name: '${name}'`);
  const body = schemaSource.slice(start, schemaSource.indexOf('};', start));
  const columns = [...body.matchAll(/\{ name: '(\w+)', type: '(\w+)' \}/g)].map((m) => `${m[1]}:${m[2]}`);
  if (columns.length === 0) throw new Error(`no columns found for ${name}`);
  return new K.Symbols.TableSymbol.$ctor7(name, `(${columns.join(', ')})`, null);
}
const database = new K.Symbols.DatabaseSymbol.$ctor2('defender', null, [tableSymbol('DeviceFileEvents'), tableSymbol('DeviceProcessEvents')]);
const globals = K.GlobalState.Default.WithDatabase(database);

function analyse(file) {
  const text = readFileSync(join(here, file), 'utf8');
  const code = K.KustoCode.ParseAndAnalyze(text, globals);
  const list = code.GetDiagnostics();
  const diagnostics = [];
  for (let i = 0; i < list.Count; i += 1) {
    const d = list.getItem(i);
    const before = text.slice(0, d.Start);
    diagnostics.push({ code: d.Code, message: d.Message, line: before.split('\n').length, column: d.Start - before.lastIndexOf('\n'), text: text.substr(d.Start, d.Length) });
  }
  const columns = [];
  const result = code.ResultType;
  if (result?.Columns) for (let i = 0; i < result.Columns.Count; i += 1) columns.push(`${result.Columns.getItem(i).Name}:${result.Columns.getItem(i).Type.Name}`);
  return { diagnostics, columns };
}

let failures = 0;
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures += 1;
};

const published = analyse('published.kql').diagnostics;
check(
  published.length === 1 && published[0].code === 'KS142' && published[0].text === 'AccountName' && published[0].line === 21 && published[0].column === 34,
  `published.kql: ${published.map((d) => `${d.code} '${d.text}' at ${d.line}:${d.column}`).join('; ')}`,
);
for (const file of ['detection1.kql', 'detection2.kql', 'combined.kql']) {
  const { diagnostics } = analyse(file);
  check(diagnostics.length === 0, `${file}: ${diagnostics.length} diagnostics ${diagnostics.map((d) => `${d.code} ${d.message} at ${d.line}:${d.column}`).join('; ')}`);
}
const d1 = analyse('detection1.kql').columns;
check(d1.join(',') === 'Timestamp:datetime,DeviceName:string,AccountName:string,ActionType:string,FolderPath:string,FileName:string,InitiatingProcessFileName:string,InitiatingProcessCommandLine:string,InitiatingProcessAccountName:string,IsUserLevelService:bool,IsSuspiciousName:bool', `detection1.kql columns: ${d1.join(', ')}`);
const combined = analyse('combined.kql').columns;
const names = combined.map((c) => c.split(':')[0]);
check(combined.length === 14 && new Set(names).size === names.length && !names.some((n) => /_(string|bool|long|datetime)$/.test(n)), `combined.kql columns: ${combined.join(', ')}`);
process.exitCode = failures === 0 ? 0 : 1;
