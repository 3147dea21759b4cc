import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as ParquetWasm from 'parquet-wasm';

let loading: Promise<typeof ParquetWasm> | undefined;
let compiling: Promise<ParquetWasmForWorkers> | undefined;

/**
 * parquet-wasm in this thread, loaded on first use: instantiating its WebAssembly costs ~0.2 s,
 * which every `kqlr` start paid even when no Parquet file was involved. Used to write Parquet
 * (our own batches); reading untrusted files goes through decoder workers instead.
 */
export function loadParquetWasm(): Promise<typeof ParquetWasm> {
  loading ??= import('parquet-wasm');
  return loading;
}

/** A compiled `WebAssembly.Module` (opaque here: the project's `lib` settings do not declare the WebAssembly API). */
export type WasmModule = object;

/** The part of the WebAssembly JS API used here. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface ParquetWasmForWorkers {
  module: WasmModule;
  glueUrl: string;
}

/**
 * parquet-wasm's WebAssembly compiled once per process (asynchronously, off the main thread) for
 * the decoder workers, with the URL of its ESM glue, whose `initSync` instantiates a given module.
 */
export function parquetWasmForWorkers(): Promise<ParquetWasmForWorkers> {
  compiling ??= (async () => {
    const require = createRequire(import.meta.url);
    const bytes = await readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm'));
    return { module: await wasmApi.compile(bytes), glueUrl: pathToFileURL(require.resolve('parquet-wasm/esm')).href };
  })();
  compiling.catch(() => {
    compiling = undefined;
  });
  return compiling;
}
