import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTION_1_KQL } from './rule.js';

// The bench's hand-written SQL and JS implement the rule text below; it must stay the project's
// corrected Detection 1 (rules/T1543.002/detection1.kql), ignoring comments and layout.
const strip = (kql: string) => kql.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
const ruleFile = path.resolve(import.meta.dirname, '../../rules/T1543.002/detection1.kql');

describe('bench rule', () => {
  it.runIf(existsSync(ruleFile))('matches rules/T1543.002/detection1.kql', () => {
    expect(strip(DETECTION_1_KQL)).toBe(strip(readFileSync(ruleFile, 'utf8')));
  });
  it('projects AccountName from InitiatingProcessAccountName', () => {
    expect(DETECTION_1_KQL).toContain('AccountName = InitiatingProcessAccountName');
  });
});
