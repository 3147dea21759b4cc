import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dictionary, tableToIPC, Table, Utf8, vectorFromArray, type RecordBatch } from 'apache-arrow';
import { arrowSchemaFor, DEFENDER_TABLES, formatDatetime } from '@kqlr/common';
import { InputError } from './input-error.js';
import { parseInputSpec } from './input-spec.js';
import { openInputs } from './open-inputs.js';
import { readAll, tempDir, writeTemp } from './test-helpers.js';
import { writeBatches } from './write/write-table.js';

const streamLine = (i: number, ts: string) => JSON.stringify({
  category: 'AdvancedHunting-DeviceFileEvents',
  properties: { Timestamp: ts, DeviceName: `host-${i % 3}`, ActionType: i % 2 ? 'FileCreated' : 'FileDeleted', FileName: `f${i}.service`,
    FolderPath: `/etc/systemd/system/f${i}.service`, InitiatingProcessCommandLine: `cmd ${i}`, FileSize: i, IsAzureInfoProtectionApplied: i % 2 === 0 },
});
const jsonl = (n: number) => Array.from({ length: n }, (_, i) => streamLine(i, `2024-05-14T10:22:${String(i % 60).padStart(2, '0')}.${String(1234567 + i).slice(0, 7)}Z`)).join('\n');

describe('parseInputSpec', () => {
  it('reads PATH and Table=PATH', () => {
    expect(parseInputSpec('data/x.csv')).toEqual({ path: 'data/x.csv' });
    expect(parseInputSpec('DeviceFileEvents=data/x.csv')).toEqual({ path: 'data/x.csv', table: 'DeviceFileEvents' });
    expect(parseInputSpec('./a=b.csv')).toEqual({ path: './a=b.csv' });
    expect(() => parseInputSpec('')).toThrow(InputError);
  });
});

describe('openInputs: detection, directories, globs, gzip, bad files', () => {
  it('detects by content, not by extension, and an explicit format wins', async () => {
    const dir = tempDir();
    const p = writeTemp(dir, 'looks-like.csv', jsonl(3));
    const set = await openInputs([{ path: p }]);
    expect(set.files[0]!.format).toBe('json');
    await expect(openInputs([{ path: p, format: 'defender-csv', table: 'DeviceFileEvents' }])).resolves.toBeDefined();
  });

  it('gzip is detected by magic bytes and gives the same rows; a truncated gzip is a clear error', async () => {
    const dir = tempDir();
    const plain = await readAll([{ path: writeTemp(dir, 'a.json', jsonl(50)) }], 'DeviceFileEvents');
    const gz = gzipSync(Buffer.from(jsonl(50)));
    const zipped = await readAll([{ path: writeTemp(dir, 'a.data', gz) }], 'DeviceFileEvents');
    expect(zipped.rows).toEqual(plain.rows);
    expect(zipped.set.files[0]!.gzip).toBe(true);
    const big = gzipSync(Buffer.from(jsonl(5000)));
    const cut = writeTemp(dir, 'cut.json.gz', big.subarray(0, Math.floor(big.length * 0.6)));
    const err = await readAll([{ path: cut }], 'DeviceFileEvents').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/cut\.json\.gz: truncated gzip file/);
  });

  it('directories and globs expand; non-telemetry files found by listing are skipped with a warning', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeTemp(dir, 'README.md', '# notes\nsome text\n');
    writeTemp(join(dir, 'sub'), 'b.json', jsonl(2));
    writeTemp(dir, 'a.json', jsonl(3));
    const r = await readAll([{ path: dir }], 'DeviceFileEvents');
    expect(r.rows).toHaveLength(5);
    expect(r.warnings.join()).toMatch(/README\.md/);
    const g = await readAll([{ path: join(dir, '**', '*.json') }], 'DeviceFileEvents');
    expect(g.rows).toHaveLength(5);
    await expect(openInputs([{ path: join(dir, '*.nothing') }])).rejects.toThrow(/no file matches/);
  });

  it('clear errors: missing file, empty file, binary garbage, unknown table', async () => {
    const dir = tempDir();
    await expect(openInputs([{ path: join(dir, 'nope.csv') }])).rejects.toThrow(/nope\.csv: cannot read input \(no such file\)/);
    await expect(openInputs([{ path: writeTemp(dir, 'e.csv', '') }])).rejects.toThrow(/e\.csv: empty file/);
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expect(openInputs([{ path: writeTemp(dir, 'g.bin', garbage) }])).rejects.toThrow(/g\.bin: unrecognised format: binary data/);
    await expect(openInputs([{ path: writeTemp(dir, 'x.json', jsonl(1)), table: 'DeviceLogonEvents' }])).rejects.toThrow(/unknown table "DeviceLogonEvents"/);
  });

  it('warns once about a file read again after a scan stopped early', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `2024-05-14T10:22:0${i}Z,f${i}.service,x`);
    const p = writeTemp(tempDir(), 'extra.csv', ['Timestamp,FileName,Foo', ...rows].join('\n'));
    const told: string[] = [];
    const set = await openInputs([{ path: p, table: 'DeviceFileEvents' }], { batchSize: 1, onWarning: (m) => told.push(m) });
    const table = set.tables.get('DeviceFileEvents')!;
    for await (const b of table.scan({ columns: ['FileName'] })) {
      void b;
      break; // the file is not read to its end: it is not marked reported
    }
    let n = 0;
    for await (const b of table.scan({ columns: ['FileName'] })) n += b.numRows;
    expect(n).toBe(5);
    expect(told).toEqual([`${p}: 1 column(s) not in DeviceFileEvents ignored: Foo`]);
    expect(set.warnings).toEqual(told);
  });

  it('reports a malformed record once when a scan that stopped early read it and another reads the file again', async () => {
    // Line 3 is broken, line 6 holds two records that are not objects (a one-line array), line 9 is
    // broken: the early scan stops between lines 6 and 9. Batches of one row, so it can stop there.
    const lines = jsonl(8).split('\n');
    const text = [lines[0], lines[1], '{"broken', lines[2], lines[3], '[1, 2]', lines[4], lines[5], 'garbage', lines[6], lines[7]].join('\n');
    const p = writeTemp(tempDir(), 'bad.json', text);
    const told: string[] = [];
    const set = await openInputs([{ path: p }], { batchSize: 1, onMalformed: (m) => told.push(`${m.line}: ${m.reason}`) });
    const table = set.tables.get('DeviceFileEvents')!;
    let rows = 0;
    for await (const b of table.scan({ columns: ['FileName'] })) {
      rows += b.numRows;
      if (rows === 5) break; // at line 7: the records of lines 3 and 6 were reported, not line 9's
    }
    expect(told).toEqual(['3: invalid JSON (Unterminated string in JSON at position 8)', '6: expected a JSON object, found number', '6: expected a JSON object, found number']);
    expect(set.malformedCount()).toBe(0); // an unfinished scan's counts do not stay
    let n = 0;
    for await (const b of table.scan({ columns: ['FileName', 'DeviceName'] })) n += b.numRows;
    expect(n).toBe(8);
    expect(told).toEqual([
      '3: invalid JSON (Unterminated string in JSON at position 8)',
      '6: expected a JSON object, found number',
      '6: expected a JSON object, found number',
      "9: invalid JSON (Unexpected token 'g', \"garbage\" is not valid JSON)",
    ]);
    expect(set.malformedCount()).toBe(4);
    // A third scan finds the file reported: nothing more is told or counted.
    for await (const b of table.scan({ columns: ['FileName'] })) void b;
    expect(told).toHaveLength(4);
    expect(set.malformedCount()).toBe(4);
  });

  it('reports a record the early scan did not read as malformed (a column it did not read), even before where that scan stopped', async () => {
    const lines = jsonl(6).split('\n');
    const badSize = lines[1]!.replace('"FileSize":1', '"FileSize":"abc"');
    const p = writeTemp(tempDir(), 'size.json', [lines[0], badSize, '{"broken', lines[2], lines[3], lines[4], lines[5]].join('\n'));
    const told: string[] = [];
    const set = await openInputs([{ path: p }], { batchSize: 1, onMalformed: (m) => told.push(`${m.line}: ${m.reason}`) });
    const table = set.tables.get('DeviceFileEvents')!;
    let rows = 0;
    for await (const b of table.scan({ columns: ['FileName'] })) if ((rows += b.numRows) === 4) break;
    // FileSize was not read: line 2 fits.
    expect(told).toEqual(['3: invalid JSON (Unterminated string in JSON at position 8)']);
    for await (const b of table.scan({ columns: ['FileSize'] })) void b;
    expect(told).toEqual(['3: invalid JSON (Unterminated string in JSON at position 8)', '2: not a long: "abc" in column FileSize']);
    expect(set.malformedCount()).toBe(2);
  });

  it('reports progress and the Timestamp range after a scan', async () => {
    const seen: number[] = [];
    const p = writeTemp(tempDir(), 'a.json', jsonl(10));
    const set = await openInputs([{ path: p }], { onProgress: (x) => seen.push(x.bytesRead) });
    expect(set.timestampRange()).toBeNull();
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName'] })) void b;
    expect(seen.at(-1)).toBe(set.totalBytes);
    const range = set.timestampRange()!;
    expect(formatDatetime(range.min)).toBe('2024-05-14T10:22:00.1234567Z');
    expect(formatDatetime(range.max)).toBe('2024-05-14T10:22:09.1234576Z');
  });
});

describe('Arrow batches: projection, dictionaries, batch size', () => {
  it('scan({columns}) returns only those columns in schema order, typed by the catalog', async () => {
    const set = await openInputs([{ path: writeTemp(tempDir(), 'a.json', jsonl(4)) }]);
    const batches: RecordBatch[] = [];
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName', 'Timestamp', 'FileSize'] })) batches.push(b);
    const fields = batches[0]!.schema.fields;
    expect(fields.map((f) => f.name)).toEqual(['Timestamp', 'FileName', 'FileSize']);
    expect(fields.map((f) => f.metadata.get('kql.type'))).toEqual(['datetime', 'string', 'long']);
    expect(String(fields[0]!.type)).toBe('Int64');
  });

  it('low-cardinality strings are dictionary-encoded with codes stable across batches; command lines stay Utf8', async () => {
    const set = await openInputs([{ path: writeTemp(tempDir(), 'a.json', jsonl(10)) }], { batchSize: 4 });
    const batches: RecordBatch[] = [];
    for await (const b of set.tables.get('DeviceFileEvents')!.scan()) batches.push(b);
    expect(batches.map((b) => b.numRows)).toEqual([4, 4, 2]);
    const dn = batches.map((b) => b.getChild('DeviceName')!);
    expect(dn[0]!.type).toBeInstanceOf(Dictionary);
    expect(batches[0]!.getChild('InitiatingProcessCommandLine')!.type).not.toBeInstanceOf(Dictionary);
    // host-0,1,2 get codes 0,1,2 in the first batch and keep them later.
    const codes = (v: typeof dn[0]) => Array.from(v!.data[0]!.values as Int32Array);
    expect(codes(dn[0])).toEqual([0, 1, 2, 0]);
    expect(codes(dn[2])).toEqual([2, 0]);
    expect(dn[2]!.toArray()).toEqual(['host-2', 'host-0']);
    expect(dn[0]!.data[0]!.dictionary!.toArray()).toEqual(['host-0', 'host-1', 'host-2']);
  });
});

describe('round trips (Arrow IPC stream/file and Parquet)', () => {
  it.each(['arrow', 'parquet'] as const)('%s: written and read back equal, 7-digit ticks exact', async (format) => {
    const dir = tempDir();
    const src = await openInputs([{ path: writeTemp(dir, 'a.json', jsonl(30)) }], { batchSize: 8 });
    const original = await readAll([{ path: src.files[0]!.path }], 'DeviceFileEvents');
    const out = join(dir, `DeviceFileEvents.${format}`);
    const res = await writeBatches(src.tables.get('DeviceFileEvents')!.scan(), out, format);
    expect(res.rows).toBe(30);
    const back = await readAll([{ path: out }], 'DeviceFileEvents');
    expect(back.set.files[0]!.format).toBe(format);
    expect(back.rows).toEqual(original.rows);
    expect(back.rows[7]!['Timestamp']).toBe(original.rows[7]!['Timestamp']);
    expect(formatDatetime(back.rows[7]!['Timestamp'] as bigint)).toBe('2024-05-14T10:22:07.1234574Z');
    const proj = await readAll([{ path: out }], 'DeviceFileEvents', {}, ['FolderPath']);
    expect(Object.keys(proj.rows[0]!)).toEqual(['FolderPath']);
    // A text format named for it is refused, not read as thousands of malformed records.
    const what = format === 'arrow' ? 'Arrow IPC \\((ARROW1 magic bytes|IPC continuation marker)' : 'Parquet \\(PAR1 magic bytes\\)';
    for (const named of ['json', 'defender-csv', 'sysmon'] as const) {
      await expect(openInputs([{ path: out, format: named, table: 'DeviceFileEvents' }])).rejects.toThrow(
        new RegExp(`DeviceFileEvents\\.${format}: not ${named}: the file is ${what}.*; name the format ${format}, or none to detect it$`),
      );
    }
  });

  it.each(['arrow', 'parquet'] as const)('%s: two input files (two dictionaries) round-trip into one output', async (format) => {
    const dir = tempDir();
    const a = writeTemp(dir, 'a.json', jsonl(12));
    const b = writeTemp(dir, 'b.json', Array.from({ length: 5 }, (_, i) => streamLine(i + 100, '2024-05-15T00:00:00.0000001Z')).join('\n'));
    const src = await openInputs([{ path: a }, { path: b }], { batchSize: 5 });
    const out = join(dir, `DeviceFileEvents.${format}`);
    await writeBatches(src.tables.get('DeviceFileEvents')!.scan(), out, format);
    const original = await readAll([{ path: a }, { path: b }], 'DeviceFileEvents');
    const back = await readAll([{ path: out }], 'DeviceFileEvents');
    expect(back.rows).toEqual(original.rows);
    expect(back.rows.at(-1)!['DeviceName']).toBe('host-2');
    expect(back.rows.at(-1)!['Timestamp']).toBe(17157312000000001n);
  });

  it('inputs with plain and dictionary strings for one table are written as one stream', async () => {
    const dir = tempDir();
    const plain = new Table({ DeviceName: vectorFromArray(['plain-host'], new Utf8()), FileName: vectorFromArray(['p.txt'], new Utf8()) });
    const arrowIn = writeTemp(dir, 'DeviceFileEvents.arrow', tableToIPC(plain, 'stream'));
    const jsonIn = writeTemp(dir, 'a.json', jsonl(3));
    const src = await openInputs([{ path: jsonIn }, { path: arrowIn }]);
    const out = join(dir, 'out.arrow');
    await writeBatches(src.tables.get('DeviceFileEvents')!.scan(), out, 'arrow');
    const back = await readAll([{ path: out, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
    expect(back.rows.map((r) => r['DeviceName'])).toEqual(['host-0', 'host-1', 'host-2', 'plain-host']);
    expect(back.rows[3]!['FileName']).toBe('p.txt');
  });

  it.each(['arrow', 'parquet'] as const)('%s: no batches + a schema gives a valid empty file; no schema is an error', async (format) => {
    const dir = tempDir();
    async function* none(): AsyncGenerator<RecordBatch> {}
    const out = join(dir, `DeviceFileEvents.${format}`);
    const res = await writeBatches(none(), out, format, arrowSchemaFor(DEFENDER_TABLES['DeviceFileEvents']!));
    expect(res.rows).toBe(0);
    const back = await readAll([{ path: out }], 'DeviceFileEvents');
    expect(back.rows).toEqual([]);
    await expect(writeBatches(none(), join(dir, `x.${format}`), format)).rejects.toThrow(/no batches and no schema/);
  });

  it('reads an Arrow IPC *file* (footer format) written by apache-arrow', async () => {
    const dir = tempDir();
    const src = await openInputs([{ path: writeTemp(dir, 'a.json', jsonl(5)) }]);
    const batches: RecordBatch[] = [];
    for await (const b of src.tables.get('DeviceFileEvents')!.scan({ columns: ['Timestamp', 'FileName', 'FileSize'] })) batches.push(b);
    const p = writeTemp(dir, 'x.bin', tableToIPC(new Table(batches), 'file'));
    const back = await readAll([{ path: p, table: 'DeviceFileEvents' }], 'DeviceFileEvents');
    expect(back.rows).toHaveLength(5);
    expect(back.rows[4]!['FileName']).toBe('f4.service');
    expect(back.rows[4]!['DeviceName']).toBe('');
    expect(back.rows[4]!['RequestSourcePort']).toBeNull();
  });
});

describe('binary garbage inside a text file', () => {
  it('is reported as malformed records, and the valid records around it are read', async () => {
    const garbage = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131) % 256).filter((b) => b !== 10));
    const dir = tempDir();
    const json = Buffer.concat([Buffer.from(jsonl(2) + '\n'), garbage, Buffer.from('\n' + streamLine(9, '2024-05-14T10:00:00Z') + '\n')]);
    const j = await readAll([{ path: writeTemp(dir, 'g.json', json) }], 'DeviceFileEvents');
    expect(j.rows.map((r) => r['FileName'])).toEqual(['f0.service', 'f1.service', 'f9.service']);
    expect(j.malformed.map((m) => m.line)).toEqual([3]);
    const csv = Buffer.concat([Buffer.from('Timestamp,ProcessId,ProcessCommandLine\n2024-05-14T10:00:00Z,1,a\n'), garbage.filter((b) => b !== 34 && b !== 13),
      Buffer.from('\n2024-05-14T10:00:01Z,2,b\n')]);
    const c = await readAll([{ path: writeTemp(dir, 'g.csv', csv) }], 'DeviceProcessEvents');
    expect(c.rows.map((r) => r['ProcessId'])).toEqual([1n, 2n]);
    expect(c.malformed.map((m) => m.line)).toEqual([3]);
  });
});
