import { writeFileSync } from 'node:fs';
import type { Contender, RunContext } from './contender.js';
import type { Measurement } from './measurement.js';
import { digestRows } from './result.js';

/** Runs one contender once; optionally leaves its rows (one JSON array per line) in `rowsFile`. */
export async function executeContender(contender: Contender, ctx: RunContext, rowsFile?: string): Promise<Measurement> {
  const outcome = await contender.run(ctx);
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
