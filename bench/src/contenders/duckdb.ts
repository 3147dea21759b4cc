import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TICKS_PER_DAY, formatDatetime } from '@kqlr/common';
import type { Contender, ContenderOutcome, RunContext } from '../contender.js';
import { timed, timedRepeated } from '../contender.js';
import type { DataFormat } from '../data-files.js';
import {
  containsPredicate, duckColumnsSpec, duckStructType, hasAnyPredicate, sqlString, sysmonDataSql, typedSelect,
} from '../duckdb-sql.js';
import { canonicalRow, sameRows, type CanonicalRow } from '../result.js';
import { ACTION_TYPES, SUSPICIOUS_SERVICE_NAMES, SYSTEMD_SERVICE_PATHS } from '../rule.js';

/**
 * Detection 1 in DuckDB SQL with KQL semantics: strings coalesced to "" (KQL strings have no
 * null), Timestamp as TIMESTAMP_NS (7 fraction digits survive), has_any by the §5.3 boundary
 * model, endswith/contains case-insensitive.
 */
export function detectionSql(source: string, nowTicks: bigint): string {
  const cutoff = formatDatetime(nowTicks - TICKS_PER_DAY).replace('Z', '');
  const s = (c: string) => `coalesce(${c}, '')`;
  return `SELECT epoch_ns(Timestamp) // 100 AS ticks, ${s('DeviceName')}, ${s('InitiatingProcessAccountName')} AS AccountName,
  ${s('ActionType')}, ${s('FolderPath')}, ${s('FileName')}, ${s('InitiatingProcessFileName')},
  ${s('InitiatingProcessCommandLine')}, ${s('InitiatingProcessAccountName')},
  ${containsPredicate(s('FolderPath'), '.config/systemd/user')} AS IsUserLevelService,
  ${hasAnyPredicate(s('FileName'), SUSPICIOUS_SERVICE_NAMES)} AS IsSuspiciousName
FROM (${source})
WHERE Timestamp > TIMESTAMP_NS '${cutoff}'
  AND ActionType IN (${ACTION_TYPES.map(sqlString).join(', ')})
  AND ${hasAnyPredicate(s('FolderPath'), SYSTEMD_SERVICE_PATHS)}
  AND ends_with(lower(${s('FileName')}), '.service')
ORDER BY Timestamp DESC`;
}

type DuckSource = (ctx: RunContext) => string;

const SOURCES: Partial<Record<DataFormat, DuckSource>> = {
  parquet: (ctx) => `SELECT * FROM read_parquet(${sqlString(ctx.files.parquet)})`,
  flatJsonl: (ctx) =>
    `SELECT ${typedSelect()} FROM read_json(${sqlString(ctx.files.flatJsonl)}, format='newline_delimited', columns=${duckColumnsSpec()})`,
  streamingJsonl: (ctx) =>
    `SELECT ${typedSelect('properties.')} FROM read_json(${sqlString(ctx.files.streamingJsonl)}, format='newline_delimited', ` +
    `columns={properties: '${duckStructType()}'})`,
  csv: (ctx) =>
    `SELECT ${typedSelect()} FROM read_csv(${sqlString(ctx.files.csv)}, header=true, delim=',', quote='"', escape='"', ` +
    `columns=${duckColumnsSpec()})`,
};

async function withDuck<T>(threads: number | null, f: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', threads === null ? {} : { threads: String(threads) });
  const con = await instance.connect();
  try {
    return await f(con);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

async function query(con: DuckDBConnection, sql: string): Promise<CanonicalRow[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRows().map((r) =>
    canonicalRow(
      r[0] as bigint, r[1] as string, r[2] as string, r[3] as string, r[4] as string, r[5] as string,
      r[6] as string, r[7] as string, r[8] as string, r[9] as boolean, r[10] as boolean,
    ),
  );
}

const threadLabel = (t: number | null) => (t === null ? 'default threads' : `${t} thread`);
const threadId = (t: number | null) => (t === null ? 'tN' : `t${t}`);

export function duckFileContender(format: DataFormat, threads: number | null): Contender {
  const source = SOURCES[format];
  if (!source) throw new Error(`no DuckDB source for ${format}`);
  return {
    id: `duckdb-${format}-${threadId(threads)}`,
    label: `DuckDB ${format}, ${threadLabel(threads)}`,
    group: 'defender',
    input: format,
    async run(ctx): Promise<ContenderOutcome> {
      const phases: Record<string, number> = {};
      const rows = await withDuck(threads, (con) => timed(phases, 'query', () => query(con, detectionSql(source(ctx), ctx.nowTicks))));
      return { rows, phases };
    },
  };
}

/** DuckDB over a native in-memory table loaded from Parquet: `filter` is the headline. */
export function duckMemoryContender(threads: number | null): Contender {
  return {
    id: `duckdb-memory-${threadId(threads)}`,
    label: `DuckDB in-memory table, ${threadLabel(threads)}`,
    group: 'defender',
    input: 'parquet',
    headline: 'filter',
    async run(ctx): Promise<ContenderOutcome> {
      const phases: Record<string, number> = {};
      const rows = await withDuck(threads, async (con) => {
        await timed(phases, 'load', () => con.run(`CREATE TABLE ev AS ${SOURCES.parquet!(ctx)}`));
        return timedRepeated(phases, 'filter', () => query(con, detectionSql('SELECT * FROM ev', ctx.nowTicks)), sameRows);
      });
      return { rows, phases };
    },
  };
}

/**
 * Sysmon syslog -> DeviceFileEvents in SQL (telemetry-formats.md §5.1): every line read as one
 * text column, `sysmon:` XML lines kept, EventID 1 rows joined to EventID 11/23 rows by
 * (Computer, ProcessGuid) for the command line. Only the columns the rule needs are mapped.
 */
export function sysmonSource(ctx: RunContext): string {
  const d = (name: string) => sysmonDataSql('line', name);
  const lines = `SELECT line FROM read_csv(${sqlString(ctx.files.sysmon)}, header=false, delim=chr(31), quote='', escape='', ` +
    `columns={'line': 'VARCHAR'}, auto_detect=false, strict_mode=false)`;
  return `WITH ev AS (
    SELECT regexp_extract(line, '<EventID>([0-9]+)</EventID>', 1) AS id,
      replace(replace(replace(regexp_extract(line, '<Computer>([^<]*)</Computer>', 1), '&lt;', '<'), '&gt;', '>'), '&amp;', '&') AS computer,
      line
    FROM (${lines}) WHERE regexp_matches(line, ' sysmon(\[[0-9]+\])?: <Event>')),
  procs AS (SELECT computer, ${d('ProcessGuid')} AS guid, any_value(${d('CommandLine')}) AS cmd FROM ev WHERE id = '1' GROUP BY ALL),
  files AS (
    SELECT computer, ${d('ProcessGuid')} AS guid, CAST(${d('UtcTime')} AS TIMESTAMP_NS) AS Timestamp,
      CASE id WHEN '11' THEN 'FileCreated' ELSE 'FileDeleted' END AS ActionType,
      ${d('TargetFilename')} AS FolderPath, ${d('User')} AS InitiatingProcessAccountName, ${d('Image')} AS image
    FROM ev WHERE id IN ('11', '23'))
  SELECT f.Timestamp, f.computer AS DeviceName, f.ActionType, f.FolderPath,
    regexp_extract(f.FolderPath, '[^/]*$') AS FileName, f.InitiatingProcessAccountName,
    regexp_extract(f.image, '[^/]*$') AS InitiatingProcessFileName, p.cmd AS InitiatingProcessCommandLine
  FROM files f LEFT JOIN procs p ON p.computer = f.computer AND p.guid = f.guid`;
}

export function duckSysmonContender(threads: number | null): Contender {
  return {
    id: `duckdb-sysmon-${threadId(threads)}`,
    label: `DuckDB sysmon syslog (regex over lines), ${threadLabel(threads)}`,
    group: 'sysmon',
    input: 'sysmon',
    async run(ctx): Promise<ContenderOutcome> {
      const phases: Record<string, number> = {};
      const rows = await withDuck(threads, (con) => timed(phases, 'query', () => query(con, detectionSql(sysmonSource(ctx), ctx.nowTicks))));
      return { rows, phases };
    },
  };
}
