import { describe, expect, it } from 'vitest';
import { containsCi, endsWithCi, has, hasAny } from './kql-strings.js';

// Expected values are the documented / engine-observed results quoted in kql-semantics.md §5.3.
describe('naive KQL string operators', () => {
  it('has follows the term-boundary model', () => {
    expect(has('North America', 'america')).toBe(true);
    expect(has('KustoExplorerQueryRun', 'Explorer')).toBe(false);
    expect(has('/subscriptions/x/resourcegroups/test.rg000001/providers/y', 'resourcegroups/test.rg000001')).toBe(true);
    expect(has('a/rg/providers/b', '/providers/')).toBe(true);
    expect(has('a/rg/providers', '/providers/')).toBe(false);
    expect(has('a.providers.b', '/providers/')).toBe(false);
    expect(has('XWindows Server BYOL', 'Windows Server BYOL')).toBe(false);
    expect(has('Free Trials', 'Trial')).toBe(false);
    expect(has('Disk / Snapshot', '/')).toBe(true);
    expect(has('BA', 'b')).toBe(false);
  });
  it('has on the T1543.002 paths', () => {
    expect(has('/etc/systemd/system.conf', '/etc/systemd/system/')).toBe(false);
    expect(has('/x/etc/systemd/system/y', '/etc/systemd/system/')).toBe(true);
    expect(has('systemd-networkd', 'systemd-network')).toBe(false);
    expect(has('systemd-network-generator', 'systemd-network')).toBe(true);
    expect(hasAny('/ETC/SYSTEMD/SYSTEM/a.service', ['/lib/systemd/system/', '/etc/systemd/system/'])).toBe(true);
  });
  it('tries every occurrence, not just the first', () => {
    expect(has('cron2d cron2.service', 'cron2')).toBe(true);
  });
  it('endswith and contains fold case', () => {
    expect(endsWithCi('Fabrikam', 'Kam')).toBe(true);
    expect(endsWithCi('evil.SERVICE', '.service')).toBe(true);
    expect(endsWithCi('a.service.bak', '.service')).toBe(false);
    expect(containsCi('/home/u/.Config/Systemd/User/a.service', '.config/systemd/user')).toBe(true);
  });
});
