import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openInputs } from '../open-inputs.js';
import { tempDir, writeTemp } from '../test-helpers.js';
import { GrowingDictionary } from './growing-dictionary.js';

describe('GrowingDictionary', () => {
  it('codes values by first appearance; the vector holds them in that order', () => {
    const d = new GrowingDictionary();
    expect(['b', 'a', 'b', 'c', 'a'].map((s) => d.codeOf(s))).toEqual([0, 1, 0, 2, 1]);
    expect(d.vector().toArray()).toEqual(['b', 'a', 'c']);
    // A slice and an owned string of the same text are one entry.
    const text = 'prefix-/etc/systemd/system/a.service-suffix';
    expect(d.codeOf(text.slice(7, 36))).toBe(3);
    expect(d.codeOf('/etc/systemd/system/a.service', true)).toBe(3);
  });

  it('a CSV scan does not keep the decoded text of every distinct value alive (its fields are slices of it)', async () => {
    // gc() on demand: exposed at run time for this measurement only.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // 20,000 rows of ~1 KiB, FileName (a dictionary column) unique per row: ~20 MiB of text.
    const rows = ['Timestamp,FileName,AdditionalFields'];
    for (let i = 0; i < 20_000; i++) rows.push(`2024-05-14T10:00:00Z,unique-file-name-${i}.service,${'x'.repeat(1000)}`);
    const path = writeTemp(tempDir(), 'DeviceFileEvents.csv', rows.join('\n'));
    const set = await openInputs([{ path, table: 'DeviceFileEvents' }], { workers: 0 });
    gc();
    const before = process.memoryUsage().heapUsed;
    let read = 0;
    let grown = Number.NaN;
    for await (const b of set.tables.get('DeviceFileEvents')!.scan({ columns: ['FileName'] })) {
      read += b.numRows;
      if (read >= 18_000 && Number.isNaN(grown)) {
        // The dictionary holds ~18,000 short names; the text they were cut from is ~18 MiB.
        gc();
        grown = process.memoryUsage().heapUsed - before;
      }
    }
    expect(read).toBe(20_000);
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });
});
