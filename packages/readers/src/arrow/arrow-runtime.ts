import { createRequire } from 'node:module';
import type { ArrowNamespace } from '@kqlr/common/core';
import { usesArrowBundle } from './arrow-worker-data.js';

export { ARROW_BUNDLE_KEY, arrowBundleWorkerData } from './arrow-worker-data.js';

/**
 * The apache-arrow classes and functions the batch builders use. Everywhere but in the readers'
 * range workers these are apache-arrow's ES modules, the ones every other module imports (one
 * build per thread: apache-arrow tells its types apart with instanceof). A range worker is started
 * with `arrowBundleWorkerData()` and gets apache-arrow's single-file bundle instead (same version,
 * same API): loading ~150 ES modules took ~230 ms of each worker's start-up, on the critical path
 * of every parallel read, where the bundle loads in ~30 ms. Its batches leave the worker as IPC
 * bytes, so no object of one build meets the other. The bundled CLI (scripts/bundle-cli.mjs) has
 * one apache-arrow build in each thread already and uses arrow-runtime-bundled.ts instead.
 */
export const Arrow: ArrowNamespace = usesArrowBundle()
  ? (createRequire(import.meta.url)('apache-arrow/Arrow.esnext.min') as ArrowNamespace)
  : await import('apache-arrow');
