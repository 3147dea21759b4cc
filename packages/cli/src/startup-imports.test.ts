import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Start-up cost (issue #7): `kqlr --help` and argument parsing must not load the engine,
 * executor, readers, replay or apache-arrow (several hundred ES modules); commands load those
 * when they run (commands/lazy-action.ts). This follows the static imports from main.ts and fails
 * when one of them reaches a heavy package. Type-only imports are erased and do not count.
 */
const SRC = dirname(fileURLToPath(import.meta.url));
/** Packages the registration path may load: the CLI framework and the readers' format list. */
const ALLOWED_PACKAGES = new Set(['commander', '@kqlr/readers/input-spec']);

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  // `import x from '...'`, `import { a } from '...'`, `export { a } from '...'`; not `import type`, not `import('...')`.
  const re = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?'([^']+)';/gm;
  for (const m of text.matchAll(re)) {
    const clause = m[0];
    // `import { type A, type B } from` loads nothing either.
    const names = /\{([^}]*)\}/.exec(clause)?.[1];
    if (names !== undefined && !/from/.test(names) && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    specs.push(m[1]!);
  }
  return specs;
}

const PACKAGES = resolve(SRC, '..', '..');
/** Where a workspace package's source entry is (`@kqlr/common/core` -> common/src/core.ts). */
function workspaceEntry(spec: string): string | undefined {
  const m = /^@kqlr\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(spec);
  if (m === null || spec === '@kqlr/readers/input-spec') return undefined;
  return join(PACKAGES, m[1]!, 'src', `${m[2] ?? 'index'}.ts`);
}

/**
 * The files and packages reached from `file` through static imports; with `intoWorkspace`, the
 * walk goes on into other workspace packages' sources instead of listing them as packages.
 */
function walkImports(file: string, intoWorkspace: boolean): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string): void => {
    if (files.has(f)) return;
    files.add(f);
    for (const spec of staticImports(f)) {
      const entry = spec.startsWith('.') ? resolve(dirname(f), spec.replace(/\.js$/, '.ts')) : intoWorkspace ? workspaceEntry(spec) : undefined;
      if (entry !== undefined) visit(entry);
      else packages.add(spec);
    }
  };
  visit(file);
  return { files, packages };
}

/**
 * main.ts loads the bundle, or (without one) cli.ts: the registration path of both. In the bundle,
 * a command's modules are evaluated when it runs as well (scripts/bundle-cli.mjs keeps import() lazy).
 */
const loadedAtStartup = () => {
  const main = walkImports(join(SRC, 'main.ts'), false);
  const cli = walkImports(join(SRC, 'cli.ts'), false);
  return { files: new Set([...main.files, ...cli.files]), packages: new Set([...main.packages, ...cli.packages]) };
};
/** Third-party packages reached from `file` through static imports, across workspace packages. */
const packagesReachedFrom = (file: string) => walkImports(file, true).packages;

describe('CLI start-up imports', () => {
  it('kqlr check (parse and bind) does not load apache-arrow', () => {
    const reached = packagesReachedFrom(join(SRC, 'commands', 'check.ts'));
    expect(reached.has('apache-arrow')).toBe(false);
    // The walk must be able to see it: `kqlr run` does load it.
    expect(packagesReachedFrom(join(SRC, 'commands', 'run.ts')).has('apache-arrow')).toBe(true);
  });


  it('registers every command without loading a heavy package', () => {
    const { files, packages } = loadedAtStartup();
    const heavy = [...packages].filter((p) => !p.startsWith('node:') && !ALLOWED_PACKAGES.has(p));
    expect(heavy).toEqual([]);
    // The walk did reach the command registrations (so an empty list above means something).
    expect([...files].map((f) => f.slice(SRC.length + 1)).filter((f) => f.endsWith('-command.ts')).sort()).toEqual([
      'commands/check-command.ts', 'commands/convert-command.ts', 'commands/diff-command.ts',
      'commands/explain-command.ts', 'commands/run-command.ts', 'commands/test-command.ts',
    ]);
  });

  it('sees a heavy import when one is there', () => {
    // The check itself must be able to fail: check.ts (the action) imports the parser and planner.
    expect(staticImports(join(SRC, 'commands', 'check.ts'))).toEqual(expect.arrayContaining(['@kqlr/parser', '@kqlr/planner']));
  });
});
