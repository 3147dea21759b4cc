import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as ParquetWasm from 'parquet-wasm';

let loading: Promise<typeof ParquetWasm> | undefined;
let compiling: Promise<WasmModule> | undefined;

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

/** The file URL of parquet-wasm's ESM glue, whose `initSync` instantiates a given compiled module. */
export function parquetGlueUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('parquet-wasm/esm')).href;
}

/**
 * parquet-wasm's WebAssembly compiled once per process (asynchronously, off the main thread) and
 * shared by the decoder workers: instantiating a compiled module takes a few milliseconds.
 */
export function compiledParquetWasm(): Promise<WasmModule> {
  compiling ??= (async () => {
    const bytes = await readFile(createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm'));
    return wasmApi.compile(bytes);
  })();
  compiling.catch(() => {
    compiling = undefined;
  });
  return compiling;
}
