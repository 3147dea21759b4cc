import type { RecordBatch } from 'apache-arrow';
import type { Diagnostic, ScalarValue, TableProvider, TableSchema } from '@kqlr/common';

/**
 * The parts of @kqlr/engine, @kqlr/executor and @kqlr/readers the bench uses, typed locally and
 * loaded with dynamic imports: bench keeps compiling and running (reporting "engine not
 * available") while those packages are missing, unbuilt or mid-change.
 */
export interface EngineApi {
  compileQuery(text: string, options: { now?: bigint }): { result: { plan: unknown; now: bigint } | null; diagnostics: Diagnostic[] };
  runQuery(
    text: string,
    options: { now?: bigint; tables?: ReadonlyMap<string, TableProvider>; batchSize?: number },
  ): Promise<{ ok: true; schema: TableSchema; rows: ScalarValue[][] } | { ok: false; diagnostics: Diagnostic[] }>;
  readRows(batch: RecordBatch, schema: TableSchema): ScalarValue[][];
}

export interface ExecutorApi {
  executePlan(
    plan: unknown,
    options: { tables: ReadonlyMap<string, TableProvider>; now?: bigint; batchSize?: number },
  ): { schema: TableSchema; batches: AsyncIterable<RecordBatch> };
}

export interface InputSetApi {
  tables: Map<string, TableProvider>;
  warnings: string[];
  malformedCount(table?: string): number;
}

export interface ReadersApi {
  openInputs(
    specs: { path: string; table?: string; format?: string }[],
    options?: { batchSize?: number; onWarning?: (m: string) => void; strict?: boolean; onMalformed?: (m: { file: string; reason: string }) => void },
  ): Promise<InputSetApi>;
}

export interface EngineModules {
  engine: EngineApi;
  executor: ExecutorApi;
  readers: ReadersApi;
}

/** Module specifiers are variables so TypeScript does not resolve them at build time. */
const SPECIFIERS = { engine: '@kqlr/engine', executor: '@kqlr/executor', readers: '@kqlr/readers' } as const;

const REQUIRED: Record<keyof EngineModules, readonly string[]> = {
  engine: ['compileQuery', 'runQuery', 'readRows'],
  executor: ['executePlan'],
  readers: ['openInputs'],
};

async function load(key: keyof EngineModules): Promise<Record<string, unknown>> {
  const mod = (await import(SPECIFIERS[key])) as Record<string, unknown>;
  const missing = REQUIRED[key].filter((f) => typeof mod[f] !== 'function');
  if (missing.length > 0) throw new Error(`${SPECIFIERS[key]} lacks ${missing.join(', ')}`);
  return mod;
}

/** The engine packages, or the reason they cannot be used. */
export async function loadEngine(): Promise<EngineModules | string> {
  try {
    const [engine, executor, readers] = await Promise.all([load('engine'), load('executor'), load('readers')]);
    return { engine, executor, readers } as unknown as EngineModules;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
}

/** The four calls an end-to-end run makes (engine-<format> contenders). */
export type FileRunApi = Pick<EngineApi, 'compileQuery' | 'readRows'> & Pick<ExecutorApi, 'executePlan'> & Pick<ReadersApi, 'openInputs'>;

/** The parts of the CLI's bundle loader used here (packages/cli/src/launch/bundle-loader.ts). */
interface BundleLoaderModule {
  probeBundle(): unknown;
  loadBundle(): { exports: { engineApi(): Promise<unknown> } | null; state: unknown };
  describeBundleState(state: unknown): string;
}

/** The CLI's built bundle loader, in this repository (bench/src or bench/dist/contenders -> packages/cli/dist). */
const BUNDLE_LOADER = new URL('../../../packages/cli/dist/launch/bundle-loader.js', import.meta.url).href;
const V8_TIERING = new URL('../../../packages/cli/dist/launch/v8-tiering.js', import.meta.url).href;

/**
 * Whether the engine-<format> contenders will run from the CLI's bundle (scripts/bundle-cli.mjs),
 * as `kqlr` does, rather than from the packages; checked without loading the bundle.
 */
export async function cliBundleUsable(): Promise<boolean> {
  try {
    return ((await import(BUNDLE_LOADER)) as BundleLoaderModule).probeBundle() === null;
  } catch {
    return false;
  }
}

/**
 * The engine as `kqlr` runs it: from the CLI's bundle with its code cache (`bundled`: see
 * cliBundleUsable; loaded once per process, before any timing, as the CLI loads it before it runs
 * a command), else the packages.
 */
export async function loadCliEngine(mods: EngineModules, bundled: boolean): Promise<FileRunApi> {
  // What main.ts does before it loads the CLI, for the packages too (packages/cli/src/launch/v8-tiering.ts).
  const tiering = (await import(V8_TIERING)) as { tuneV8Tiering(): boolean };
  tiering.tuneV8Tiering();
  if (bundled) {
    const loader = (await import(BUNDLE_LOADER)) as BundleLoaderModule;
    const { exports, state } = loader.loadBundle();
    if (exports === null) throw new Error(`the CLI bundle did not load: ${loader.describeBundleState(state)}`);
    return (await exports.engineApi()) as FileRunApi;
  }
  return { openInputs: mods.readers.openInputs, compileQuery: mods.engine.compileQuery, executePlan: mods.executor.executePlan, readRows: mods.engine.readRows };
}
