import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPredicate, sqlString } from './duckdb-sql.js';

// The SQL translation of `has` must give the results kql-semantics.md §5.3 quotes from the engine.
const CASES: [string, string, boolean][] = [
  ['North America', 'america', true],
  ['KustoExplorerQueryRun', 'Explorer', false],
  ['a/rg/providers/b', '/providers/', true],
  ['a/rg/providers', '/providers/', false],
  ['XWindows Server BYOL', 'Windows Server BYOL', false],
  ['Windows Server BYOLX', 'Windows Server BYOL', false],
  ['Disk / Snapshot', '/', true],
  ['/etc/systemd/system.conf', '/etc/systemd/system/', false],
  ['/X/ETC/SYSTEMD/SYSTEM/y', '/etc/systemd/system/', true],
  ['systemd-networkd.service', 'systemd-network', false],
  ['systemd-network-generator.service', 'systemd-network', true],
  ['cron2d cron2.service', 'cron2', true],
  ['a.b*c', 'b*c', true],
];

describe('DuckDB has translation', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  });
  afterAll(() => instance.closeSync());
  it.each(CASES)('%s has %s = %s', async (haystack, needle, expected) => {
    const con = await instance.connect();
    const reader = await con.runAndReadAll(`SELECT ${hasPredicate(sqlString(haystack), needle)}`);
    expect(reader.getRows()[0]![0]).toBe(expected);
    con.closeSync();
  });
});
