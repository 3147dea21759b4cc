/**
 * Microsoft's verdict for every corpus query, as stored in oracle.json. The same function feeds the
 * test (which recomputes it live and checks the stored file is current) and the writer below.
 *
 * Regenerate after editing the corpus:
 *   node test/differential/generate-oracle.mjs
 * (a launcher that loads this TypeScript module through Vite's module runner; Node 20 cannot run
 * TypeScript by itself and no tsx is installed).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type CorpusEntry } from './corpus.js';
import { analyzeWithMicrosoft, MS_TABLE_NAMES, type MsVerdict } from './ms-kql.js';

export interface OracleVerdict {
  /** First 12 hex digits of the SHA-256 of the query text: shows which text the verdict is for. */
  sha: string;
  accepted: boolean;
  /** Codes of the error-severity diagnostics, in Kusto.Language's order (duplicates kept). */
  errors: string[];
  /** `KSxxx@start: message` of the first error, for people reading diffs; absent when accepted. */
  first?: string;
}

export interface Oracle {
  generator: string;
  tables: readonly string[];
  verdicts: Record<string, OracleVerdict>;
}

export const ORACLE_PATH = fileURLToPath(new URL('./oracle.json', import.meta.url));

export function queryHash(query: string): string {
  return createHash('sha256').update(query, 'utf8').digest('hex').slice(0, 12);
}

export function toOracleVerdict(query: string, verdict: MsVerdict): OracleVerdict {
  const errors = verdict.diagnostics.filter((d) => d.severity === 'Error');
  const out: OracleVerdict = { sha: queryHash(query), accepted: verdict.accepted, errors: errors.map((d) => d.code) };
  const first = errors[0];
  if (first) out.first = `${first.code}@${first.start}: ${first.message}`;
  return out;
}

export function generatorName(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('@kusto/language-service-next/package.json') as { name: string; version: string };
  return `${pkg.name} ${pkg.version}`;
}

export function computeOracle(entries: readonly CorpusEntry[] = loadCorpus()): Oracle {
  const verdicts: Record<string, OracleVerdict> = {};
  for (const e of entries) verdicts[e.id] = toOracleVerdict(e.query, analyzeWithMicrosoft(e.query));
  return { generator: generatorName(), tables: MS_TABLE_NAMES, verdicts };
}

/** Stable text form: one verdict per line keeps reviews of oracle.json diffs readable. */
export function formatOracle(oracle: Oracle): string {
  const lines = Object.entries(oracle.verdicts).map(([id, v]) => `    ${JSON.stringify(id)}: ${JSON.stringify(v)}`);
  return [
    '{',
    `  "generator": ${JSON.stringify(oracle.generator)},`,
    `  "tables": ${JSON.stringify(oracle.tables)},`,
    '  "verdicts": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

export function readOracle(path: string = ORACLE_PATH): Oracle {
  return JSON.parse(readFileSync(path, 'utf8')) as Oracle;
}

export function writeOracle(path: string = ORACLE_PATH): Oracle {
  const oracle = computeOracle();
  writeFileSync(path, formatOracle(oracle));
  return oracle;
}
