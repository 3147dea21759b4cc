import { describe, expect, it } from 'vitest';
import { makeData, RecordBatch, Schema, Struct, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import {
  attachDeferredColumns, DEFENDER_TABLES, markTransientBatch, parseIsoDatetime, type LateScanOptions, type ScalarValue, type TableProvider,
} from '@kqlr/common';
import { memoryTable, runQuery } from './index.js';

const schema = DEFENDER_TABLES['DeviceFileEvents']!;
const now = parseIsoDatetime('2024-05-01T00:00:00Z')!;

function row(i: number): ScalarValue[] {
  const values: Record<string, ScalarValue> = {
    Timestamp: parseIsoDatetime('2024-04-30T00:00:00Z')! + BigInt(i) * 10_000_000n,
    ActionType: i % 3 === 0 ? 'FileDeleted' : 'FileCreated',
    FileName: i % 4 === 0 ? `unit${i}.service` : `f${i}.conf`,
    FolderPath: `/etc/systemd/system/unit${i}.service`,
    DeviceName: `host-${i}.example`,
    InitiatingProcessCommandLine: i % 8 === 0 ? '' : `systemctl enable unit${i} # ${'x'.repeat(i % 50)}`,
    InitiatingProcessAccountName: i % 5 === 0 ? '' : `user${i % 7}`,
  };
  return schema.columns.map((c) => values[c.name] ?? (c.type === 'string' ? '' : null));
}

const rows = Array.from({ length: 500 }, (_, i) => row(i));

/**
 * A provider that defers the late columns the scan names, the way a reader that reads rows
 * selectively does: they are left out of the batch and attached; loading them gives the real
 * value only at the rows asked for and a marker elsewhere, so a row that was not asked for and
 * still reaches the result shows up.
 */
function deferringTable(seen: { late: string[]; loadedRows: number }): TableProvider {
  const inner = memoryTable('DeviceFileEvents', schema, rows, { batchSize: 64 });
  return {
    name: inner.name,
    schema: inner.schema,
    async *scan(options: LateScanOptions = {}) {
      const late = new Set(options.lateColumns ?? []);
      seen.late = [...late];
      for await (const b of inner.scan(options)) {
        const keep = b.schema.fields.filter((f) => !late.has(f.name));
        const lateFields = b.schema.fields.filter((f) => late.has(f.name));
        const out = new RecordBatch(new Schema(keep, b.schema.metadata), makeData({
          type: new Struct(keep), length: b.numRows, nullCount: 0, children: keep.map((f) => b.getChild(f.name)!.data[0]!),
        }));
        attachDeferredColumns(out, {
          names: lateFields.map((f) => f.name),
          load: async (selected) => {
            seen.loadedRows += selected.length;
            const asked = new Set(selected);
            return lateFields.map((f): Data => {
              const column = b.getChild(f.name)!;
              return vectorFromArray(Array.from({ length: b.numRows }, (_, i) => (asked.has(i) ? (column.get(i) as string) : 'NOT-ASKED')), new Utf8()).data[0]!;
            });
          },
        });
        yield out;
      }
    },
  };
}

const QUERY = `DeviceFileEvents
| where Timestamp > ago(24h)
| where ActionType in ("FileCreated", "FileModified")
| where FileName endswith ".service"
| extend IsUnit = FolderPath contains "unit"
| project Timestamp, DeviceName, AccountName = InitiatingProcessAccountName, FileName, InitiatingProcessCommandLine, IsUnit
| sort by Timestamp desc`;

describe('late materialisation (common/deferred-columns.ts) through the executor', () => {
  it('columns no filter reads are asked late; the loaded rows give the same result as reading them whole', async () => {
    const seen = { late: [] as string[], loadedRows: 0 };
    const plain = await runQuery(QUERY, { now, tables: new Map([['DeviceFileEvents', memoryTable('DeviceFileEvents', schema, rows, { batchSize: 64 })]]) });
    const late = await runQuery(QUERY, { now, tables: new Map([['DeviceFileEvents', deferringTable(seen)]]) });
    expect(plain.ok && late.ok).toBe(true);
    if (!plain.ok || !late.ok) return;
    // Rows i % 12 in {4, 8}: FileCreated and *.service (i % 3 !== 0, i % 4 === 0).
    expect(plain.rows.length).toBe(rows.filter((_, i) => i % 4 === 0 && i % 3 !== 0).length);
    expect(late.rows).toEqual(plain.rows);
    // FolderPath too: only the extend after the filters reads it.
    expect(seen.late.sort()).toEqual(['DeviceName', 'FolderPath', 'InitiatingProcessAccountName', 'InitiatingProcessCommandLine']);
    // Only the kept rows were asked for.
    expect(seen.loadedRows).toBe(plain.rows.length);
  });

  it('no late columns without filters (every row is kept anyway)', async () => {
    const seen = { late: [] as string[], loadedRows: 0 };
    const r = await runQuery('DeviceFileEvents | take 3 | project DeviceName', { now, tables: new Map([['DeviceFileEvents', deferringTable(seen)]]) });
    expect(r.ok && r.rows.length).toBe(3);
    expect(seen.late).toEqual([]);
  });

  it('transient batches: the kept rows are copied before the next batch is asked for (its memory is then overwritten)', async () => {
    let asked = false;
    const inner = memoryTable('DeviceFileEvents', schema, rows, { batchSize: 64 });
    const reusing: TableProvider = {
      name: inner.name,
      schema: inner.schema,
      async *scan(options: LateScanOptions = {}) {
        asked = options.copiesTransientBatches === true;
        for await (const b of inner.scan(options)) {
          // A private copy of the batch's buffers, marked transient, scribbled over once the consumer moves on.
          const copies = b.data.children.map((d) => makeData({
            ...d, type: d.type, length: d.length, nullCount: d.nullCount, nullBitmap: d.nullBitmap?.slice(),
            valueOffsets: d.valueOffsets?.slice(), data: d.values?.slice(), dictionary: d.dictionary,
          } as never) as Data);
          const out = new RecordBatch(b.schema, makeData({ type: new Struct(b.schema.fields), length: b.numRows, nullCount: 0, children: copies }));
          if (asked) markTransientBatch(out);
          yield out;
          for (const d of copies) if (d.values instanceof Uint8Array || d.values instanceof BigInt64Array) (d.values as Uint8Array).fill(d.values instanceof BigInt64Array ? (0n as never) : 0x5a);
        }
      },
    };
    // Keeps most rows: the sort then holds the scan's chunks as they are (it compacts sparse ones only).
    const dense = 'DeviceFileEvents | where ActionType != "FileRenamed" | project Timestamp, DeviceName, FileName | sort by Timestamp desc';
    const plain = await runQuery(dense, { now, tables: new Map([['DeviceFileEvents', inner]]) });
    const reused = await runQuery(dense, { now, tables: new Map([['DeviceFileEvents', reusing]]) });
    expect(asked).toBe(true);
    expect(plain.ok && reused.ok).toBe(true);
    if (!plain.ok || !reused.ok) return;
    expect(plain.rows.length).toBe(rows.length);
    expect(reused.rows).toEqual(plain.rows);
  });

  it('keepsFewRows: before a batch was filtered, whether a filter matches strings; then whether fewer than 1 row in 8 was kept', async () => {
    const answers = async (query: string): Promise<boolean[]> => {
      const out: boolean[] = [];
      const inner = memoryTable('DeviceFileEvents', schema, rows, { batchSize: 64 });
      const spy: TableProvider = {
        name: inner.name,
        schema: inner.schema,
        async *scan(options: LateScanOptions = {}) {
          for await (const b of inner.scan(options)) {
            out.push(options.keepsFewRows?.() ?? false);
            yield b;
          }
        },
      };
      const r = await runQuery(query, { now, tables: new Map([['DeviceFileEvents', spy]]) });
      expect(r.ok).toBe(true);
      return out;
    };
    // Keeps 1 row in 100 (i % 100 === 0 ends with ".service" and is FileCreated unless i % 3 === 0).
    const selective = await answers('DeviceFileEvents | where FileName endswith "0.service" and ActionType == "FileCreated" | project DeviceName');
    expect(selective.length).toBeGreaterThan(2);
    expect(selective.every((a) => a)).toBe(true);
    // A negation, a time comparison: most rows are expected to be kept until a batch says otherwise.
    const dense = await answers('DeviceFileEvents | where ActionType != "FileRenamed" | project DeviceName');
    expect(dense.every((a) => !a)).toBe(true);
    const recent = await answers('DeviceFileEvents | where Timestamp > datetime(2024-04-29) | project DeviceName');
    expect(recent.every((a) => !a)).toBe(true);
    // A string match that keeps 2 rows in 3: guessed few, then corrected by the first batch.
    const created = await answers('DeviceFileEvents | where ActionType == "FileCreated" | project DeviceName');
    expect(created[0]).toBe(true);
    expect(created.slice(1).every((a) => !a)).toBe(true);
    // `or`: every side must match strings; `and`: one side is enough.
    expect((await answers('DeviceFileEvents | where FileName has "unit4" or FileSize > 3 | project DeviceName'))[0]).toBe(false);
    expect((await answers('DeviceFileEvents | where FileName has "unit4" or FolderPath contains "x" | project DeviceName'))[0]).toBe(true);
    expect((await answers('DeviceFileEvents | where not(FileName has "unit4") | project DeviceName'))[0]).toBe(false);
  });
});
