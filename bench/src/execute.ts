import { writeFileSync } from 'node:fs';
import type { Contender, RunContext } from './contender.js';
import type { Measurement } from './measurement.js';
import { digestRows, type ResultDigest } from './result.js';

const FAILED: ResultDigest = { count: -1, hash: 'failed', orderViolations: 0 };

/** Runs one contender once; optionally leaves its rows (one JSON array per line) in `rowsFile`. */
export async function executeContender(contender: Contender, ctx: RunContext, rowsFile?: string): Promise<Measurement> {
  let outcome;
  try {
    outcome = await contender.run(ctx);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const rss = process.resourceUsage().maxRSS / 1024;
    return { id: contender.id, phases: {}, totalMs: NaN, headlineMs: NaN, maxRssMiB: rss, digest: FAILED, error };
  }
  const totalMs = Object.values(outcome.phases).reduce((a, b) => a + b, 0);
  const headlineMs = contender.headline === undefined ? totalMs : (outcome.phases[contender.headline] ?? totalMs);
  const digest = digestRows(outcome.rows);
  if (rowsFile) writeFileSync(rowsFile, outcome.rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return {
    id: contender.id,
    phases: outcome.phases,
    totalMs,
    headlineMs,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    digest,
  };
}
