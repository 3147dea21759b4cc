import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SparseLineBlock } from '../../io/needle-lines.js';
import { SpillDir } from '../../sort/spill-dir.js';
import { hitFileBlocks } from './needle-hit-file.js';
import { WORKER_YOUNG_GENERATION_MB } from '../../parallel/worker-limits.js';

export interface NeedleScanRequest {
  path: string;
  gzip: boolean;
  forms: string[];
  /** Where the worker writes the hit lines (needle-hit-file.ts), in a directory the caller owns. */
  hitsPath: string;
}

export type NeedleScanReply = { hits: number } | { error: string };

/** The hit lines the worker found, read back from its file block by block. */
export interface NeedleHits {
  hits: number;
  blocks(): AsyncGenerator<SparseLineBlock>;
}

/** Files smaller than this are scanned on the main thread (a worker costs tens of ms to start). */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The needle-hit lines of a syslog file, found on a worker thread so that the scan overlaps the
 * correlation pass (both read the whole file; with two cores the second pass costs no wall time).
 * The worker writes the hits to a file in a private temporary directory rather than holding them:
 * they are a few percent of the input, which at 10 M events is hundreds of MB. `result()` is null
 * when the worker failed: the caller scans itself. `cancel` ends the worker and removes the file.
 */
export function startNeedleScan(path: string, gzip: boolean, forms: string[]): { result(): Promise<NeedleHits | null>; cancel(): void } {
  const dir = new SpillDir('kqlr-hits-');
  const hitsPath = dir.file('hits.txt');
  const request: NeedleScanRequest = { path, gzip, forms, hitsPath };
  // A fixed young generation (worker-limits.ts): a long file would otherwise leave a larger one.
  const worker = new Worker(workerUrl(), { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  // A scan nobody waits for (the query stopped early) never keeps the process alive.
  worker.unref();
  const done = new Promise<NeedleScanReply | null>((resolve) => {
    worker.once('message', (m: NeedleScanReply) => resolve(m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return {
    result: async () => {
      const r = await done;
      void worker.terminate();
      if (r === null || 'error' in r) return null;
      return { hits: r.hits, blocks: () => hitFileBlocks(hitsPath) };
    },
    cancel: () => {
      void worker.terminate();
      dir.remove();
    },
  };
}

/**
 * The compiled worker entry next to this module; under a test runner executing the TypeScript
 * sources (no `.js` sibling), the package's built `dist` copy.
 */
function workerUrl(): URL {
  const here = new URL('./needle-scan-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL(import.meta.url.replace('/src/formats/sysmon/', '/dist/formats/sysmon/').replace(/needle-scan\.ts$/, 'needle-scan-worker.js'));
}
