import { describe, expect, it } from 'vitest';
import { memoryTable } from '../memory-table.js';
import { call, col, filter, project, runRows, scan, schemaOf, str } from '../testing/plan-builders.js';
import { hasMatcher } from './has.js';

const has = (h: string, n: string) => hasMatcher(n, 'has', false)(h);

// Every example of kql-semantics.md §5.3 ("Evidence" and its consequences).
const evidence: [haystack: string, needle: string, expected: boolean, source: string][] = [
  ['North America', 'america', true, 'doc has-operator'],
  ['KustoExplorerQueryRun', 'Explorer', false, 'doc has-operator'],
  ['https://management.azure.com/subscriptions/0000/resourcegroups/test.rg000001?api-version=2021', 'resourcegroups/test.rg000001', true, 'issue #1005'],
  ['https://management.azure.com/subscriptions/0000/resourcegroups/test.rg000001?api-version=2021', '/resourcegroups/test.rg000001?', true, 'issue #1005'],
  ['North America', 'North America', true, 'issue #1005'],
  ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d', '/providers/', true, 'finops'],
  ['/subscriptions/s/resourceGroups/rg/providers', '/providers/', false, 'finops'],
  ['a.providers.b', '/providers/', false, 'finops'],
  ['XWindows Server BYOL', 'Windows Server BYOL', false, 'finops'],
  ['Windows Server BYOLX', 'Windows Server BYOL', false, 'finops'],
  ['Windows Server BYOL', 'Windows Server BYOL', true, 'finops'],
  ['WindowsServer', 'Windows', false, 'finops'],
  ['Free Trials', 'Trial', false, 'finops'],
  ['Disk / Snapshot', '/', true, 'finops'],
  ['ab cd', 'cd', true, 'doc terms'],
  ['BA', 'b', false, 'issue #250'],
  ['/etc/systemd/system.conf', '/etc/systemd/system/', false, 'T1543.002 consequence'],
  ['/x/etc/systemd/system/y', '/etc/systemd/system/', true, 'T1543.002 consequence'],
  ['/ETC/SystemD/System/evil.service', '/etc/systemd/system/', true, 'case-insensitive'],
  ['systemd-networkd', 'systemd-network', false, 'T1543.002 consequence'],
  ['systemd-network-generator', 'systemd-network', true, 'T1543.002 consequence'],
];

describe('has: §5.3 evidence list', () => {
  it.each(evidence)('%j has %j is %s (%s)', (h, n, expected) => {
    expect(has(h, n)).toBe(expected);
  });

  it('tries every occurrence, not just the first', () => {
    expect(has('xab ab', 'ab')).toBe(true);
    expect(has('abc-abd', 'abd')).toBe(true);
  });

  it('an empty needle never matches', () => {
    expect(has('anything', '')).toBe(false);
  });

  it('treats _ and non-ASCII letters as separators', () => {
    expect(has('foo_bar', 'bar')).toBe(true);
    expect(has('éclair', 'clair')).toBe(true);
  });

  it('same answers on dictionary and plain columns, through a plan', async () => {
    const schema = schemaOf(['H', 'string'], ['N', 'string']);
    const rows = evidence.map(([h, n]) => [h, n]);
    const expected = evidence.map(([h, n, e]) => [h, n, e]);
    for (const dictionaryColumns of [[], ['H']]) {
      const t = memoryTable('T', schema, rows, { dictionaryColumns, batchSize: 5 });
      // Non-constant needle: the row-wise path.
      const plan = project(scan('T', schema), [
        { name: 'H', expr: col(0, 'H', 'string') },
        { name: 'N', expr: col(1, 'N', 'string') },
        { name: 'R', expr: call('has', [col(0, 'H', 'string'), col(1, 'N', 'string')]) },
      ]);
      expect(await runRows(plan, new Map([['T', t]]))).toEqual(expected);
    }
  });

  it('constant needle under where, on a dictionary column (the seed rule shape)', async () => {
    const schema = schemaOf(['FolderPath', 'string']);
    const paths = ['/etc/systemd/system/a.service', '/etc/systemd/system.conf', '/x/etc/systemd/system/y', '/etc/systemd/system/a.service'];
    const t = memoryTable('T', schema, paths.map((p) => [p]), { dictionaryColumns: ['FolderPath'], batchSize: 3 });
    const plan = filter(scan('T', schema), call('has', [col(0, 'FolderPath', 'string'), str('/etc/systemd/system/')]));
    expect(await runRows(plan, new Map([['T', t]]))).toEqual([[paths[0]], [paths[2]], [paths[3]]]);
    const negated = filter(scan('T', schema), call('!has', [col(0, 'FolderPath', 'string'), str('/etc/systemd/system/')]));
    expect(await runRows(negated, new Map([['T', t]]))).toEqual([[paths[1]]]);
  });
});

describe('hasprefix / hassuffix and the _cs forms', () => {
  it('follow the doc table', () => {
    expect(hasMatcher('ame', 'hasprefix', false)('North America')).toBe(true);
    expect(hasMatcher('la', 'hasprefix', false)('PALAU')).toBe(false);
    expect(hasMatcher('ica', 'hassuffix', false)('North America')).toBe(true);
    expect(hasMatcher('ame', 'hassuffix', false)('North America')).toBe(false);
  });
  it('_cs forms are case-sensitive, plain forms are not', () => {
    expect(hasMatcher('america', 'has', true)('North America')).toBe(false);
    expect(hasMatcher('America', 'has', true)('North America')).toBe(true);
    expect(hasMatcher('AMERICA', 'has', false)('North America')).toBe(true);
    expect(hasMatcher('nor', 'hasprefix', true)('North')).toBe(false);
    expect(hasMatcher('Nor', 'hasprefix', true)('North')).toBe(true);
  });
});
