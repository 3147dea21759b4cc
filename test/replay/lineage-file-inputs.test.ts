import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDatetime, parseIsoDatetime, type ScalarValue } from '@kqlr/common';
import { compileQuery } from '@kqlr/engine';
import { executePlan, readRows } from '@kqlr/executor';
import { openInputs, writeBatches } from '@kqlr/readers';
import { decodeRowId, EventIndexBuilder, executeWithLineage, indexEvents, parseLabels } from '@kqlr/replay';

/**
 * Row lineage over columnar files, whose readers leave rows out or attach columns to a batch on
 * the side: batches skipped by their Timestamp statistics (Arrow IPC batches, Parquet row groups)
 * must still be numbered, and columns read only at the kept rows (Arrow IPC, deferred) must
 * still reach the output. `kqlr test` and `kqlr diff` run rules this way.
 */
const ROWS = 4000;
const BATCH = 500;
const START = parseIsoDatetime('2024-05-14T00:00:00Z')!;
const MINUTE = 600_000_000n;

/** One row a minute; every 37th is a systemd unit. Every text column is unique per row, so the file keeps it plain Utf8. */
function line(i: number): string {
  return JSON.stringify({
    Timestamp: formatDatetime(START + BigInt(i) * MINUTE),
    DeviceName: `host-${i}`,
    ActionType: 'FileCreated',
    FolderPath: i % 37 === 0 ? `/etc/systemd/system/u${i}.service` : `/tmp/scratch/f${i}.tmp`,
    FileName: i % 37 === 0 ? `u${i}.service` : `f${i}.tmp`,
    InitiatingProcessCommandLine: `cmd --run ${i}`,
    InitiatingProcessAccountName: `user${i}`,
  });
}


async function columnarFile(format: 'arrow' | 'parquet'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-lineage-'));
  const jsonl = join(dir, 'events.jsonl');
  writeFileSync(jsonl, Array.from({ length: ROWS }, (_, i) => line(i)).join('\n') + '\n');
  const set = await openInputs([{ path: jsonl, table: 'DeviceFileEvents' }], { batchSize: BATCH });
  const path = join(dir, `DeviceFileEvents.${format}`);
  await writeBatches(set.tables.get('DeviceFileEvents')!.scan(), path, format, undefined, BATCH);
  return path;
}

// The first 1000 rows are older than the cutoff: two of the eight batches (row groups) are skipped
// by their statistics on a plain run. Of the rows after it, 1 in 37 is kept, so the Arrow reader
// defers the projected text columns after the first batch it reads.
const CUTOFF = formatDatetime(START + 1000n * MINUTE - 1n);
const QUERY = `DeviceFileEvents
| where Timestamp >= datetime(${CUTOFF})
| where FolderPath has "/etc/systemd/system/"
| project DeviceName, InitiatingProcessCommandLine, InitiatingProcessAccountName, FileName
| sort by DeviceName asc`;

function expectedRow(i: number): ScalarValue[] {
  return [`host-${i}`, `cmd --run ${i}`, `user${i}`, `u${i}.service`];
}

describe.each(['arrow', 'parquet'] as const)('lineage over %s input', (format) => {
  it('numbers the rows of skipped batches and keeps the deferred columns', async () => {
    const path = await columnarFile(format);
    const plan = compileQuery(QUERY, { now: START }).result!.plan;
    // In the sort's order: DeviceName ascending, compared as text (all ASCII).
    const expected = Array.from({ length: ROWS }, (_, i) => i)
      .filter((i) => i >= 1000 && i % 37 === 0)
      .sort((a, b) => (`host-${a}` < `host-${b}` ? -1 : 1));

    const plain = await openInputs([{ path, table: 'DeviceFileEvents' }]);
    const run = executePlan(plan, { tables: plain.tables, now: START });
    const rows: ScalarValue[][] = [];
    for await (const b of run.batches) rows.push(...readRows(b, run.schema));
    expect(rows).toEqual(expected.map(expectedRow));

    const inputs = await openInputs([{ path, table: 'DeviceFileEvents' }]);
    const scanned: number[] = [];
    const lineage = await executeWithLineage(plan, inputs.tables, { now: START, onScanEnd: (_, n) => scanned.push(n) });
    expect(scanned).toEqual([ROWS]);
    expect(lineage.rows.map((r) => r.values)).toEqual(expected.map(expectedRow));
    // Each id names the input row the output row came from.
    expect(lineage.rows.map((r) => decodeRowId(r.id!).rowNumber)).toEqual(expected);
  });

  it('an event index built from the rule\'s own scan (a tap) is the one an index scan builds', async () => {
    // The label's column is one the Arrow reader defers to the kept rows (plain Utf8, projected
    // only, after the first batches the filters test), and its row is not kept: the tap must have
    // it read at every row.
    const labels = parseLabels(JSON.stringify({ table: 'DeviceFileEvents', match: { InitiatingProcessCommandLine: 'cmd --run 3001' }, label: 'benign', category: 'c', scenario: 's' }), 'labels.jsonl');
    const path = await columnarFile(format);
    const plan = compileQuery(QUERY, { now: START }).result!.plan;
    const inputs = await openInputs([{ path, table: 'DeviceFileEvents' }]);
    const builder = new EventIndexBuilder(inputs.tables, labels);
    await executeWithLineage(plan, inputs.tables, { now: START, tap: (t) => builder.tap(t) });
    const tapped = builder.build();
    const scanned = await indexEvents(inputs.tables, labels);
    const table = tapped.byName.get('DeviceFileEvents')!;
    expect(table.count).toBe(ROWS);
    expect([...table.labels.keys()]).toEqual([3001]);
    expect(tapped.eventsPerLabel.get(labels[0]!)).toBe(1);
    const other = scanned.byName.get('DeviceFileEvents')!;
    const rows = Array.from({ length: ROWS }, (_, r) => r);
    expect(rows.map((r) => table.hostAt(r))).toEqual(rows.map((r) => other.hostAt(r)));
    expect(rows.map((r) => table.timestampAt(r))).toEqual(rows.map((r) => other.timestampAt(r)));
    expect(table.hostAt(ROWS - 1)).toBe(`host-${ROWS - 1}`);
    expect(table.timestampAt(0)).toBe(START);
    expect([...scanned.byName.get('DeviceFileEvents')!.labels.keys()]).toEqual([3001]);
  });
});
