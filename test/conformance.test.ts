/**
 * Golden conformance suite: every record of test/conformance/*.kqlt is one vitest test named
 * `<file>:<line> <title>`. Expectations are hand-derived from shared/kql-semantics.md; there is
 * deliberately no update mode. Records listed in known-failures.txt run as `it.fails`; records of
 * uncertain*.kqlt are reported (skipped with a note when they disagree) but never gate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFENDER_TABLES, type TableSchema } from '@kqlr/common';
import { parseKnownFailures, parseKqlt, runRecord, type KqltEngine, type RunnableRecord } from '@kqlr/testkit';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'conformance');
const files = readdirSync(dir).filter((f) => f.endsWith('.kqlt')).sort();
const known = parseKnownFailures(readFileSync(join(dir, 'known-failures.txt'), 'utf8'));
const engine = await loadEngine();

/**
 * Adapts @kqlr/engine to the runner's port. The engine binds against a catalog (Defender tables by
 * default) and reads data from `tables`; tables declared in a .kqlt file must be in both, so the
 * adapter builds the catalog from the Defender schemas plus the declared tables.
 */
async function loadEngine(): Promise<KqltEngine | string> {
  try {
    const engine = await import('@kqlr/engine');
    const planner = await import('@kqlr/planner');
    if (typeof engine.runQuery !== 'function' || typeof engine.memoryTable !== 'function') {
      return '@kqlr/engine does not export runQuery and memoryTable yet';
    }
    return {
      runQuery: (text, options = {}) => {
        const schemas = new Map<string, TableSchema>(Object.entries(DEFENDER_TABLES));
        for (const [name, table] of options.tables ?? []) schemas.set(name, { ...table.schema, name });
        return engine.runQuery(text, { ...options, catalog: planner.createCatalog([...schemas.values()]) });
      },
      memoryTable: (name, schema, rows, options) => engine.memoryTable(name, schema, rows, options),
    };
  } catch (e) {
    return `@kqlr/engine is not available: ${(e as Error).message}`;
  }
}

const parsed = files.map((f) => parseKqlt(readFileSync(join(dir, f), 'utf8'), f));
const allRecords: RunnableRecord[] = parsed.flatMap((p) => p.records);

describe('conformance suite integrity', () => {
  it('has at least 300 gating cases, each citing a source', () => {
    const gating = allRecords.filter((r) => !r.file.startsWith('uncertain'));
    expect(gating.length).toBeGreaterThanOrEqual(300);
    expect(allRecords.filter((r) => r.sources.length === 0).map((r) => `${r.file}:${r.line}`)).toEqual([]);
  });
  it('has only well-formed records', () => {
    const invalid = allRecords.flatMap((r) => (r.kind === 'invalid' ? [`${r.file}:${r.line} ${r.problem}`] : []));
    expect(invalid).toEqual([]);
  });
  it('lists only existing records in known-failures.txt', () => {
    const ids = new Set(allRecords.map((r) => `${r.file}:${r.line}`));
    expect([...known.keys()].filter((k) => !ids.has(k))).toEqual([]);
  });
});

for (const file of parsed) {
  const uncertain = file.file.startsWith('uncertain');
  describe(file.file, () => {
    for (const record of file.records) {
      const id = `${record.file}:${record.line}`;
      const name = `${id} ${record.title}`;
      if (typeof engine === 'string') {
        it.skip(`${name} (${engine})`, () => {});
        continue;
      }
      const run = async () => {
        const outcome = await runRecord(record, { engine, baseDir: dir });
        if (!outcome.passed) throw new Error(`${id}\n${record.kind === 'invalid' ? '' : record.query}\n${outcome.message}`);
      };
      if (uncertain) {
        it(name, async (ctx) => {
          const outcome = await runRecord(record, { engine, baseDir: dir });
          if (!outcome.passed) ctx.skip(`uncertain case disagrees: ${outcome.message}`);
        });
      } else if (known.has(id)) {
        it.fails(`${name} [known failure: ${known.get(id)}]`, run);
      } else {
        it(name, run);
      }
    }
  });
}
