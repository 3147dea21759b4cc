import { readFileSync } from 'node:fs';
import { parseIsoDatetime } from '@kqlr/common';
import type { DataFiles } from './data-files.js';
import { executeContender } from './execute.js';
import type { Manifest } from './generate.js';
import { loadContenders } from './registry.js';

/** Payload the harness hands a child process (argv[2], JSON). */
export interface ChildRequest {
  id: string;
  files: DataFiles;
  rowsFile?: string;
}

/**
 * Runs one contender in a fresh process, so its peak RSS and heap are its own, and prints the
 * Measurement as the last stdout line.
 */
async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  const manifest = JSON.parse(readFileSync(request.files.manifest, 'utf8')) as Manifest;
  const { contenders } = await loadContenders();
  const contender = contenders.find((c) => c.id === request.id);
  if (!contender) throw new Error(`unknown contender ${request.id}`);
  const nowTicks = parseIsoDatetime(manifest.now);
  if (nowTicks === null) throw new Error(`bad now in manifest: ${manifest.now}`);
  const m = await executeContender(contender, { files: request.files, manifest, nowTicks }, request.rowsFile);
  process.stdout.write('\n' + JSON.stringify(m) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
