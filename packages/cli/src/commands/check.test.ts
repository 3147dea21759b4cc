import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../exit-codes.js';
import { checkQueryText, registerCheckCommand } from './check.js';

const SEED = readFileSync(new URL('../../../planner/test-fixtures/seed-rule.kql', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kqlr-check-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerCheckCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'kqlr', 'check', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('kqlr check', () => {
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('reports the seed rule error compiler-style and exits 1', async () => {
    const file = write('seed.kql', SEED);
    const out = await run(file);
    expect(out).toContain(`${file}:21:34: error[unknown-column]: unknown column 'AccountName' in DeviceFileEvents\n`);
    expect(out).toContain(' 21 | | project Timestamp, DeviceName, AccountName, ActionType, FolderPath, FileName,\n');
    expect(out).toContain(`    | ${' '.repeat(33)}^^^^^^^^^^^\n`);
    expect(out).toContain("    = hint: did you mean 'InitiatingProcessAccountName'?\n");
    expect(out).toContain('1 error, 0 warnings');
    expect(process.exitCode).toBe(1);
  });

  it('prints JSON diagnostics with --format json', async () => {
    const file = write('seed2.kql', SEED);
    const doc = JSON.parse(await run(file, '--format', 'json'));
    expect(doc).toEqual({
      file,
      diagnostics: [{
        code: 'unknown-column', severity: 'error', message: "unknown column 'AccountName' in DeviceFileEvents",
        hint: "did you mean 'InitiatingProcessAccountName'?", line: 21, column: 34, endLine: 21, endColumn: 45,
      }],
    });
    expect(process.exitCode).toBe(1);
  });

  it('exits 0 for a clean rule, and with warnings only', async () => {
    const ok = write('ok.kql', 'DeviceFileEvents | where FileName endswith ".service" | take 1');
    expect(await run(ok)).toBe(`${ok}: ok\n`);
    expect(process.exitCode).toBe(0);
    const warned = write('warn.kql', 'set notruncation;\nDeviceFileEvents | take 1');
    expect(await run(warned)).toContain('warning[set-option-ignored]');
    expect(process.exitCode).toBe(0);
  });

  it('reports syntax errors (and skips binding) with exit 1', async () => {
    const bad = write('bad.kql', 'DeviceFileEvents | where');
    const out = await run(bad, '--format', 'json');
    const doc = JSON.parse(out);
    expect(doc.diagnostics.length).toBeGreaterThan(0);
    expect(doc.diagnostics.every((d: { severity: string }) => d.severity === 'error')).toBe(true);
    expect(process.exitCode).toBe(1);
  });

  it('throws a UserError (exit 2) for an unreadable file or a bad format', async () => {
    await expect(run(join(dir, 'missing.kql'))).rejects.toBeInstanceOf(UserError);
    await expect(run(join(dir, 'missing.kql'))).rejects.toMatchObject({ exitCode: 2 });
    const ok = write('ok2.kql', 'DeviceFileEvents | take 1');
    await expect(run(ok, '--format', 'xml')).rejects.toThrow(/--format/);
  });

  it('checkQueryText reports several semantic errors at once', () => {
    const diagnostics = checkQueryText('DeviceFileEvents | where FileSize has "5" | project Nope, Timestamp > 1h');
    expect(diagnostics.map((d) => d.code)).toEqual(['operand-type', 'unknown-column', 'type-mismatch']);
  });
});
