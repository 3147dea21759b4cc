import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface NeedleScanRequest {
  path: string;
  gzip: boolean;
  forms: string[];
  /** Give up past this many characters of hit lines. */
  maxChars: number;
}

export interface NeedleScanReply {
  tooMany: boolean;
  lines: string[];
  lineNumbers: number[];
}

/** Files smaller than this are scanned on the main thread (a worker costs tens of ms to start). */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;
const MAX_CHARS = 32 * 1024 * 1024;

/**
 * The needle-hit lines of a syslog file, found on a worker thread so that the scan overlaps the
 * correlation pass (both read the whole file; with two cores the second pass costs no wall time).
 * `result()` is null when the worker found too many hits or failed: the caller scans itself.
 */
export function startNeedleScan(path: string, gzip: boolean, forms: string[]): { result(): Promise<NeedleScanReply | null>; cancel(): void } {
  const request: NeedleScanRequest = { path, gzip, forms, maxChars: MAX_CHARS };
  const worker = new Worker(workerUrl(), { workerData: request });
  // A scan nobody waits for (the query stopped early) never keeps the process alive.
  worker.unref();
  const done = new Promise<NeedleScanReply | null>((resolve) => {
    worker.once('message', (m: NeedleScanReply | { error: string }) => resolve('error' in m || m.tooMany ? null : m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return {
    result: async () => {
      const r = await done;
      void worker.terminate();
      return r;
    },
    cancel: () => void worker.terminate(),
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
