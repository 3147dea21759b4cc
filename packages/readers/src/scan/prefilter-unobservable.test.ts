import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { MalformedRecord } from '@kqlr/common';
import { openInputs } from '../open-inputs.js';
import type { InputSpec } from '../input-spec.js';
import type { ReaderScanOptions } from './scan-hints.js';
import { tempDir, writeTemp } from '../test-helpers.js';

/**
 * The raw-text prefilter is on by default, so it must be unobservable (ReaderOptions.textPrefilter):
 * for random files with random malformations and random needles (or none), a scan with the needles and one
 * without give the same rows that can match (a row whose FolderPath holds a needle, any case: what
 * the needles stand for), the same malformed reports (file, line, reason) in the same order, the
 * same event count, Timestamp range and other-table count, and the same strict-mode failure, at
 * every batch size, read on the calling thread or split into ranges read by worker threads.
 * Expected values come from the scan without the prefilter (every record parsed, one thread).
 */

const TS = fc.constantFrom(
  '"2024-05-14T10:00:00Z"', '"2024-05-14T10:00:00.1234567Z"', '"2024-05-15 09:00:00.123456789"', '"2024-05-14T10:00:00+02:00"',
  '""', 'null', '"yesterday"', '"2024-13-01T00:00:00Z"', '"2024-02-30T00:00:00Z"', '5', '"2024-05-1xT10:00:00Z"', '"2024-05-14T10:00:00.Z"',
  '"2024-05-14T10:00:00\\u005a"', 'true', '{"t":1}',
);
const LONG = fc.constantFrom('5', '"17"', '"-3"', '1.5', '"x"', 'null', 'true', '{"a":1}', '1e3', '12345678901234567890', '-0', '""', '"+4"', '"1.0"', '[1]');
const TEXT = fc.constantFrom(
  '/etc/systemd/system/a.service', '/ETC/SYSTEMD/SYSTEM/b', '/tmp/x', 'C:\\Windows\\c', 'a"b', 'résumé/systemd', 'plain', '',
);
/** A JSON string value, maybe escaped in ways that hide or reveal needle characters. */
const JSON_TEXT = fc.tuple(TEXT, fc.constantFrom(0, 1, 2, 3)).map(([t, how]) => {
  const plain = JSON.stringify(t);
  if (how === 1) return plain.replaceAll('/', '\\/');
  if (how === 2) return plain.replace(/s/g, '\\u0073');
  if (how === 3) return `${plain.slice(0, -1)}\\t"`;
  return plain;
});
const STRINGISH = fc.oneof({ weight: 6, arbitrary: JSON_TEXT }, { weight: 1, arbitrary: fc.constantFrom('7', '{"p":"/etc/systemd/"}', 'null', 'false', '[1,"x"]') });

const KEY = (name: string) => fc.constantFrom(`"${name}"`, `"${name.toLowerCase()}"`, `"${name}"`, `"${name}"`);

const MEMBER = fc.oneof(
  fc.tuple(KEY('Timestamp'), TS),
  fc.tuple(KEY('FolderPath'), STRINGISH),
  fc.tuple(KEY('FileName'), STRINGISH),
  fc.tuple(KEY('FileSize'), LONG),
  fc.tuple(KEY('InitiatingProcessId'), LONG),
  fc.tuple(fc.constantFrom('"Extra"', '"TimeGenerated"', '"records"', '"schema"', '"Results"', '"ctg"'), fc.oneof(STRINGISH, LONG, TS)),
);
const OBJECT = fc.array(MEMBER, { maxLength: 7 }).map((ms) => `{${ms.map(([k, v]) => `${k}:${v}`).join(',')}}`);
const CATEGORY = fc.constantFrom(
  '"AdvancedHunting-DeviceFileEvents"', '"AdvancedHunting-DeviceFileEvents"', '"AdvancedHunting-DeviceProcessEvents"',
  '"AdvancedHunting-DeviceNetworkEvents"', '"DeviceFileEvents"', '5',
);
const STREAMING = fc.tuple(CATEGORY, fc.oneof({ weight: 5, arbitrary: OBJECT }, { weight: 1, arbitrary: fc.constantFrom('"x"', 'null', '[]') }), fc.boolean())
  .map(([c, p, first]) => (first ? `{"time":"t","category":${c},"properties":${p}}` : `{"properties":${p},"tenantId":"x","category":${c}}`));

/** A line of any kind, then maybe broken: cut, garbage appended, control bytes, whitespace. */
function jsonLine(record: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const whole = fc.oneof(
    { weight: 12, arbitrary: record },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', '[1,2]', 'null', '"s"', '{}', '{"records":[{"FileName":"a"}]}', '[{"FolderPath":"/etc/systemd/"}]') },
  );
  return fc.tuple(whole, fc.constantFrom(0, 0, 0, 0, 1, 2, 3, 4), fc.nat()).map(([l, how, n]) => {
    if (how === 1) return l.slice(0, n % (l.length + 1));
    if (how === 2) return `${l} x`;
    if (how === 3) return `  ${l}\r`;
    if (how === 4) return l.replace('/', '/\u0001');
    return l;
  });
}

/** Sometimes none: a pass that asks for no row (`kqlr run --now latest`) must still see every record. */
const NEEDLES = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string[]>([]) },
  { weight: 4, arbitrary: fc.subarray(['/etc/systemd/', 'systemd', 'a"b', 'c\\w', '.service', 'Résumé', 'Tmp/X'], { minLength: 1 }) },
);
const COLUMNS = fc.subarray(['FileName', 'FileSize', 'InitiatingProcessId', 'Timestamp']).map((c) => ['FolderPath', ...c]);
const BATCH = fc.constantFrom(1, 2, 5, 16384);

interface Observed {
  rows: string[];
  malformed: MalformedRecord[];
  events: number;
  range: { min: bigint; max: bigint } | null;
  other: number;
  error: string | null;
}

type Mode = 'parse-all' | 'prefilter' | 'prefilter-on-workers';

async function observe(spec: InputSpec, table: string, needles: string[], columns: string[], batchSize: number, mode: Mode, strict: boolean): Promise<Observed> {
  const malformed: MalformedRecord[] = [];
  // Workers: every splittable file is cut into ranges however small (parallel/parallel-reads.ts).
  const threads = mode === 'prefilter-on-workers' ? { workers: 2, parallelMinBytes: 1 } : { workers: 0 };
  const set = await openInputs([spec], { strict, textPrefilter: mode !== 'parse-all', batchSize, ...threads, onMalformed: (m) => malformed.push(m) });
  const lower = needles.map((n) => n.toLowerCase());
  const rows: string[] = [];
  let error: string | null = null;
  const provider = set.tables.get(table);
  try {
    const options: ReaderScanOptions = { columns, textNeedles: needles };
    for await (const b of provider?.scan(options) ?? []) {
      for (const r of b.toArray()) {
        const o = r.toJSON() as Record<string, unknown>;
        const folder = String(o['FolderPath']).toLowerCase();
        if (lower.some((n) => folder.includes(n))) rows.push(JSON.stringify(o, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
      }
    }
  } catch (err) {
    error = (err as Error).message;
  }
  // A scan that stopped (strict) writes nothing (the CLI exits 2): only the failure itself is compared.
  if (error !== null) return { rows: [], malformed, events: -1, range: null, other: -1, error };
  return { rows, malformed, events: set.eventCount(table), range: set.timestampRange(), other: set.statsOfFile(spec.path)?.otherTableRecords ?? 0, error };
}

async function expectUnobservable(spec: InputSpec, table: string, needles: string[], columns: string[], batchSize: number): Promise<void> {
  for (const strict of [false, true]) {
    const full = await observe(spec, table, needles, columns, batchSize, 'parse-all', strict);
    expect(await observe(spec, table, needles, columns, batchSize, 'prefilter', strict)).toEqual(full);
    expect(await observe(spec, table, needles, columns, batchSize, 'prefilter-on-workers', strict)).toEqual(full);
  }
}

/** Cases per property (a longer run: KQLR_PREFILTER_RUNS=2000). */
const RUNS = Number(process.env['KQLR_PREFILTER_RUNS'] ?? 150);
const dir = tempDir();
let serial = 0;

describe('the raw-text prefilter is unobservable (JSON Lines)', () => {
  test.prop([fc.array(jsonLine(OBJECT), { minLength: 1, maxLength: 12 }), NEEDLES, COLUMNS, BATCH], { numRuns: RUNS, seed: 7301 })(
    'flat rows: same matching rows, malformed reports, counts and strict failure',
    async (lines, needles, columns, batchSize) => {
      const path = writeTemp(dir, `flat-${serial++}.jsonl`, ['{"Timestamp":"2024-05-14T00:00:00Z","FolderPath":"/first"}', ...lines].join('\n'));
      await expectUnobservable({ path, table: 'DeviceFileEvents', format: 'json' }, 'DeviceFileEvents', needles, columns, batchSize);
    },
  );

  test.prop([fc.array(jsonLine(STREAMING), { minLength: 1, maxLength: 12 }), NEEDLES, COLUMNS, BATCH, fc.boolean()], { numRuns: RUNS, seed: 7302 })(
    'Streaming API records of several tables: same rows, reports, counts (also other-table records)',
    async (lines, needles, columns, batchSize, crlf) => {
      const first = '{"time":"t","category":"AdvancedHunting-DeviceFileEvents","properties":{"Timestamp":"2024-05-14T00:00:00Z"}}';
      const path = writeTemp(dir, `streaming-${serial++}.jsonl`, [first, ...lines].join(crlf ? '\r\n' : '\n'));
      await expectUnobservable({ path }, 'DeviceFileEvents', needles, columns, batchSize);
      await expectUnobservable({ path }, 'DeviceProcessEvents', ['/etc/systemd/'], ['FolderPath'], batchSize);
    },
  );

  test.prop([fc.array(jsonLine(OBJECT), { minLength: 1, maxLength: 6 }), NEEDLES, BATCH], { numRuns: Math.ceil(RUNS / 4), seed: 7303 })(
    'a byte-order mark, invalid UTF-8 and a final line without a line break',
    async (lines, needles, batchSize) => {
      const text = ['{"Timestamp":"2024-05-14T00:00:00Z","FolderPath":"/etc/systemd/"}', ...lines].join('\n');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8'), Buffer.from([0x0a, 0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])]);
      const path = writeTemp(dir, `bom-${serial++}.jsonl`, bytes);
      await expectUnobservable({ path, table: 'DeviceFileEvents', format: 'json' }, 'DeviceFileEvents', needles, ['FolderPath', 'FileSize'], batchSize);
    },
  );
});

/**
 * Files whose lines share one layout (the same keys in the same order, the same separators), as
 * exports write them: the check then matches lines against the layouts it learned
 * (formats/json/json-line-shape.ts) rather than walking each line. Values vary, also in kind
 * (a number where a string was, an object, a Timestamp in another form), and lines are broken as
 * above, so every way out of a layout is taken.
 */
const SHAPE_TS = fc.oneof(
  TS,
  fc.constantFrom(
    '"2024-05-14T10:00:00.1234567Z"', '"2024-02-29T23:59:59.9999999Z"', '"2023-02-29T10:00:00.0000000Z"', '"2024-04-31T10:00:00.0000000Z"',
    '"2024-05-14T24:00:00.1234567Z"', '"2024-05-14T10:60:00.1234567Z"', '"2024-05-14T10:00:60.1234567Z"', '"2024-05-14T10:00:00.123456xZ"',
    '"0000-01-01T00:00:00.0000000Z"', '"9999-12-31T23:59:59.9999999Z"', '"1969-12-31T23:59:59.9999999Z"', '"2024-00-10T10:00:00.0000000Z"',
    '"2024-05-14 10:00:00.1234567Z"', '"2024-05-14T10:00:00.1234567+"', '"2024-05-14T10:00:00.12345678"',
  ),
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => `"${d.toISOString().replace('Z', '0000Z')}"`),
);
const SHAPE_VALUE: Record<string, fc.Arbitrary<string>> = {
  Timestamp: SHAPE_TS,
  FolderPath: STRINGISH,
  FileName: STRINGISH,
  FileSize: LONG,
  InitiatingProcessId: fc.oneof(LONG, fc.constantFrom('2147483648', '-2147483648', '"2147483647"', '"99999999999"')),
  Extra: fc.oneof(STRINGISH, LONG, fc.constantFrom('{"a":[1,{"b":null}]}', '[]', '"x\\\\y"', '"tab\\there"', '"\\u0041"', '"\\x"')),
};
const LAYOUT = fc.record({
  keys: fc.shuffledSubarray(Object.keys(SHAPE_VALUE), { minLength: 1 }).chain((ks) => fc.tuple(...ks.map((k) => KEY(k).map((text) => [k, text] as const)))),
  comma: fc.constantFrom(',', ',', ', '),
  colon: fc.constantFrom(':', ':', ': '),
});
type Layout = { keys: (readonly [string, string])[]; comma: string; colon: string };

/** Lines of one layout, each maybe broken (jsonLine). */
function layoutLines(layout: Layout, count: number, wrap: (row: string) => fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  const row = fc.tuple(...layout.keys.map(([k]) => SHAPE_VALUE[k]!))
    .map((vs) => `{${layout.keys.map(([, text], i) => `${text}${layout.colon}${vs[i]}`).join(layout.comma)}}`);
  return fc.array(jsonLine(row.chain(wrap)), { minLength: 2, maxLength: count });
}

describe('the raw-text prefilter is unobservable (JSON Lines of one layout)', () => {
  test.prop([LAYOUT.chain((l) => layoutLines(l, 30, (r) => fc.constant(r))), NEEDLES, COLUMNS, BATCH], { numRuns: RUNS, seed: 7305 })(
    'flat rows: same matching rows, malformed reports, counts and strict failure',
    async (lines, needles, columns, batchSize) => {
      const path = writeTemp(dir, `layout-${serial++}.jsonl`, lines.join('\n'));
      await expectUnobservable({ path, table: 'DeviceFileEvents', format: 'json' }, 'DeviceFileEvents', needles, columns, batchSize);
    },
  );

  test.prop([LAYOUT.chain((l) => layoutLines(l, 30, (r) => CATEGORY.map((c) => `{"time":"t","category":${c},"properties":${r}}`))), NEEDLES, COLUMNS, BATCH],
    { numRuns: RUNS, seed: 7306 })(
    'Streaming API records of several tables around rows of one layout',
    async (lines, needles, columns, batchSize) => {
      // Detection reads the first line: a Streaming API record of the file's table.
      const first = '{"time":"t","category":"AdvancedHunting-DeviceFileEvents","properties":{"Timestamp":"2024-05-14T00:00:00Z"}}';
      const path = writeTemp(dir, `layout-streaming-${serial++}.jsonl`, [first, ...lines].join('\n'));
      await expectUnobservable({ path }, 'DeviceFileEvents', needles, columns, batchSize);
      await expectUnobservable({ path }, 'DeviceProcessEvents', ['/etc/systemd/'], ['FolderPath'], batchSize);
    },
  );
});

describe('the raw-text prefilter is unobservable (JSON Lines whose layout settles late)', () => {
  // Hundreds of lines of changing key order make the check stop trying its shapes for a while
  // (json-line-check.ts); the lines of one layout after them are still read exactly.
  const KEYS = ['Timestamp', 'FolderPath', 'FileName', 'FileSize', 'InitiatingProcessId'];
  const RANDOM_ORDER = fc.tuple(fc.shuffledSubarray(KEYS, { minLength: 1 }), fc.constantFrom('"2024-05-14T10:00:00.1234567Z"', '"2024-02-30T10:00:00.0000000Z"', '5'))
    .map(([ks, ts]) => `{${ks.map((k) => `"${k}":${k === 'Timestamp' ? ts : k.startsWith('F') && k !== 'FileSize' ? '"/tmp/x"' : '7'}`).join(',')}}`);
  test.prop([fc.array(RANDOM_ORDER, { minLength: 300, maxLength: 400 }), LAYOUT.chain((l) => layoutLines(l, 300, (r) => fc.constant(r))), NEEDLES, COLUMNS],
    { numRuns: Math.max(3, Math.ceil(RUNS / 30)), seed: 7307 })(
    'same matching rows, malformed reports, counts and strict failure',
    async (early, late, needles, columns) => {
      const path = writeTemp(dir, `settling-${serial++}.jsonl`, [...early, ...late, ...early.slice(0, 50)].join('\n'));
      await expectUnobservable({ path, table: 'DeviceFileEvents', format: 'json' }, 'DeviceFileEvents', needles, columns, 16384);
    },
  );
});

const CSV_TS = fc.constantFrom('2024-05-14T10:00:00Z', '2024-05-14T10:00:00.1234567Z', '2024-05-15 09:00:00', '', 'yesterday', '2024-13-01T00:00:00Z', '"2024-05-14T10:00:00Z"', '"2024-05-14T10:00:00""Z"');
const CSV_LONG = fc.constantFrom('5', '-3', '+4', 'x', '', '1.5', '"7"', '""');
const CSV_TEXT = fc.constantFrom(
  '/etc/systemd/system/a.service', '/ETC/SYSTEMD/b', '/tmp/x', '"a,b"', '"say ""a""b"', '"multi\nline /etc/systemd/"', '"cr\r\nlf"',
  'résumé', '', 'lone\rcr', '"open', '"x"y', 'a"b',
);
const CSV_ROW = fc.tuple(CSV_TS, CSV_TEXT, CSV_TEXT, CSV_LONG, fc.constantFrom(0, 0, 0, 1, 2, 3)).map(([ts, folder, name, size, how]) => {
  const fields = [ts, folder, name, size];
  if (how === 1) fields.pop();
  if (how === 2) fields.push('extra');
  if (how === 3) return '';
  return fields.join(',');
});
const CSV_HEADER = fc.constantFrom('Timestamp,FolderPath,FileName,FileSize', 'Timestamp,FolderPath,FileName,FileSize', 'FileSize,FolderPath,FileName,Timestamp');

describe('the raw-text prefilter is unobservable (Defender portal CSV)', () => {
  test.prop([CSV_HEADER, fc.array(CSV_ROW, { minLength: 1, maxLength: 12 }), NEEDLES, COLUMNS, BATCH, fc.boolean(), fc.boolean()], { numRuns: RUNS, seed: 7304 })(
    'same matching rows, malformed reports (field counts, quotes, values), counts and strict failure',
    async (header, rows, needles, columns, batchSize, crlf, finalBreak) => {
      // A reordered header gives the same fields other columns (other checks).
      const eol = crlf ? '\r\n' : '\n';
      const text = [header, ...rows].join(eol) + (finalBreak ? eol : '');
      const path = writeTemp(dir, `export-${serial++}.csv`, text);
      await expectUnobservable({ path, table: 'DeviceFileEvents', format: 'defender-csv' }, 'DeviceFileEvents', needles, columns, batchSize);
    },
  );
});
