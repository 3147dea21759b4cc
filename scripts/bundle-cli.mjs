#!/usr/bin/env node
// Bundles the built CLI (packages/*/dist, after `tsc -b`) into packages/cli/dist/bundle/ and
// writes its V8 code cache. packages/cli/src/launch/bundle-loader.ts says why and how it is loaded.
//
//   kqlr.cjs               the CLI and everything it imports, one CommonJS script
//   kqlr.cjs.cache         V8 code cache of kqlr.cjs after a training run (scripts/train-code-cache.mjs)
//   range-worker.js        the readers' range worker, one ES module (workers find it beside kqlr.cjs)
//   needle-scan-worker.js  the Sysmon needle-scan worker, likewise
//   stamp.json             the build outputs the bundle was made from (a newer one makes it stale)
//
// parquet-wasm stays outside (it loads its WebAssembly from its own directory); the CLI package
// depends on it and on chart.js (read from its package directory), so both resolve from the bundle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cliDist = path.join(root, 'packages', 'cli', 'dist');
const out = path.join(cliDist, 'bundle');
const readersDist = path.join(root, 'packages', 'readers', 'dist');
const fail = (msg) => {
  process.stderr.write(`bundle-cli: ${msg}\n`);
  process.exit(3);
};

for (const f of ['launch/bundle-entry.js', 'launch/bundle-loader.js']) {
  if (!existsSync(path.join(cliDist, f))) fail(`packages/cli/dist/${f} is missing: run tsc -b tsconfig.json first`);
}

// arrow-runtime.ts picks apache-arrow's build per thread with a top-level await; in the bundle
// every thread has the bundled copy (arrow-runtime-bundled.ts). Counted so a renamed module fails the build.
let arrowRuntimeSwaps = 0;
const bundledArrowRuntime = {
  name: 'bundled-arrow-runtime',
  setup(b) {
    b.onResolve({ filter: /\/arrow-runtime\.js$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path).replace(/arrow-runtime\.js$/, 'arrow-runtime-bundled.js');
      if (!existsSync(target)) fail(`${target} is missing`);
      arrowRuntimeSwaps++;
      return { path: target };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['parquet-wasm', 'parquet-wasm/*'],
  plugins: [bundledArrowRuntime],
  logLevel: 'error',
  legalComments: 'none',
  metafile: true,
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const main = await build({
  ...common,
  entryPoints: [path.join(cliDist, 'launch', 'bundle-entry.js')],
  outfile: path.join(out, 'kqlr.cjs'),
  format: 'cjs',
  // import.meta.url is the bundle's own URL: workers, parquet-wasm and chart.js are found from it.
  define: { 'import.meta.url': '__kqlrBundleUrl' },
  // import() of parquet-wasm as require(): V8 does not carry vm.Script's importModuleDynamically
  // over to functions restored from a code cache, so a real import() there fails.
  supported: { 'dynamic-import': false },
  banner: { js: 'var __kqlrBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
if (arrowRuntimeSwaps === 0) fail('no module imported arrow-runtime.js: update the bundled-arrow-runtime plugin');

const workers = await build({
  ...common,
  entryPoints: {
    'range-worker': path.join(readersDist, 'parallel', 'range-worker.js'),
    'needle-scan-worker': path.join(readersDist, 'formats', 'sysmon', 'needle-scan-worker.js'),
  },
  outdir: out,
  format: 'esm',
  // CommonJS dependencies bundled into an ES module still call require.
  banner: { js: 'import { createRequire as __kqlrCreateRequire } from "node:module"; const require = __kqlrCreateRequire(import.meta.url);' },
});

// Each package's .tsbuildinfo is rewritten by every `tsc -b` that emits: newer than the bundle means stale.
const packages = new Set();
for (const meta of [main.metafile, workers.metafile]) {
  for (const input of Object.keys(meta.inputs)) {
    const m = /^(?:.*\/)?packages\/([a-z-]+)\/dist\//.exec(path.resolve(root, input));
    if (m) packages.add(m[1]);
  }
}
const builds = [...packages].sort().map((p) => path.relative(out, path.join(root, 'packages', p, 'dist', '.tsbuildinfo')));
for (const b of builds) if (!existsSync(path.join(out, b))) fail(`${b} is missing`);
writeFileSync(path.join(out, 'stamp.json'), JSON.stringify({ builds }, null, 2) + '\n');

// The code cache is written by a fresh process with Node's default flags, as `kqlr` starts.
const training = spawnSync(process.execPath, [path.join(root, 'scripts', 'train-code-cache.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (training.status !== 0) fail(`writing the code cache failed (exit ${training.status ?? training.signal})`);
const files = readdirSync(out).sort();
if (!process.argv.includes('--quiet')) process.stderr.write(`[bundle-cli] ${path.relative(root, out)}: ${files.join(', ')}\n`);
