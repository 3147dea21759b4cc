import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, CODE_CACHE_FILE, compileBundle, describeBundleState, loadBundle, STAMP_FILE, staleInput } from './bundle-loader.js';

/**
 * A stand-in bundle: CommonJS, as scripts/bundle-cli.mjs writes it; it uses require and __filename.
 * Each test's text is new (`n`): V8 reuses a script compiled earlier in the process from the same
 * text, and would then not look at the code cache at all.
 */
let n = 0;
const fakeBundle = (): string => `// ${process.pid} ${++n}

const path = require('node:path');
let calls = 0;
module.exports = {
  runCli: async (argv) => argv.length + (++calls) * 100,
  engineApi: async () => ({ file: path.basename(__filename) }),
};
`;

let root: string;
let dir: string;
const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kqlr-bundle-'));
  dir = join(root, 'cli', 'dist', 'bundle');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'readers', 'dist'), { recursive: true });
  writeFileSync(join(root, 'readers', 'dist', '.tsbuildinfo'), '{}');
  utimesSync(join(root, 'readers', 'dist', '.tsbuildinfo'), at(0), at(0));
  writeFileSync(join(dir, BUNDLE_FILE), fakeBundle());
  utimesSync(join(dir, BUNDLE_FILE), at(10), at(10));
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify({ builds: ['../../../readers/dist/.tsbuildinfo'] }));
});
afterEach(() => {
  delete process.env['KQLR_NO_BUNDLE'];
  rmSync(root, { recursive: true, force: true });
});

describe('staleInput', () => {
  it('is null while every build output is older than the bundle', () => {
    expect(staleInput(dir)).toBeNull();
  });

  it('names a build output rewritten after the bundle', () => {
    utimesSync(join(root, 'readers', 'dist', '.tsbuildinfo'), at(20), at(20));
    expect(staleInput(dir)).toBe('../../../readers/dist/.tsbuildinfo');
  });

  it('names a build output that is gone, and a missing stamp', () => {
    rmSync(join(root, 'readers', 'dist', '.tsbuildinfo'));
    expect(staleInput(dir)).toBe('../../../readers/dist/.tsbuildinfo');
    rmSync(join(dir, STAMP_FILE));
    expect(staleInput(dir)).toBe(STAMP_FILE);
  });
});

describe('loadBundle', () => {
  it('runs the bundle with require, module and __filename as a CommonJS module has them', async () => {
    const { exports, state } = loadBundle(dir);
    expect(state).toEqual({ kind: 'loaded', cache: 'missing' });
    expect(await exports!.runCli(['node', 'kqlr', 'run'])).toBe(103);
    expect(await exports!.engineApi()).toEqual({ file: BUNDLE_FILE });
  });

  it('accepts a code cache made from the same script, and rejects another script\'s', () => {
    const { script } = compileBundle(join(dir, BUNDLE_FILE));
    writeFileSync(join(dir, CODE_CACHE_FILE), script.createCachedData());
    expect(loadBundle(dir).state).toEqual({ kind: 'loaded', cache: 'accepted' });

    const other = join(root, 'other.cjs');
    writeFileSync(other, `// ${process.pid} other\nmodule.exports = { runCli: async () => 7, engineApi: async () => ({}) };`);
    // Rewritten with new text, as a rebuild would, so V8 compiles it again.
    writeFileSync(join(dir, BUNDLE_FILE), fakeBundle());
    utimesSync(join(dir, BUNDLE_FILE), at(10), at(10));
    writeFileSync(join(dir, CODE_CACHE_FILE), compileBundle(other).script.createCachedData());
    const { exports, state } = loadBundle(dir);
    expect(state).toEqual({ kind: 'loaded', cache: 'rejected' });
    expect(describeBundleState(state)).toBe('bundle (code cache rejected)');
    // A rejected cache only costs compile time: the bundle still runs.
    expect(exports).not.toBeNull();
  });

  it('falls back to the ES modules when the bundle is absent, stale or disabled', () => {
    process.env['KQLR_NO_BUNDLE'] = '1';
    expect(loadBundle(dir)).toEqual({ exports: null, state: { kind: 'disabled' } });
    delete process.env['KQLR_NO_BUNDLE'];

    utimesSync(join(root, 'readers', 'dist', '.tsbuildinfo'), at(20), at(20));
    const stale = loadBundle(dir);
    expect(stale).toEqual({ exports: null, state: { kind: 'stale', newer: '../../../readers/dist/.tsbuildinfo' } });
    expect(describeBundleState(stale.state)).toBe('ES modules (the bundle is older than ../../../readers/dist/.tsbuildinfo: run npm run build)');

    rmSync(join(dir, BUNDLE_FILE));
    const absent = loadBundle(dir);
    expect(absent).toEqual({ exports: null, state: { kind: 'absent' } });
    expect(describeBundleState(absent.state)).toBe('ES modules (no bundle: run npm run build)');
    expect(describeBundleState({ kind: 'disabled' })).toBe('ES modules (KQLR_NO_BUNDLE=1)');
  });
});
