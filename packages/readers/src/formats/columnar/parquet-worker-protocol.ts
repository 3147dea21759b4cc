import type { WasmModule } from '../../io/parquet-module.js';

/**
 * Messages between the reader and a Parquet decoder worker. Requests are answered in order, one
 * reply each; `ready` and `at` are unsolicited (the worker started; it is decoding row group `at`,
 * so a crash can be placed in the file).
 */
export type ParquetRequest =
  /** First, once: the compiled parquet-wasm (sent when compiled, so the thread starts meanwhile). */
  | { type: 'init'; module: WasmModule }
  | { type: 'schema'; path: string }
  /** `rowGroups`: the row groups to read, in file order (null: all). */
  | { type: 'open'; path: string; columns: string[] | null; batchSize: number; rowGroups: number[] | null }
  | { type: 'pull' }
  | { type: 'close' };

export type ParquetReply =
  | { type: 'schema'; ipc: Uint8Array; rowGroupRows: number[] }
  | { type: 'opened'; rowGroupRows: number[] }
  | { type: 'batch'; ipc: Uint8Array }
  | { type: 'end' }
  | { type: 'closed' }
  /** A caught decoder error; `fatal` when it was a WebAssembly trap (the worker then exits). */
  | { type: 'error'; message: string; fatal: boolean };

export type ParquetNotice = { type: 'ready' } | { type: 'at'; rowGroup: number };

export type ParquetWorkerMessage = ParquetReply | ParquetNotice;

export interface ParquetWorkerData {
  /** The file URL of parquet-wasm's ESM glue (the build that can be initialised from a module). */
  glueUrl: string;
}
