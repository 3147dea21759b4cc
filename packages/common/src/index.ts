export * from './core.js';
export * from './arrow.js';
