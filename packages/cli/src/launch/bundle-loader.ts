import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { BundleExports } from './bundle-entry.js';
import { tuneV8Tiering } from './v8-tiering.js';

/**
 * The CLI as one bundled script (scripts/bundle-cli.mjs writes `dist/bundle/`), compiled with
 * V8's code cache.
 *
 * Why: as ES modules the CLI is ~440 files (our packages, apache-arrow, chevrotain...). Node 20
 * resolves, reads and compiles each one: ~0.45 s before a command starts. Node 20 has no compile
 * cache for ES modules either, so every run also compiled each function the first time it was
 * called: ~35 ms of a 1e6-row Arrow replay. One CommonJS script loads in ~0.1 s. Its code cache,
 * written at build time after a training run, holds the bytecode of the functions that run used.
 * V8 checks that the cache matches the script, V8's version and its flags. When it does not
 * (other flags, say), the cache is rejected and functions compile as they are called, as before.
 */

/** What `loadBundle` found (`KQLR_STARTUP_TRACE=1` prints it). */
export type BundleState =
  | { kind: 'loaded'; cache: 'accepted' | 'rejected' | 'missing' }
  | { kind: 'absent' }
  | { kind: 'stale'; newer: string }
  | { kind: 'disabled' };

export const BUNDLE_FILE = 'kqlr.cjs';
export const CODE_CACHE_FILE = 'kqlr.cjs.cache';
/** Written beside the bundle: the build outputs it was made from (see `staleInput`). */
export const STAMP_FILE = 'stamp.json';

export interface BundleStamp {
  /** Paths relative to the bundle directory: each package's `.tsbuildinfo` when bundled. */
  builds: string[];
}

/** `dist/bundle/` next to this module's `dist/launch/`. */
export function bundleDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bundle');
}

/**
 * A build input newer than the bundle (`tsc -b` rewrote a package after the bundle was made), or
 * null. A stale bundle would run old code: the caller falls back to the ES modules instead.
 */
export function staleInput(dir: string): string | null {
  const bundleTime = statSync(join(dir, BUNDLE_FILE)).mtimeMs;
  let stamp: BundleStamp;
  try {
    stamp = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as BundleStamp;
  } catch {
    return STAMP_FILE;
  }
  for (const rel of stamp.builds) {
    const file = join(dir, rel);
    if (!existsSync(file) || statSync(file).mtimeMs > bundleTime) return rel;
  }
  return null;
}

/**
 * The bundle's script compiled (with the code cache when given), and its exports. V8's tiering is
 * set first (launch/v8-tiering.ts): V8 accepts a code cache only under the flags it was made with,
 * and the training run (scripts/train-code-cache.mjs) makes it here too.
 */
export function compileBundle(file: string, cachedData?: Buffer): { script: Script; exports: BundleExports; cache: 'accepted' | 'rejected' | 'missing' } {
  tuneV8Tiering();
  // The CommonJS wrapper Node itself puts around a module, so the bundle sees require and __filename.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  // The bundle has no import() (scripts/bundle-cli.mjs turns them into require): V8 does not give
  // functions restored from a code cache the script's importModuleDynamically.
  const script = new Script(source, cachedData === undefined ? { filename: file } : { filename: file, cachedData });
  const cache = cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'accepted';
  const module = { exports: {} as BundleExports };
  const wrapper = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return { script, exports: module.exports, cache };
}

/** Whether the bundle can be loaded: there, current and not disabled (no file is compiled). */
export function probeBundle(dir: string = bundleDir()): BundleState | null {
  if (process.env['KQLR_NO_BUNDLE'] === '1') return { kind: 'disabled' };
  if (!existsSync(join(dir, BUNDLE_FILE))) return { kind: 'absent' };
  const newer = staleInput(dir);
  return newer === null ? null : { kind: 'stale', newer };
}

/**
 * The bundled CLI when it is there and current, else null with the reason (the caller then
 * imports the ES modules). `KQLR_NO_BUNDLE=1` forces the ES modules.
 */
export function loadBundle(dir: string = bundleDir()): { exports: BundleExports | null; state: BundleState } {
  const unusable = probeBundle(dir);
  if (unusable !== null) return { exports: null, state: unusable };
  const cacheFile = join(dir, CODE_CACHE_FILE);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const { exports, cache } = compileBundle(join(dir, BUNDLE_FILE), cachedData);
  return { exports, state: { kind: 'loaded', cache } };
}

export function describeBundleState(state: BundleState): string {
  switch (state.kind) {
    case 'loaded':
      return `bundle (code cache ${state.cache})`;
    case 'absent':
      return 'ES modules (no bundle: run npm run build)';
    case 'stale':
      return `ES modules (the bundle is older than ${state.newer}: run npm run build)`;
    case 'disabled':
      return 'ES modules (KQLR_NO_BUNDLE=1)';
  }
}
