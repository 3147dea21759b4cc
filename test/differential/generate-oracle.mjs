// Launcher for generate-oracle.ts: `node test/differential/generate-oracle.mjs` from the repo root.
// Node 20 cannot strip TypeScript types and tsx is not installed, so the module is loaded through
// Vite's module runner (Vite ships with vitest), with the same `@kqlr/*` aliases as vitest.config.ts.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const requireFromVitest = createRequire(createRequire(import.meta.url).resolve('vitest/package.json'));
const { runnerImport } = await import(pathToFileURL(requireFromVitest.resolve('vite')).href);

const packages = ['common', 'parser', 'planner'];
const { module } = await runnerImport(here('./generate-oracle.ts'), {
  configFile: false,
  logLevel: 'warn',
  resolve: { alias: Object.fromEntries(packages.map((p) => [`@kqlr/${p}`, here(`../../packages/${p}/src/index.ts`)])) },
});
const oracle = module.writeOracle();
const verdicts = Object.values(oracle.verdicts);
const accepted = verdicts.filter((v) => v.accepted).length;
console.log(`oracle.json: ${verdicts.length} queries, ${accepted} accepted, ${verdicts.length - accepted} rejected`);
