import * as arrow from 'apache-arrow';
import type { ArrowNamespace } from '@kqlr/common/core';

export { ARROW_BUNDLE_KEY, arrowBundleWorkerData } from './arrow-worker-data.js';

/**
 * arrow-runtime.ts as the bundled CLI has it (scripts/bundle-cli.mjs puts this module in its
 * place): the bundle, main thread and workers alike, already holds apache-arrow in one file, so
 * there is no module graph to avoid and no top-level await, which a CommonJS bundle cannot have.
 */
export const Arrow: ArrowNamespace = arrow;
