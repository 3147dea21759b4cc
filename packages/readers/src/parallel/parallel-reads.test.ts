import { describe, expect, it } from 'vitest';
import type { MalformedRecord } from '@kqlr/common';
import { openInputs } from '../open-inputs.js';
import type { InputSpec } from '../input-spec.js';
import { tempDir, writeTemp } from '../test-helpers.js';

/**
 * Worker-thread reads (parallel-reads.ts) against the one-thread read of the same file: same rows
 * in the same order, same malformed lines. `parallelMinBytes: 1` cuts even small files in two
 * halves at the line break after the middle byte (split-ranges.ts), which the files below aim at.
 */
async function read(spec: InputSpec, workers: number): Promise<{ names: string[]; malformed: MalformedRecord[]; events: number }> {
  const malformed: MalformedRecord[] = [];
  const set = await openInputs([spec], { workers, parallelMinBytes: 1, batchSize: 2, onMalformed: (m) => malformed.push(m) });
  const names: string[] = [];
  const scan = set.tables.get('DeviceFileEvents')!.scan({ columns: ['FolderPath', 'FileName'], textNeedles: ['/etc/systemd/'] });
  for await (const b of scan) names.push(...(b.getChild('FileName')!.toArray() as string[]));
  return { names, malformed, events: set.eventCount('DeviceFileEvents') };
}

const dir = tempDir();

describe('worker-thread reads', () => {
  it('JSON Lines: rows in file order and line numbers counted across ranges', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 200; i++) {
      if (i % 37 === 0) lines.push(`{"Timestamp":"not a time ${i}","FolderPath":"/tmp"}`);
      else lines.push(JSON.stringify({ Timestamp: '2024-05-14T10:00:00Z', FolderPath: i % 3 === 0 ? '/etc/systemd/system/' : '/tmp/x', FileName: `f${i}` }));
    }
    const path = writeTemp(dir, 'rows.jsonl', lines.join('\n'));
    const spec = { path, table: 'DeviceFileEvents' };
    const one = await read(spec, 0);
    expect(one.malformed.map((m) => m.line)).toEqual([37, 74, 111, 148, 185]);
    expect(one.names).toEqual(Array.from({ length: 66 }, (_, k) => `f${3 * (k + 1)}`).filter((n) => Number(n.slice(1)) % 37 !== 0));
    expect(await read(spec, 2)).toEqual(one);
  });

  it('CSV: a quoted field with line breaks across the cut is read whole (the rest re-read on one thread)', async () => {
    const rows = ['Timestamp,FolderPath,FileName', '2024-05-14T10:00:00Z,/etc/systemd/system/a,a'];
    rows.push(`2024-05-14T10:00:00Z,"/etc/systemd/system/${'x\n'.repeat(60)}",multi`);
    rows.push('2024-05-14T10:00:00Z,/etc/systemd/system/b,b', 'bad,"open"x,c', '2024-05-14T10:00:00Z,/etc/systemd/system/c,c');
    const path = writeTemp(dir, 'export.csv', rows.join('\n'));
    const spec = { path, table: 'DeviceFileEvents' };
    const one = await read(spec, 0);
    expect(one.names).toEqual(['a', 'multi', 'b', 'c']);
    // Header 1, a 2, the multi-line record 3-63 (60 line breaks in its field), b 64, the bad one 65.
    expect(one.malformed.map((m) => m.line)).toEqual([65]);
    expect(one.events).toBe(4);
    expect(await read(spec, 2)).toEqual(one);
  });

  it('CSV: ranges after the first read the header (columns in any order)', async () => {
    const rows = ['FileName,Timestamp,FolderPath'];
    for (let i = 0; i < 100; i++) rows.push(`n${i},2024-05-14T10:00:0${i % 10}Z,${i % 2 === 0 ? '/etc/systemd/x' : '/tmp'}`);
    const path = writeTemp(dir, 'reordered.csv', rows.join('\r\n'));
    const spec = { path, table: 'DeviceFileEvents' };
    const one = await read(spec, 0);
    expect(one.names).toHaveLength(50);
    expect(await read(spec, 2)).toEqual(one);
  });
});
