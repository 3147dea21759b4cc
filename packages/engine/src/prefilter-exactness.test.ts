import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { RecordBatch } from 'apache-arrow';
import type { ScalarValue, ScanOptions, TableProvider } from '@kqlr/common';
import { openInputs } from '@kqlr/readers';
import { runQuery } from './index.js';

/**
 * The raw-text prefilter (performance-notes §2.2) must never change a result: every query runs
 * over the same file twice, once with the scan's text needles and once with them removed, and the
 * rows must be identical. The data is built to defeat a naive raw-text test: JSON escapes that
 * hide needle characters (`\/`, `\u002f`), needle characters that JSON escapes (`"`, `\`), case
 * variants including KELVIN SIGN (folds to `k`) and final sigma, and non-string JSON values in
 * string columns (numbers read as `String(n)`, objects as compact JSON).
 */

const FRAGMENTS = [
  '/etc/systemd/system/', '/ETC/Systemd/', 'x.service', '.SERVICE', 'kthreadd', '\u212Athreadd', 'sys', 'a"b', 'c\\d',
  'ΑΣ', 'σ', ' ', '1', 'e', '/', ':', 'User',
];
const value = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((fs) => fs.join(''));

type Encoded = { kind: 'string'; text: string; escapes: number } | { kind: 'number'; raw: string } | { kind: 'object'; raw: string };
const encoded: fc.Arbitrary<Encoded> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('string' as const), text: value, escapes: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('number' as const), raw: fc.constantFrom('1.0', '1e0', '10', '-0', '0.000000075', '123456789012345678901') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('object' as const), raw: fc.constantFrom('{"k": "sys"}', '[1.0, "a"]', '{ "User" : 1 }') }) },
);

/** JSON text of a value: 0 plain, 1 `/` as `\/`, 2 every letter as \u, 3 the first char as \u. */
function jsonText(e: Encoded): string {
  if (e.kind !== 'string') return e.raw;
  const plain = JSON.stringify(e.text);
  switch (e.escapes) {
    case 1:
      return plain.replaceAll('/', '\\/');
    case 2:
      return plain.replace(/[A-Za-z]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    case 3:
      return e.text.length === 0 ? plain : `"\\u${e.text.charCodeAt(0).toString(16).padStart(4, '0')}${plain.slice(2)}`;
    default:
      return plain;
  }
}

const row = fc.record({ action: fc.constantFrom('FileCreated', 'FileModified', 'FileDeleted'), folder: encoded, file: encoded, cmd: encoded });

interface Row { action: string; folder: Encoded; file: Encoded; cmd: Encoded }

function line(r: Row, i: number): string {
  const ts = `2024-05-1${i % 7}T10:00:00Z`;
  return `{"category":"AdvancedHunting-DeviceFileEvents","properties":{"Timestamp":"${ts}","ActionType":"${r.action}",` +
    `"FolderPath":${jsonText(r.folder)},"FileName":${jsonText(r.file)},"InitiatingProcessCommandLine":${jsonText(r.cmd)}}}`;
}

const QUERIES = [
  'where FolderPath has_any ("/etc/systemd/system/", ".config/systemd/user/")',
  'where FolderPath contains "ETC/SYSTEMD"',
  'where FileName endswith ".service" and FolderPath startswith "/etc/"',
  'where FileName has "kthreadd"',
  'where FileName has_cs "kthreadd" or InitiatingProcessCommandLine contains "a\\"b"',
  'where InitiatingProcessCommandLine contains @"c\\d"',
  'where FileName == "1" or FileName =~ "x.service"',
  'where FileName in ("7.5e-8", "-0", "{\\"k\\":\\"sys\\"}")',
  'where FileName == "123456789012345680000"',
  "where FileName contains '\"User\":1'",
  'where FileName contains "user"',
  'where InitiatingProcessCommandLine contains "σ"',
  'where FolderPath has_all ("etc", "systemd")',
  'where ActionType in ("FileCreated", "FileModified") and FileName endswith "service"',
  'where FileName in~ ("X.SERVICE", "kthreadd")',
];

/** The same provider with the text-needle hint removed: every line is parsed. */
function withoutNeedles(p: TableProvider): TableProvider {
  return {
    name: p.name,
    schema: p.schema,
    scan: (options?: ScanOptions): AsyncIterable<RecordBatch> => p.scan({ ...(options ?? {}), textNeedles: undefined } as ScanOptions),
  };
}

async function rowsOf(query: string, tables: ReadonlyMap<string, TableProvider>): Promise<ScalarValue[][]> {
  const r = await runQuery(`DeviceFileEvents | ${query} | project Timestamp, ActionType, FolderPath, FileName, InitiatingProcessCommandLine`, { tables });
  if (!r.ok) throw new Error(`${query}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.rows;
}

/** A CSV field: quoted when it must be, or when `force` says so; `""` for each quote inside. */
function csvField(text: string, force: boolean): string {
  return force || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_FRAGMENTS = [...FRAGMENTS, ',', '\n', '\r\n', '"', '""'];
const csvValue = fc.array(fc.constantFrom(...CSV_FRAGMENTS), { maxLength: 4 }).map((fs) => fs.join(''));
const csvRow = fc.record({
  action: fc.constantFrom('FileCreated', 'FileModified'), folder: csvValue, file: csvValue, cmd: csvValue, quote: fc.boolean(), crlf: fc.boolean(),
});

/** Every query returns the same rows from `provider` as from it with the prefilter hint removed. */
async function expectSameRowsWithoutNeedles(provider: TableProvider): Promise<void> {
  const plain = new Map([['DeviceFileEvents', withoutNeedles(provider)]]);
  const filtered = new Map([['DeviceFileEvents', provider]]);
  for (const q of QUERIES) {
    const expected = await rowsOf(q, plain);
    expect(await rowsOf(q, filtered), q).toEqual(expected);
  }
}

describe('raw-text prefilter exactness (Defender portal CSV)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-prefilter-csv-'));
  let n = 0;
  test.prop([fc.array(csvRow, { minLength: 1, maxLength: 25 }), fc.boolean()], { numRuns: 40, seed: 4712 })(
    'every query returns the same rows with and without the prefilter',
    async (rows, bom) => {
      const path = join(dir, `f${n++}.csv`);
      const header = 'Timestamp,ActionType,FolderPath,FileName,InitiatingProcessCommandLine';
      const body = rows.map((r, i) =>
        [`2024-05-1${i % 7}T10:00:00Z`, r.action, csvField(r.folder, r.quote), csvField(r.file, false), csvField(r.cmd, r.quote)].join(',') +
        (i === rows.length - 1 ? '' : r.crlf ? '\r\n' : '\n'));
      writeFileSync(path, (bom ? '\uFEFF' : '') + header + '\n' + body.join(''));
      const set = await openInputs([{ path, table: 'DeviceFileEvents', format: 'defender-csv' }]);
      await expectSameRowsWithoutNeedles(set.tables.get('DeviceFileEvents')!);
    },
    60_000,
  );
});

describe('raw-text prefilter exactness (JSON Lines)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-prefilter-'));
  let n = 0;
  test.prop([fc.array(row, { minLength: 1, maxLength: 25 })], { numRuns: 40, seed: 4711 })(
    'every query returns the same rows with and without the prefilter',
    async (rows) => {
      const path = join(dir, `f${n++}.jsonl`);
      writeFileSync(path, rows.map(line).join('\n'));
      const set = await openInputs([{ path }]);
      await expectSameRowsWithoutNeedles(set.tables.get('DeviceFileEvents')!);
    },
    60_000,
  );
});
