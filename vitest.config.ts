import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Unit tests run on the TypeScript sources; CLI tests run the built binary (packages/cli/dist/main.js).
export default defineConfig({
  resolve: {
    alias: {
      // Subpaths before their package: an alias also matches its subpaths.
      '@kqlr/common/core': fileURLToPath(new URL('./packages/common/src/core.ts', import.meta.url)),
      '@kqlr/common': pkg('common'),
      '@kqlr/parser': pkg('parser'),
      '@kqlr/planner': pkg('planner'),
      '@kqlr/executor': pkg('executor'),
      // Before '@kqlr/readers': an alias also matches its subpaths.
      '@kqlr/readers/input-spec': fileURLToPath(new URL('./packages/readers/src/input-spec.ts', import.meta.url)),
      '@kqlr/readers': pkg('readers'),
      '@kqlr/engine': pkg('engine'),
      '@kqlr/testkit': pkg('testkit'),
      '@kqlr/replay': pkg('replay'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/temp-dir-setup.ts'],
  },
});
