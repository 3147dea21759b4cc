#!/usr/bin/env node
// Independent check of the demo files: reads the three formats with its own small parsers, applies
// rules/T1543.002/detection1.kql's predicates as shared/kql-semantics.md §5.3 defines them, and compares
// the hits with the hand-derived list in expected-detection1.json. Exit status 1 on any difference.
// Run: node datasets/demo/verify.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const read = (name) => readFileSync(join(here, name), 'utf8');
const expected = JSON.parse(read('expected-detection1.json'));

// --- KQL string semantics (ASCII case folding; term characters [A-Za-z0-9]) ---
const isTerm = (c) => c !== undefined && /[A-Za-z0-9]/.test(c);
export function has(haystack, needle) {
  const h = haystack.toLowerCase();
  const n = needle.toLowerCase();
  for (let i = h.indexOf(n); i !== -1; i = h.indexOf(n, i + 1)) {
    const startOk = !isTerm(n[0]) || i === 0 || !isTerm(h[i - 1]);
    const endOk = !isTerm(n[n.length - 1]) || i + n.length === h.length || !isTerm(h[i + n.length]);
    if (startOk && endOk) return true;
  }
  return false;
}
const hasAny = (s, needles) => needles.some((n) => has(s, n));
const PATHS = ['/etc/systemd/system/', '/lib/systemd/system/', '/usr/lib/systemd/system/', '/run/systemd/system/', '.config/systemd/user/', '/etc/systemd/user/'];
const NAMES = ['syslogd', 'systemd-network', 'systemd-resolve', 'kthreadd', 'netns', 'cron2', 'update-rc', 'sshd2', 'rsyslogd'];

/** Ticks since epoch from ISO text with up to 7 fraction digits (`Z`), or Sysmon's `YYYY-MM-DD hh:mm:ss.fff`. */
function ticks(text) {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z?$/.exec(text);
  if (!m) throw new Error(`bad time ${text}`);
  return BigInt(Date.parse(`${m[1]}T${m[2]}Z`)) * 10_000n + BigInt((m[3] ?? '').padEnd(7, '0'));
}

function detection1(rows, now) {
  const since = now - 24n * 36_000_000_000n;
  return rows
    .filter((r) => ticks(r.Timestamp) > since)
    .filter((r) => r.ActionType === 'FileCreated' || r.ActionType === 'FileModified')
    .filter((r) => hasAny(r.FolderPath, PATHS))
    .filter((r) => r.FileName.toLowerCase().endsWith('.service'))
    .map((r) => ({
      DeviceName: r.DeviceName,
      ActionType: r.ActionType,
      FolderPath: r.FolderPath,
      IsUserLevelService: r.FolderPath.toLowerCase().includes('.config/systemd/user'),
      IsSuspiciousName: hasAny(r.FileName, NAMES),
    }));
}

// --- format readers ---
function streamingRows(text) {
  return text.split('\n').filter((l) => l.trim() !== '').map(JSON.parse)
    .filter((r) => r.category === 'AdvancedHunting-DeviceFileEvents').map((r) => r.properties);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  const [header, ...body] = records;
  return body.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i]])));
}

const unescapeXml = (s) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** Sysmon EventID 11/23 -> DeviceFileEvents-shaped rows (telemetry-formats §5.1). */
export function sysmonFileRows(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(': <Event>');
    if (at === -1 || !/ sysmon(\[\d+\])?$/.test(line.slice(0, at))) continue;
    const xml = line.slice(at + 2);
    const eventId = /<EventID>(\d+)<\/EventID>/.exec(xml)[1];
    if (eventId !== '11' && eventId !== '23') continue;
    const data = Object.fromEntries([...xml.matchAll(/<Data Name="(\w+)">([^<]*)<\/Data>/g)].map((m) => [m[1], unescapeXml(m[2])]));
    const path = data.TargetFilename;
    rows.push({
      Timestamp: data.UtcTime,
      DeviceName: /<Computer>([^<]*)<\/Computer>/.exec(xml)[1],
      ActionType: eventId === '11' ? 'FileCreated' : 'FileDeleted',
      FolderPath: path,
      FileName: path.slice(path.lastIndexOf('/') + 1),
    });
  }
  return rows;
}

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
