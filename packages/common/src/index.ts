export * from './span.js';
export * from './diagnostic.js';
export * from './types.js';
export * from './time.js';
export * from './arrow.js';
export * from './table-provider.js';
export * from './defender-schema.js';
export * from './batch-statistics.js';
