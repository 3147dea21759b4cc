import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineMap } from '@kqlr/common';
import { parseQuery } from '@kqlr/parser';
import { bindQuery } from './binder/bind-query.js';
import { defenderCatalog } from './catalog.js';
import { printLogicalPlan } from './explain.js';
import { planQuery } from './logical/plan-query.js';
import { optimizePlan } from './optimizer/optimize-plan.js';
import { FIXED_NOW } from '../test-support/bind.js';

// The published T1543.002 rule, from `let SystemdServicePaths` through the commented-out Detection 2.
const SEED = readFileSync(new URL('../test-fixtures/seed-rule.kql', import.meta.url), 'utf8');
const CORRECTED = SEED.replace(' AccountName,', ' AccountName = InitiatingProcessAccountName,');

function bindText(text: string) {
  const parsed = parseQuery(text);
  expect(parsed.diagnostics).toEqual([]);
  return bindQuery(parsed.result, { catalog: defenderCatalog(), now: FIXED_NOW, nowSource: 'option' });
}

describe('the seed rule (T1543.002 as published)', () => {
  it('has line 1 = the first let, as the rule file is published', () => {
    expect(SEED.split('\n')[0]).toBe('let SystemdServicePaths = dynamic([');
  });
  it('yields exactly one error: AccountName unknown at 21:34, with a hint', () => {
    const { result, diagnostics } = bindText(SEED);
    expect(result).toBeNull();
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d!.code).toBe('unknown-column');
    expect(d!.severity).toBe('error');
    expect(d!.message).toBe("unknown column 'AccountName' in DeviceFileEvents");
    expect(d!.hint).toBe("did you mean 'InitiatingProcessAccountName'?");
    const map = new LineMap(SEED);
    expect(map.locate(d!.span.start)).toEqual({ line: 21, column: 34 });
    expect(map.locate(d!.span.end)).toEqual({ line: 21, column: 45 });
  });
  it('binds once corrected, with the projected schema', () => {
    const { result, diagnostics } = bindText(CORRECTED);
    expect(diagnostics).toEqual([]);
    expect(result!.schema.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Timestamp:datetime', 'DeviceName:string', 'AccountName:string', 'ActionType:string', 'FolderPath:string',
      'FileName:string', 'InitiatingProcessFileName:string', 'InitiatingProcessCommandLine:string',
      'InitiatingProcessAccountName:string', 'IsUserLevelService:bool', 'IsSuspiciousName:bool',
    ]);
  });
  it('plans with ago(24h) folded against the fixed now (2024-05-01T00:00:00Z)', () => {
    const text = printLogicalPlan(planQuery(bindText(CORRECTED).result!));
    const lines = text.split('\n');
    expect(lines[0]).toBe('01)Sort: Timestamp desc nulls last');
    expect(lines.slice(-5)).toEqual([
      '05)--------Filter: FileName endswith ".service"',
      '06)----------Filter: FolderPath has_any ("/etc/systemd/system/", "/lib/systemd/system/", "/usr/lib/systemd/system/", "/run/systemd/system/", ".config/systemd/user/", "/etc/systemd/user/")',
      '07)------------Filter: ActionType in ("FileCreated", "FileModified")',
      '08)--------------Filter: Timestamp > datetime(2024-04-30T00:00:00.0000000Z)',
      '09)----------------TableScan: DeviceFileEvents',
    ]);
  });
  it('optimizes to pushed filters, a pruned scan projection and one merged projection', () => {
    expect(printLogicalPlan(optimizePlan(planQuery(bindText(CORRECTED).result!)))).toBe(
      [
        '01)Sort: Timestamp desc nulls last',
        '02)--Projection: Timestamp, DeviceName, AccountName=InitiatingProcessAccountName, ActionType, FolderPath, FileName, InitiatingProcessFileName, InitiatingProcessCommandLine, InitiatingProcessAccountName, IsUserLevelService=FolderPath contains ".config/systemd/user", IsSuspiciousName=FileName has_any ("syslogd", "systemd-network", "systemd-resolve", "kthreadd", "netns", "cron2", "update-rc", "sshd2", "rsyslogd")',
        '03)----TableScan: DeviceFileEvents projection=[Timestamp, DeviceName, ActionType, FileName, FolderPath, InitiatingProcessAccountName, InitiatingProcessFileName, InitiatingProcessCommandLine] filters=[Timestamp > datetime(2024-04-30T00:00:00.0000000Z), ActionType in ("FileCreated", "FileModified"), FolderPath has_any ("/etc/systemd/system/", "/lib/systemd/system/", "/usr/lib/systemd/system/", "/run/systemd/system/", ".config/systemd/user/", "/etc/systemd/user/"), FileName endswith ".service"]',
      ].join('\n'),
    );
  });
});
