/**
 * Disagreements between Microsoft's verdict and ours, and the committed baseline of the ones we
 * know about (known-disagreements.json). The test asserts that the two sets are equal, so both a
 * fix (an entry to delete) and a regression (a new entry) make it fail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CorpusEntry } from './corpus.js';
import type { OracleVerdict } from './generate-oracle.js';
import type { OurVerdict } from './kql-replay.js';

export interface VerdictSummary {
  accepted: boolean;
  /** First error: `KSxxx@start: message` for Microsoft, `code@start: message` for us. */
  first?: string;
}

export interface Disagreement {
  id: string;
  /** Why we disagree, for the parser/binder engineers; grouped in the report. */
  cause: string;
  microsoft: VerdictSummary;
  ours: VerdictSummary;
}

export interface KnownDisagreements {
  note: string;
  disagreements: Disagreement[];
}

export const KNOWN_PATH = fileURLToPath(new URL('./known-disagreements.json', import.meta.url));

export function summarizeOurs(v: OurVerdict): VerdictSummary {
  if (v.crash) return { accepted: false, first: `CRASH ${v.crash}` };
  const e = v.errors[0];
  return e ? { accepted: v.accepted, first: `${e.code}@${e.span.start}: ${e.message}` } : { accepted: v.accepted };
}

function summarizeMicrosoft(v: OracleVerdict): VerdictSummary {
  return v.first ? { accepted: v.accepted, first: v.first } : { accepted: v.accepted };
}

/** Every entry whose accept/reject verdict differs, in corpus order. */
export function findDisagreements(
  entries: readonly CorpusEntry[],
  microsoft: Readonly<Record<string, OracleVerdict>>,
  ours: ReadonlyMap<string, OurVerdict>,
): Omit<Disagreement, 'cause'>[] {
  const out: Omit<Disagreement, 'cause'>[] = [];
  for (const e of entries) {
    const ms = microsoft[e.id];
    const us = ours.get(e.id);
    if (!ms || !us) throw new Error(`no verdict for ${e.id}`);
    if (ms.accepted !== us.accepted || us.crash) {
      out.push({ id: e.id, microsoft: summarizeMicrosoft(ms), ours: summarizeOurs(us) });
    }
  }
  return out;
}

export function readKnown(path: string = KNOWN_PATH): KnownDisagreements {
  return JSON.parse(readFileSync(path, 'utf8')) as KnownDisagreements;
}

/** Rewrites the baseline from the current disagreements, keeping the causes already written. */
export function writeKnown(current: readonly Omit<Disagreement, 'cause'>[], previous: KnownDisagreements, path = KNOWN_PATH): void {
  const causes = new Map(previous.disagreements.map((d) => [d.id, d.cause]));
  const disagreements = current.map((d) => ({ id: d.id, cause: causes.get(d.id) ?? 'unclassified', microsoft: d.microsoft, ours: d.ours }));
  const lines = disagreements.map((d) => `    ${JSON.stringify(d)}`);
  const text = ['{', `  "note": ${JSON.stringify(previous.note)},`, '  "disagreements": [', lines.join(',\n'), '  ]', '}', ''];
  writeFileSync(path, text.join('\n'));
}
