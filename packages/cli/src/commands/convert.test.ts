import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { formatDatetime } from '@kqlr/common';
import { openInputs } from '@kqlr/readers';
import { UserError } from '../exit-codes.js';
import { registerConvertCommand } from './convert.js';

const line = (i: number, table: string) => JSON.stringify({
  category: `AdvancedHunting-${table}`,
  properties: { Timestamp: `2024-05-14T10:22:3${i}.123456${i}Z`, DeviceName: 'web01', ActionType: 'X', FileName: `f${i}` },
});

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerConvertCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'kqlr', 'convert', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('kqlr convert', () => {
  it.each(['parquet', 'arrow'])('writes one %s file per table, readable with ticks intact; refuses to overwrite without --force', async (to) => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlr-convert-'));
    const input = join(dir, 'in.json');
    writeFileSync(input, [line(1, 'DeviceFileEvents'), line(2, 'DeviceProcessEvents'), line(3, 'DeviceFileEvents')].join('\n'));
    const out = join(dir, 'out');
    const stdout = await run(['--data', input, '--to', to, '--out', out]);
    expect(stdout).toMatch(new RegExp(`DeviceFileEvents: 2 rows -> .*DeviceFileEvents\\.${to}`));
    expect(readdirSync(out).sort()).toEqual([`DeviceFileEvents.${to}`, `DeviceProcessEvents.${to}`]);
    const set = await openInputs([{ path: join(out, `DeviceFileEvents.${to}`) }]);
    const rows: unknown[] = [];
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['Timestamp', 'FileName'] })) rows.push(...b.toArray().map((r) => r.toJSON()));
    expect(rows.map((r) => (r as { FileName: string }).FileName)).toEqual(['f1', 'f3']);
    expect(formatDatetime((rows[1] as { Timestamp: bigint }).Timestamp)).toBe('2024-05-14T10:22:33.1234563Z');
    await expect(run(['--data', input, '--to', to, '--out', out])).rejects.toThrow(UserError);
    await expect(run(['--data', input, '--to', to, '--out', out])).rejects.toThrow(/already exists \(use --force/);
    await run(['--data', input, '--to', to, '--out', out, '--force']);
    expect(readdirSync(out).some((f) => f.includes('.tmp-'))).toBe(false);
  });

  it('writes Arrow batches of up to CONVERT_BATCH_ROWS rows (not the readers\' 16 Ki), many-valued strings plain, few-valued as dictionaries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlr-convert-'));
    const input = join(dir, 'DeviceFileEvents.json');
    const rows = 20_000;
    writeFileSync(input, Array.from({ length: rows }, (_, i) => JSON.stringify({
      Timestamp: '2024-05-14T10:22:30Z', DeviceName: `web0${i % 3}`, ActionType: 'FileCreated', FileName: `f${i}.txt`, FolderPath: `/srv/${i}/f${i}.txt`,
    })).join('\n'));
    const out = join(dir, 'out');
    await run(['--data', `DeviceFileEvents=${input}`, '--to', 'arrow', '--out', out]);
    const { RecordBatchReader } = await import('apache-arrow');
    const { readFileSync } = await import('node:fs');
    const batches = [...RecordBatchReader.from(readFileSync(join(out, 'DeviceFileEvents.arrow')))];
    expect(batches.map((b) => b.numRows)).toEqual([rows]);
    const type = (name: string) => String(batches[0]!.schema.fields.find((f) => f.name === name)!.type);
    expect(type('FolderPath')).toBe('Utf8');
    expect(type('DeviceName')).toMatch(/^Dictionary</);
    expect(batches[0]!.getChild('FolderPath')!.get(19_999)).toBe('/srv/19999/f19999.txt');
    expect(batches[0]!.getChild('DeviceName')!.get(19_999)).toBe('web01');
  });

  it('--strict turns the first malformed record into a UserError naming file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlr-convert-'));
    const input = join(dir, 'in.json');
    writeFileSync(input, `${line(1, 'DeviceFileEvents')}\n{"category":"AdvancedHunting-DeviceFileEvents","prop\n`);
    await expect(run(['--data', input, '--to', 'parquet', '--out', join(dir, 'o'), '--strict'])).rejects.toThrow(/in\.json:2: invalid JSON/);
    expect(existsSync(join(dir, 'o', 'DeviceFileEvents.parquet'))).toBe(false);
  });

  it('accepts several inputs, repeated or variadic, and Table=PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlr-convert-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const c = join(dir, 'c.json');
    writeFileSync(a, line(1, 'DeviceFileEvents'));
    writeFileSync(b, line(2, 'DeviceFileEvents'));
    writeFileSync(c, JSON.stringify({ Timestamp: '2024-05-14T10:22:31Z', FileName: 'flat' }));
    const out = await run(['--data', a, b, '--data', `DeviceFileEvents=${c}`, '--to', 'arrow', '--out', join(dir, 'o')]);
    expect(out).toMatch(/DeviceFileEvents: 3 rows/);
  });

  it('rejects an unknown --to', async () => {
    await expect(run(['--data', 'x', '--to', 'csv', '--out', 'y'])).rejects.toThrow(/unknown --to 'csv'/);
  });
});
