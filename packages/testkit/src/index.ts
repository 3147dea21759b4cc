export * from './kqlt/index.js';
