import type * as ParquetWasm from 'parquet-wasm';

let loading: Promise<typeof ParquetWasm> | undefined;

/**
 * parquet-wasm, loaded on first use: instantiating its WebAssembly costs ~0.2 s, which every
 * `kqlr` start paid even when no Parquet file was involved.
 */
export function loadParquetWasm(): Promise<typeof ParquetWasm> {
  loading ??= import('parquet-wasm');
  return loading;
}
