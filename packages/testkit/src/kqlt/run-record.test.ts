import { describe, expect, it } from 'vitest';
import type { ScalarValue, TableProvider, TableSchema } from '@kqlr/common';
import type { KqltEngine, KqltQueryOptions, KqltQueryResult } from './engine-port.js';
import { parseKqlt } from './parse-kqlt.js';
import { runRecord } from './run-record.js';

/** A fake engine answering from a fixed table, to test the runner's checks, not KQL. */
function fakeEngine(answer: (text: string, options: KqltQueryOptions | undefined) => KqltQueryResult): KqltEngine & { calls: KqltQueryOptions[] } {
  const calls: KqltQueryOptions[] = [];
  return {
    calls,
    async runQuery(text, options) {
      calls.push(options ?? {});
      return answer(text, options);
    },
    memoryTable(name: string, schema: TableSchema, rows: ScalarValue[][]): TableProvider {
      return { name, schema, scan: async function* () {}, rows } as TableProvider & { rows: ScalarValue[][] };
    },
  };
}

const longs = (values: bigint[]): KqltQueryResult => ({
  ok: true,
  schema: { columns: [{ name: 'a', type: 'long' }] },
  rows: values.map((v) => [v]),
});

const record = (text: string) => parseKqlt(text, 't.kqlt').records[0]!;

describe('runRecord', () => {
  it('passes matching rows for every batch size and passes now and tables', async () => {
    const engine = fakeEngine(() => longs([2n, 1n]));
    const r = record('table E (a:long)\n{"a":1}\n\nnow 2024-01-01\n\n# source: x\nquery L rowsort\nE\n----\n1\n2');
    const outcome = await runRecord(r, { engine, baseDir: '.' });
    expect(outcome).toEqual({ passed: true, message: 'ok' });
    expect(engine.calls.map((c) => c.batchSize)).toEqual([1, 7, 8192, 7]);
    expect(engine.calls[0]!.now).toBe(17_040_672_000_000_000n);
    expect([...engine.calls[0]!.tables!.keys()]).toEqual(['E']);
  });

  it('builds tables per variant, dictionary-encoding string columns in one of them', async () => {
    const seen: unknown[] = [];
    const engine = fakeEngine(() => longs([1n]));
    engine.memoryTable = (name, schema, _rows, options) => {
      seen.push(options);
      return { name, schema, scan: async function* () {} };
    };
    const r = record('table E (a:long, s:string)\n{"a":1}\n\n# source: x\nquery L\nE | project a\n----\n1');
    expect((await runRecord(r, { engine, baseDir: '.' })).passed).toBe(true);
    expect(seen).toEqual([{ batchSize: 1 }, { batchSize: 7 }, { batchSize: 8192 }, { batchSize: 7, dictionaryColumns: ['s'] }]);
  });

  it('fails on order, type and value mismatches', async () => {
    const engine = fakeEngine(() => longs([2n, 1n]));
    const sorted = record('# source: x\nquery L\nT | sort by a asc\n----\n1\n2');
    expect((await runRecord(sorted, { engine, baseDir: '.' })).passed).toBe(false);
    const typed = record('# source: x\nquery I rowsort\nT\n----\n1\n2');
    expect((await runRecord(typed, { engine, baseDir: '.' })).message).toMatch(/expected column types I, got L/);
  });

  it('fails when only one batch size is wrong', async () => {
    const engine = fakeEngine((_t, o) => longs(o?.batchSize === 7 ? [1n] : [1n, 2n]));
    const outcome = await runRecord(record('# source: x\nquery L rowsort\nT\n----\n1\n2'), { engine, baseDir: '.' });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/^batch size 7/);
  });

  it('checks error records: failure, code, and no exceptions', async () => {
    const failing = fakeEngine(() => ({
      ok: false,
      diagnostics: [{ code: 'unknown-name', severity: 'error', message: 'm', span: { start: 0, end: 1 } }],
    }));
    expect((await runRecord(record('# source: x\nerror any\nprint x'), { engine: failing, baseDir: '.' })).passed).toBe(true);
    expect((await runRecord(record('# source: x\nerror unknown-name\nprint x'), { engine: failing, baseDir: '.' })).passed).toBe(true);
    expect((await runRecord(record('# source: x\nerror syntax\nprint x'), { engine: failing, baseDir: '.' })).passed).toBe(false);
    const succeeding = fakeEngine(() => longs([1n]));
    expect((await runRecord(record('# source: x\nerror any\nprint x'), { engine: succeeding, baseDir: '.' })).passed).toBe(false);
    const throwing = fakeEngine(() => {
      throw new Error('boom');
    });
    expect((await runRecord(record('# source: x\nerror any\nprint x'), { engine: throwing, baseDir: '.' })).message).toMatch(/engine threw/);
  });
});
