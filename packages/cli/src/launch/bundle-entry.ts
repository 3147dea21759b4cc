/**
 * The bundle's entry point (scripts/bundle-cli.mjs): the CLI, and the engine's API for callers
 * that time a run as the CLI makes it (bench/) or train the code cache. The API is loaded on
 * first use, so a bundled `kqlr --help` evaluates no more modules than the unbundled one.
 */
import type { openInputs } from '@kqlr/readers';
import type { compileQuery, readRows } from '@kqlr/engine';
import type { executePlan } from '@kqlr/executor';
export { runCli } from '../cli.js';

export interface EngineApi {
  openInputs: typeof openInputs;
  compileQuery: typeof compileQuery;
  executePlan: typeof executePlan;
  readRows: typeof readRows;
}

export async function engineApi(): Promise<EngineApi> {
  const [readers, engine, executor] = await Promise.all([import('@kqlr/readers'), import('@kqlr/engine'), import('@kqlr/executor')]);
  return { openInputs: readers.openInputs, compileQuery: engine.compileQuery, executePlan: executor.executePlan, readRows: engine.readRows };
}

export interface BundleExports {
  runCli(argv: string[]): Promise<number>;
  engineApi(): Promise<EngineApi>;
}
