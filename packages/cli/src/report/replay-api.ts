/**
 * The @kqlr/replay API the `test`/`diff` commands and reports use, imported from one place.
 * packages/cli/package.json does not (yet) depend on @kqlr/replay, so a fresh `pnpm install` links
 * no `@kqlr/replay` for this package; until it does, the built package is imported by path (the root
 * tsconfig builds packages/replay before packages/cli). Once the dependency and a tsconfig reference
 * are added, this becomes `export * from './replay-api.js';`.
 */
export * from '../../../replay/dist/index.js';
