import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as esm from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { Arrow, arrowBundleWorkerData } from './arrow-runtime.js';

/** The built package (workers run it: they cannot load the TypeScript sources). */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** What `Arrow` is in a worker thread started with `workerData`. */
async function arrowInWorker(workerData: unknown): Promise<{ bundleLoaded: boolean; sameAsEsm: boolean; ipcBytes: number }> {
  const runtime = pathToFileURL(`${DIST}arrow/arrow-runtime.js`).href;
  // apache-arrow's ES entry as the package resolves it (exports: node.import is the .mjs twin of node.require).
  const esmEntry = pathToFileURL(createRequire(runtime).resolve('apache-arrow').replace(/\.js$/, '.mjs')).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    Promise.all([import(${JSON.stringify(runtime)}), import(${JSON.stringify(esmEntry)})]).then(([{ Arrow }, esm]) => {
      const batch = new Arrow.RecordBatch({ n: Arrow.makeVector(new Int32Array([1, 2, 3])) });
      parentPort.postMessage({
        bundleLoaded: Object.keys(require.cache).some((k) => k.endsWith('Arrow.esnext.min.js')),
        sameAsEsm: Arrow.RecordBatch === esm.RecordBatch,
        ipcBytes: Arrow.tableToIPC(new Arrow.Table([batch]), 'stream').length,
      });
    });`;
  const worker = new Worker(code, { eval: true, workerData, env: process.env });
  try {
    return await new Promise((ok, fail) => {
      worker.once('message', ok);
      worker.once('error', fail);
    });
  } finally {
    await worker.terminate();
  }
}

describe('the apache-arrow build the batch builders use (arrow-runtime.ts)', () => {
  it('is the ES modules everyone imports, on the main thread', () => {
    expect(Arrow.RecordBatch).toBe(esm.RecordBatch);
    expect(Arrow.makeData).toBe(esm.makeData);
  });

  it("is apache-arrow's single-file bundle in a worker started with arrowBundleWorkerData(), and its IPC reads back here", async () => {
    const r = await arrowInWorker(arrowBundleWorkerData());
    expect(r.bundleLoaded).toBe(true);
    expect(r.sameAsEsm).toBe(false);
    expect(r.ipcBytes).toBeGreaterThan(0);
  });

  it('is the ES modules in any other worker thread', async () => {
    const r = await arrowInWorker({ something: 'else' });
    expect(r.bundleLoaded).toBe(false);
    expect(r.sameAsEsm).toBe(true);
  });

  it("keeps the range worker's module graph off apache-arrow's ES modules and @kqlr/common's Arrow half", () => {
    // Every module the worker can load (static imports and literal dynamic ones, followed through
    // relative paths and @kqlr/common/core); arrow-runtime.ts's own import is the main thread's.
    const offending: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
      for (const s of specifiers) {
        if (s.startsWith('.')) visit(resolve(dirname(file), s));
        else if (s === '@kqlr/common/core') visit(resolve(DIST, '../../common/dist/core.js'));
        else if ((s === 'apache-arrow' && !file.endsWith('arrow-runtime.js')) || s.startsWith('apache-arrow/') || s === '@kqlr/common') offending.push(`${s} <- ${file}`);
      }
    };
    visit(resolve(DIST, 'parallel/range-worker.js'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].some((f) => f.endsWith('json-reader.js'))).toBe(true);
    expect(offending).toEqual([]);
  });
});
