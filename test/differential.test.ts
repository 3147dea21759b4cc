/**
 * Differential test: our front end (parse + bind) against Microsoft's Kusto.Language on every query
 * of test/differential/corpus. See test/differential/README.md.
 *
 * Update the baselines after a reviewed change:
 *   node test/differential/generate-oracle.mjs                     (corpus edited)
 *   UPDATE_KNOWN_DISAGREEMENTS=1 TZ=UTC npx vitest run test/differential.test.ts
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCorpus, NON_GATING_FILES } from './differential/corpus.js';
import { computeOracle, generatorName, queryHash, readOracle } from './differential/generate-oracle.js';
import type { OurVerdict } from './differential/kql-replay.js';
import { findDisagreements, readKnown, writeKnown } from './differential/disagreements.js';

const corpus = loadCorpus();
const gating = corpus.filter((e) => e.gating);
const nonGating = corpus.filter((e) => !e.gating);
const files = [...new Set(gating.map((e) => e.file))];
// Loaded dynamically so that the Microsoft-side checks still run (and report) when our front end
// does not load; that case fails the 'front end loads' test below instead of the whole file.
let loadError: string | undefined;
const frontEnd = await import('./differential/kql-replay.js').catch((e: unknown) => {
  loadError = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return undefined;
});
const haveFrontEnd = frontEnd?.frontEndAvailable() ?? false;

// Microsoft's verdicts come from oracle.json, which the first tests prove current: it covers exactly
// the corpus text (hash per query) and agrees with Kusto.Language recomputed live. Recomputing all
// ~2800 queries takes 20-90 s on the shared machine, so by default every SAMPLE_EVERY-th query is
// recomputed; DIFFERENTIAL_FULL=1 recomputes all of them.
const SAMPLE_EVERY = 8;
const full = process.env['DIFFERENTIAL_FULL'] === '1';
const stored = readOracle();
const microsoft = stored.verdicts;
const liveSample = full ? corpus : corpus.filter((_, i) => i % SAMPLE_EVERY === 0);
let live: ReturnType<typeof computeOracle>['verdicts'] = {};
const ours = new Map<string, OurVerdict>();

beforeAll(() => {
  live = computeOracle(liveSample).verdicts;
  if (frontEnd && haveFrontEnd) for (const e of corpus) ours.set(e.id, frontEnd.analyzeWithKqlReplay(e.query));
}, 180_000);

describe('differential corpus', () => {
  test('has at least 300 gating queries, both accepted and rejected by Microsoft', () => {
    expect(gating.length).toBeGreaterThanOrEqual(300);
    const accepted = gating.filter((e) => microsoft[e.id]?.accepted).length;
    expect(accepted).toBeGreaterThan(50);
    expect(gating.length - accepted).toBeGreaterThan(50);
  });

  test('every non-gating record says why it diverges', () => {
    expect(nonGating.length).toBeGreaterThan(0);
    expect(nonGating.filter((e) => e.note === '').map((e) => e.id)).toEqual([]);
    expect(new Set(nonGating.map((e) => e.file))).toEqual(new Set(NON_GATING_FILES));
  });

  test('oracle.json covers exactly the current corpus text (ids and per-query hashes)', () => {
    expect(Object.keys(stored.verdicts)).toEqual(corpus.map((e) => e.id));
    const stale = corpus.filter((e) => stored.verdicts[e.id]?.sha !== queryHash(e.query)).map((e) => e.id);
    expect(stale).toEqual([]);
  });

  test(`oracle.json equals Kusto.Language recomputed live (${full ? 'all queries' : `every ${SAMPLE_EVERY}th query`})`, () => {
    expect(stored.generator).toBe(generatorName());
    expect(Object.keys(live).length).toBe(liveSample.length);
    const storedSample = Object.fromEntries(liveSample.map((e) => [e.id, stored.verdicts[e.id]]));
    expect(storedSample).toEqual(live);
  });

  test('the seed rule is rejected as published (AccountName) and accepted when corrected', () => {
    expect(microsoft['seed/published']?.accepted).toBe(false);
    expect(microsoft['seed/published']?.first).toMatch(/^KS142@\d+: The name 'AccountName'/);
    expect(microsoft['seed/corrected-drop-accountname']?.accepted).toBe(true);
  });
});

test('our front end (parseQuery + bindQuery) loads', () => {
  expect(loadError).toBeUndefined();
  expect(haveFrontEnd).toBe(true);
});

describe.skipIf(!haveFrontEnd)('kql-replay agrees with Kusto.Language', () => {
  let known = haveFrontEnd ? readKnown() : { note: '', disagreements: [] };

  test('agreement figure (known disagreements are listed in known-disagreements.json)', () => {
    const disagreements = findDisagreements(gating, microsoft, ours);
    console.log(`agreement: ${gating.length - disagreements.length}/${gating.length} queries`);
    const divergent = findDisagreements(nonGating, microsoft, ours);
    console.log(`non-gating agreement: ${nonGating.length - divergent.length}/${nonGating.length} queries`);
    if (process.env['UPDATE_KNOWN_DISAGREEMENTS'] === '1') {
      writeKnown(disagreements, known);
      known = readKnown();
    }
    const knownIds = new Set(known.disagreements.map((d) => d.id));
    const nowIds = new Set(disagreements.map((d) => d.id));
    // Two lists rather than one set comparison, so a failure names what was fixed and what broke.
    expect({
      newDisagreements: disagreements.filter((d) => !knownIds.has(d.id)),
      fixedSinceBaseline: known.disagreements.filter((d) => !nowIds.has(d.id)).map((d) => d.id),
    }).toEqual({ newDisagreements: [], fixedSinceBaseline: [] });
  });

  test.each(files)('%s: every verdict equals Microsoft\'s except the known disagreements', (file) => {
    const inFile = gating.filter((e) => e.file === file);
    const actual = findDisagreements(inFile, microsoft, ours).map((d) => d.id);
    const expected = known.disagreements.map((d) => d.id).filter((id) => inFile.some((e) => e.id === id));
    expect(actual).toEqual(expected);
  });
});
