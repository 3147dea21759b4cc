export * from './logical/plan.js';
