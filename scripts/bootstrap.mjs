#!/usr/bin/env node
// Installs the workspace with the pinned pnpm (from package.json "packageManager") and builds it.
// Used by the README's two commands so a fresh machine needs only Node.js and npm.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpm = pkg.packageManager; // e.g. "pnpm@10.34.8"
const quiet = process.argv.includes('--quiet');
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });

const log = (msg) => process.stderr.write(`[bootstrap] ${msg}\n`);
log(`installing dependencies with ${pnpm} (frozen lockfile)`);
run('npx', ['-y', pnpm, 'install', '--frozen-lockfile', '--reporter=append-only']);
log('building packages');
run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.json']);
log('bundling the CLI');
run(process.execPath, [path.join(root, 'scripts', 'bundle-cli.mjs'), '--quiet']);
if (!existsSync(path.join(root, 'packages', 'cli', 'dist', 'main.js'))) {
  log('build did not produce packages/cli/dist/main.js');
  process.exit(3);
}
