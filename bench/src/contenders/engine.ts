import type { Contender } from '../contender.js';

export interface UnavailableContender {
  id: string;
  label: string;
  reason: string;
}

/** Module specifiers are variables so bench compiles and runs before the engine packages exist. */
const ENGINE_MODULE = '@kqlr/engine';

async function probe(specifier: string): Promise<Record<string, unknown> | string> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    return `import of ${specifier} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

/**
 * The kql-replay engine contenders, or why they cannot run. Wired once @kqlr/engine lands.
 */
export async function engineContenders(): Promise<{ contenders: Contender[]; unavailable: UnavailableContender[] }> {
  const engine = await probe(ENGINE_MODULE);
  const reason = typeof engine === 'string' ? engine : 'engine API not wired yet';
  return {
    contenders: [],
    unavailable: [
      { id: 'engine-memory', label: 'kql-replay: executePlan over in-memory Arrow batches', reason: `engine not available: ${reason}` },
      { id: 'engine-files', label: 'kql-replay: end to end from each file format', reason: `engine not available: ${reason}` },
    ],
  };
}
