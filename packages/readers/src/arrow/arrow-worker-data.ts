import { isMainThread, workerData } from 'node:worker_threads';

/** workerData key of a thread that builds its batches with apache-arrow's bundle (see arrow-runtime.ts). */
export const ARROW_BUNDLE_KEY = 'kqlrArrowBundle';

/** workerData for a worker whose batches leave it as IPC bytes only (see arrow-runtime.ts). */
export function arrowBundleWorkerData(): Record<string, true> {
  return { [ARROW_BUNDLE_KEY]: true };
}

/** Whether this thread was started with `arrowBundleWorkerData()`. */
export function usesArrowBundle(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[ARROW_BUNDLE_KEY] === true;
}
