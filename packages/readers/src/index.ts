export { InputError } from './input-error.js';
export { parseInputSpec, INPUT_FORMATS, type InputSpec, type InputFormat } from './input-spec.js';
export { DEFAULT_BATCH_SIZE, type ReaderOptions, type ReadProgress, type MalformedRecord } from './reader-options.js';
export { openInputs } from './open-inputs.js';
export { InputSet, type TableStats, type FileStats, type InputFile } from './input-set.js';
export { writeBatches, type OutputFormat, type WriteResult } from './write/write-table.js';
export type { ReaderScanOptions } from './scan/scan-hints.js';
