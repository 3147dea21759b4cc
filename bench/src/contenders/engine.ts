import { tableFromIPC, type RecordBatch } from 'apache-arrow';
import { readWholeFile } from '../read-whole-file.js';
import { DEFENDER_TABLES, type ScalarValue, type TableProvider, type TableSchema } from '@kqlr/common';
import type { Contender, ContenderOutcome, ResultGroup } from '../contender.js';
import { timed, timedRepeated } from '../contender.js';
import type { DataFormat } from '../data-files.js';
import { canonicalRow, sameRows, type CanonicalRow } from '../result.js';
import { DETECTION_1_KQL, RESULT_COLUMNS } from '../rule.js';
import { dictionaryEncodeBatch } from './dictionary-encode.js';
import { cliBundleUsable, loadCliEngine, loadEngine, type EngineModules, type FileRunApi } from './engine-api.js';

export interface UnavailableContender {
  id: string;
  label: string;
  reason: string;
}

const TABLE = 'DeviceFileEvents';

function canonicalResult(schema: TableSchema, rows: readonly ScalarValue[][]): CanonicalRow[] {
  const names = schema.columns.map((c) => c.name);
  if (names.join(',') !== RESULT_COLUMNS.join(',')) throw new Error(`engine result columns are ${names.join(', ')}`);
  return rows.map((r) => {
    if (typeof r[0] !== 'bigint') throw new Error(`engine returned a non-datetime Timestamp: ${String(r[0])}`);
    const s = (v: ScalarValue | undefined) => v as string;
    return canonicalRow(r[0], s(r[1]), s(r[2]), s(r[3]), s(r[4]), s(r[5]), s(r[6]), s(r[7]), s(r[8]), r[9] as boolean, r[10] as boolean);
  });
}

function diagnosticsText(d: readonly { severity: string; message: string }[]): string {
  return d.map((x) => `${x.severity}: ${x.message}`).join('; ');
}

/** `memoryTableFromBatches` of @kqlr/engine (typed here: engine-api.ts does not list it). */
type MemoryTableFromBatches = (name: string, schema: TableSchema, batches: readonly RecordBatch[]) => TableProvider;

/**
 * The engine's in-memory table over batches already in memory, built in the load phase: like
 * DuckDB computing row-group statistics when it loads its table, the engine computes per-batch
 * min/max once there, and every query reuses them. An engine without it gets a bare provider.
 */
function batchTable(mods: EngineModules, batches: readonly RecordBatch[]): TableProvider {
  const build = (mods.engine as { memoryTableFromBatches?: MemoryTableFromBatches }).memoryTableFromBatches;
  if (build !== undefined) return build(TABLE, DEFENDER_TABLES[TABLE]!, batches);
  return {
    name: TABLE,
    schema: DEFENDER_TABLES[TABLE]!,
    async *scan(): AsyncIterable<RecordBatch> {
      yield* batches;
    },
  };
}

/** Low-cardinality (and repeated) text columns of the bench data. */
const DICTIONARY_COLUMNS = new Set([
  'DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath', 'InitiatingProcessAccountDomain',
  'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessCommandLine',
]);

/** executePlan over the whole table held in memory as Arrow batches: `filter` is the headline. */
function engineMemory(mods: EngineModules, dictionary: boolean): Contender {
  return {
    id: `engine-memory-${dictionary ? 'dict' : 'plain'}`,
    label: `kql-replay executePlan, in-memory Arrow (${dictionary ? 'dictionary-encoded text' : 'plain Utf8'})`,
    group: 'defender',
    input: 'arrow',
    headline: 'filter',
    async run(ctx): Promise<ContenderOutcome> {
      const phases: Record<string, number> = {};
      const table = await timed(phases, 'load', () => {
        const loaded = tableFromIPC(readWholeFile(ctx.files.arrow)).batches;
        return batchTable(mods, dictionary ? loaded.map((b) => dictionaryEncodeBatch(b, DICTIONARY_COLUMNS)) : loaded);
      });
      const compiled = await timed(phases, 'compile', () => mods.engine.compileQuery(DETECTION_1_KQL, { now: ctx.nowTicks }));
      if (!compiled.result) throw new Error(`compile failed: ${diagnosticsText(compiled.diagnostics)}`);
      const plan = compiled.result.plan;
      const tables = new Map([[TABLE, table]]);
      const execute = async () => {
        const run = mods.executor.executePlan(plan, { tables, now: ctx.nowTicks });
        const rows: ScalarValue[][] = [];
        for await (const b of run.batches) rows.push(...mods.engine.readRows(b, run.schema));
        return canonicalResult(run.schema, rows);
      };
      const rows = await timedRepeated(phases, 'filter', execute, sameRows);
      return { rows, phases };
    },
  };
}

const FILE_SPECS: readonly { format: DataFormat; table?: string; group: ResultGroup }[] = [
  { format: 'streamingJsonl', group: 'defender' },
  { format: 'flatJsonl', table: TABLE, group: 'defender' },
  { format: 'csv', table: TABLE, group: 'defender' },
  { format: 'arrow', table: TABLE, group: 'defender' },
  { format: 'parquet', table: TABLE, group: 'defender' },
  { format: 'sysmon', group: 'sysmon' },
];

/** openInputs + runQuery from one file, as the CLI runs it (from its bundle when the build made one). */
function engineFile(mods: EngineModules, spec: (typeof FILE_SPECS)[number], bundled: boolean, cli: () => Promise<FileRunApi>): Contender {
  return {
    id: `engine-${spec.format}`,
    label: `kql-replay end to end, ${spec.format}${bundled ? ' (bundled CLI)' : ''}`,
    group: spec.group,
    input: spec.format,
    async run(ctx): Promise<ContenderOutcome> {
      const api = await cli();
      const phases: Record<string, number> = {};
      const path = ctx.files[spec.format];
      // The CLI's defaults (kqlr run): lenient, every malformed record reported, prefilter and workers as they come.
      let reported = 0;
      const inputs = await timed(phases, 'open', () =>
        api.openInputs([spec.table === undefined ? { path } : { path, table: spec.table }], {
          strict: false, onMalformed: () => void reported++, onWarning: () => undefined,
        }),
      );
      // runQuery's steps, timed apart: compile (first use pays the parser's construction), then scan + execute.
      const compiled = await timed(phases, 'compile', () => api.compileQuery(DETECTION_1_KQL, { now: ctx.nowTicks }));
      if (!compiled.result) throw new Error(`compile failed: ${diagnosticsText(compiled.diagnostics)}`);
      const plan = compiled.result.plan;
      const result = await timed(phases, 'execute', async () => {
        const run = api.executePlan(plan, { tables: inputs.tables, now: ctx.nowTicks });
        const rows: ScalarValue[][] = [];
        for await (const b of run.batches) rows.push(...api.readRows(b, run.schema));
        return { schema: run.schema, rows };
      });
      const malformed = inputs.malformedCount();
      if (malformed > 0 || reported > 0) throw new Error(`readers reported ${Math.max(malformed, reported)} malformed records in generated data`);
      return { rows: canonicalResult(result.schema, result.rows), phases };
    },
  };
}

/** The kql-replay contenders, or why they cannot run. */
export async function engineContenders(): Promise<{ contenders: Contender[]; unavailable: UnavailableContender[] }> {
  const mods = await loadEngine();
  if (typeof mods === 'string') {
    return {
      contenders: [],
      unavailable: [
        { id: 'engine-memory', label: 'kql-replay: executePlan over in-memory Arrow batches', reason: `engine not available: ${mods}` },
        { id: 'engine-files', label: 'kql-replay: end to end from each file format', reason: `engine not available: ${mods}` },
      ],
    };
  }
  const bundled = await cliBundleUsable();
  let cli: Promise<FileRunApi> | undefined;
  const loadCli = (): Promise<FileRunApi> => (cli ??= loadCliEngine(mods, bundled));
  return {
    contenders: [engineMemory(mods, false), engineMemory(mods, true), ...FILE_SPECS.map((s) => engineFile(mods, s, bundled, loadCli))],
    unavailable: [],
  };
}
