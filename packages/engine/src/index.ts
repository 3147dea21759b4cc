export { compileQuery, type CompileOptions, type CompiledQuery, type NowSource } from './compile-query.js';
export { runQuery, type RunOptions, type QueryResult } from './run-query.js';
export { EngineDiagnostics, isResourceLimit } from './diagnostic-facts.js';
export { wallClockTicks } from './clock.js';
export { memoryTable, memoryTableFromBatches, type MemoryTableOptions, readRow, readRows, ExecutionError } from '@kqlr/executor';
