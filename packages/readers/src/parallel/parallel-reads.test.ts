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

/** A full scan (no text needles: every row parsed), its files cut into ranges of `rangeBytes`. */
async function readAll(spec: InputSpec, workers: number, rangeBytes: number): Promise<{ names: string[]; malformed: MalformedRecord[]; events: number }> {
  const malformed: MalformedRecord[] = [];
  const set = await openInputs([spec], { workers, parallelMinBytes: 1, fullScanRangeBytes: rangeBytes, batchSize: 3, onMalformed: (m) => malformed.push(m) });
  const names: string[] = [];
  for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName'] })) names.push(...(b.getChild('FileName')!.toArray() as string[]));
  return { names, malformed, events: set.eventCount('DeviceFileEvents') };
}

describe('worker-thread reads', () => {
  it('firstRowsSoon: a range sends its first sparse rows after 16 MiB instead of at its end; same rows', async () => {
    // ~40 MiB: two ranges of ~20 MiB, one row in 1,000 matching the needle.
    const filler = 'x'.repeat(300);
    const lines: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      const hit = i % 1000 === 0;
      lines.push(JSON.stringify({ Timestamp: '2024-05-14T10:00:00Z', FolderPath: hit ? '/etc/systemd/system/' : `/tmp/${filler}`, FileName: `f${i}` }));
    }
    const path = writeTemp(dir, 'big.jsonl', lines.join('\n'));
    const batches = async (firstRowsSoon: boolean): Promise<{ sizes: number[]; names: string[] }> => {
      const set = await openInputs([{ path, table: 'DeviceFileEvents' }], { workers: 2, parallelMinBytes: 1 });
      const sizes: number[] = [];
      const names: string[] = [];
      for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName'], textNeedles: ['/etc/systemd/'], firstRowsSoon } as object)) {
        sizes.push(b.numRows);
        names.push(...(b.getChild('FileName')!.toArray() as string[]));
      }
      return { sizes, names };
    };
    const usual = await batches(false);
    const soon = await batches(true);
    expect(usual.names).toEqual(Array.from({ length: 120 }, (_, k) => `f${k * 1000}`));
    expect(soon.names).toEqual(usual.names);
    // One batch per range, against a first one after 16 MiB of each range (~47 rows of its ~60).
    expect(usual.sizes).toHaveLength(2);
    expect(soon.sizes.length).toBeGreaterThan(2);
    expect(soon.sizes[0]).toBeLessThan(usual.sizes[0]!);
  });

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

  it('full scans (no usable needles): many small ranges, two per worker handed out ahead, give the one-thread rows and lines', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 400; i++) {
      if (i % 41 === 0) lines.push('{"Timestamp":"2024-05-14T10:00:00Z","FileName":');
      else lines.push(JSON.stringify({ Timestamp: '2024-05-14T10:00:00Z', FolderPath: '/tmp/x', FileName: `f${i}` }));
    }
    const spec = { path: writeTemp(dir, 'full.jsonl', lines.join('\n')), table: 'DeviceFileEvents' };
    const one = await readAll(spec, 0, 512);
    expect(one.names).toHaveLength(391);
    expect(one.malformed.map((m) => m.line)).toEqual([41, 82, 123, 164, 205, 246, 287, 328, 369]);
    // ~30 ranges of 512 bytes on 2 workers.
    expect(await readAll(spec, 2, 512)).toEqual(one);
  });

  it('full scans of CSV: a quoted field across a cut ends the ranges there; the rest is read once, on this thread', async () => {
    const rows = ['Timestamp,FolderPath,FileName'];
    for (let i = 0; i < 60; i++) rows.push(`2024-05-14T10:00:00Z,/tmp/${i},n${i}`);
    rows.push(`2024-05-14T10:00:00Z,"/srv/${'x\n'.repeat(80)}",multi`);
    for (let i = 60; i < 120; i++) rows.push(`2024-05-14T10:00:00Z,/tmp/${i},n${i}`);
    const spec = { path: writeTemp(dir, 'full.csv', rows.join('\n')), table: 'DeviceFileEvents' };
    const one = await readAll(spec, 0, 256);
    expect(one.names).toHaveLength(121);
    expect(one.names[60]).toBe('multi');
    expect(await readAll(spec, 2, 256)).toEqual(one);
  });

  it('a full scan stopped early ends cleanly (ranges not consumed are cancelled, none left waiting)', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ Timestamp: '2024-05-14T10:00:00Z', FileName: `f${i}` }));
    const set = await openInputs([{ path: writeTemp(dir, 'stop.jsonl', lines.join('\n')), table: 'DeviceFileEvents' }], { workers: 2, parallelMinBytes: 1, fullScanRangeBytes: 256, batchSize: 3 });
    const first: string[] = [];
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName'] })) {
      first.push(...(b.getChild('FileName')!.toArray() as string[]));
      break;
    }
    expect(first).toEqual(['f0', 'f1', 'f2']);
    // The pool is free again: a second scan of the file reads it all.
    let n = 0;
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName'] })) n += b.numRows;
    expect(n).toBe(300);
  });
});

