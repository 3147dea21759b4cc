import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MalformedRecord } from '@kqlr/common';
import type { InputSpec } from './input-spec.js';
import type { ReaderOptions } from './reader-options.js';
import { openInputs } from './open-inputs.js';
import type { InputSet } from './input-set.js';

/** Test support: temporary files and whole-table reads as plain rows. Not exported by the package. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kqlr-readers-'));
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export interface ReadResult {
  rows: Record<string, unknown>[];
  set: InputSet;
  malformed: MalformedRecord[];
  warnings: string[];
  batches: number;
}

export async function readAll(specs: InputSpec[], table: string, options: ReaderOptions = {}, columns?: string[]): Promise<ReadResult> {
  const malformed: MalformedRecord[] = [];
  const warnings: string[] = [];
  const set = await openInputs(specs, { ...options, onMalformed: (m) => malformed.push(m), onWarning: (w) => warnings.push(w) });
  const provider = set.tables.get(table);
  const rows: Record<string, unknown>[] = [];
  let batches = 0;
  if (provider) {
    for await (const b of provider.scan(columns ? { columns } : {})) {
      batches++;
      for (const r of b.toArray()) rows.push(r.toJSON() as Record<string, unknown>);
    }
  }
  return { rows, set, malformed, warnings, batches };
}
