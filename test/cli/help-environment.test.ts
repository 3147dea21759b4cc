import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

/** Environment variables the packages' code reads (tests' own switches are not in it). */
function variablesRead(): string[] {
  const names = new Set<string>();
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/process\.env(?:\['|\.)(KQLR_[A-Z_]+)/g)) names.add(m[1]!);
      }
    }
  };
  const packages = path.join(repoRoot, 'packages');
  for (const pkg of readdirSync(packages)) visit(path.join(packages, pkg, 'src'));
  return [...names].sort();
}

describe('kqlr --help', () => {
  it('lists every environment variable kqlr reads', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('\nEnvironment:\n'));
    expect(section.length).toBeGreaterThan(20);
    const read = variablesRead();
    // The scan must find them (else an empty list would pass).
    expect(read).toEqual(expect.arrayContaining(['KQLR_DEBUG', 'KQLR_NO_BUNDLE', 'KQLR_WORKERS']));
    const listed = [...section.matchAll(/^ {2}(KQLR_[A-Z_]+)[=\s]/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(read);
  });
});
