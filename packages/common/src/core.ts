// Everything of @kqlr/common but the Arrow schema mapping (arrow.ts): what the parser, the
// planner and `kqlr check` need, without loading apache-arrow's ~150 modules at start-up.
export * from './span.js';
export * from './diagnostic.js';
export * from './types.js';
export * from './time.js';
export * from './table-provider.js';
export * from './defender-schema.js';
export * from './batch-statistics.js';
export * from './deferred-columns.js';
export * from './arrow-fields.js';
export * from './first-use.js';
export * from './grow.js';
