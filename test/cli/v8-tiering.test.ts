import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run-cli.js';

/** What the built tuneV8Tiering() returns in a fresh node started with `flags` (it changes process-wide V8 flags). */
function tunedIn(flags: string[]): string {
  const module = pathToFileURL(path.join(repoRoot, 'packages/cli/dist/launch/v8-tiering.js')).href;
  const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(String(m.tuneV8Tiering())))`;
  return execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('tuneV8Tiering (packages/cli/src/launch/v8-tiering.ts)', () => {
  const nodeTwenty = process.versions.v8.startsWith('11.3.');

  it.runIf(nodeTwenty)('doubles the interrupt budget on Node 20', () => {
    expect(tunedIn([])).toBe('true');
  });

  it.runIf(nodeTwenty)('leaves a budget the user set on the command line', () => {
    expect(tunedIn(['--interrupt-budget=1000'])).toBe('false');
    expect(tunedIn(['--interrupt_budget=1000'])).toBe('false');
  });

  it.skipIf(nodeTwenty)('does nothing on another V8', () => {
    expect(tunedIn([])).toBe('false');
  });
});
