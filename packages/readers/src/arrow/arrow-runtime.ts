import { createRequire } from 'node:module';
import { isMainThread, workerData } from 'node:worker_threads';
import type { ArrowNamespace } from '@kqlr/common/core';

/** workerData key of a thread that builds its batches with apache-arrow's bundle (see `Arrow`). */
export const ARROW_BUNDLE_KEY = 'kqlrArrowBundle';

/** workerData for a worker whose batches leave it as IPC bytes only (see `Arrow`). */
export function arrowBundleWorkerData(): Record<string, true> {
  return { [ARROW_BUNDLE_KEY]: true };
}

function usesBundle(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[ARROW_BUNDLE_KEY] === true;
}

/**
 * The apache-arrow classes and functions the batch builders use. Everywhere but in the readers'
 * range workers these are apache-arrow's ES modules, the ones every other module imports (one
 * build per thread: apache-arrow tells its types apart with instanceof). A range worker is started
 * with `arrowBundleWorkerData()` and gets apache-arrow's single-file bundle instead (same version,
 * same API): loading ~150 ES modules took ~230 ms of each worker's start-up, on the critical path
 * of every parallel read, where the bundle loads in ~30 ms. Its batches leave the worker as IPC
 * bytes, so no object of one build meets the other.
 */
export const Arrow: ArrowNamespace = usesBundle()
  ? (createRequire(import.meta.url)('apache-arrow/Arrow.esnext.min') as ArrowNamespace)
  : await import('apache-arrow');
