import type { TableProvider } from '@kqlr/common';
import { formatDatetime, parseIsoDatetime } from '@kqlr/common';
import { compileQuery, isResourceLimit, type CompiledQuery } from '@kqlr/engine';
import { executePlan, ExecutionError } from '@kqlr/executor';
import { scannedTables } from '@kqlr/planner';
import { InputError, openInputs, parseInputSpec, type InputFormat, type InputSet, type ReaderScanOptions } from '@kqlr/readers';
import { ExitCode, UserError } from '../exit-codes.js';
import { renderDiagnosticsText } from '../output/diagnostics.js';
import { RowCounter } from './counting-provider.js';
import { MalformedReporter } from './malformed-reporter.js';
import { formatCount, formatDuration, ProgressLine } from './progress.js';
import { resolveResultFormat } from './run-options.js';
import { timestampLowerBound, windowWarning } from './time-window.js';
import { writeResult } from './write-result.js';

export interface RunRequest {
  query: { file: string; text: string };
  /** `--data` values: `PATH` or `Table=PATH` (files, directories, globs). */
  data: string[];
  inputFormat?: InputFormat;
  /** `--now`: an ISO 8601 instant or `latest`. */
  now?: string;
  output?: string;
  out?: string;
  force: boolean;
  strict: boolean;
  quiet: boolean;
  timezone?: string;
  batchSize?: number;
  /**
   * `false` (`--no-prefilter`): parse every record. By default the readers skip, unparsed, text
   * records that cannot match the rule, still checking each one for malformation on its raw bytes,
   * so the result, the counts and the malformed-record reports are the same either way.
   */
  prefilter?: boolean;
}

export interface RunIO {
  /** May return a promise to apply backpressure (a pipe to a slow reader). */
  stdout: (text: string) => Promise<void> | void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns: number;
}

/**
 * The main job: read the telemetry, compile the rule against the Defender schemas with the replay
 * clock, execute it, write the result, and summarise on stderr. Returns the exit code; user
 * mistakes come back as UserError (exit 2) or diagnostics (exit 1), never as a stack trace.
 */
export async function executeRun(req: RunRequest, io: RunIO): Promise<number> {
  const started = Date.now();
  const format = resolveResultFormat(req.output, req.out, io.stdoutIsTTY);
  if ((format === 'arrow' || format === 'parquet') && req.out === undefined) {
    throw new UserError(`--output ${format} writes a binary file: give it with --out FILE`);
  }
  const reporter = new MalformedReporter(io.stderr);
  const counter = new RowCounter();
  const progress = new ProgressLine(io.stderrIsTTY && !req.quiet, io.stderr, () => io.columns);
  const warn = (m: string): void => io.stderr(`kqlr: warning: ${m}\n`);

  const inputs = req.data.length === 0 ? null : await openData(req, reporter, progress, warn);
  if (req.now === 'latest') progress.pass('finding the latest Timestamp:');
  const explicitNow = await resolveNow(req, inputs);
  progress.pass('reading');
  const compiled = compileQuery(req.query.text, explicitNow === undefined ? {} : { now: explicitNow });
  const shown = compiled.diagnostics.length > 0 ? renderDiagnosticsText(req.query.file, req.query.text, compiled.diagnostics) : '';
  if (compiled.result === null) {
    io.stderr(ensureNewline(shown));
    return ExitCode.QueryError;
  }
  if (shown !== '' && !req.quiet) io.stderr(ensureNewline(shown));
  const query = compiled.result;

  const readTables = scannedTables(query.plan, { subqueries: true });
  const available = inputs?.tables ?? new Map<string, TableProvider>();
  for (const t of readTables) {
    if (!available.has(t)) warn(`no input data feeds ${t}; it reads as an empty table`);
  }
  let rows: number;
  try {
    const execution = executePlan(query.plan, {
      tables: counter.wrapAll(available),
      now: query.now,
      ...(req.batchSize === undefined ? {} : { batchSize: req.batchSize }),
    });
    rows = await writeResult(
      format,
      execution.schema,
      execution.batches,
      { query: req.query.file, now: formatDatetime(query.now), nowSource: query.nowSource },
      {
        ...(req.out === undefined ? {} : { out: req.out }),
        force: req.force,
        stdout: io.stdout,
        width: io.stdoutIsTTY && req.out === undefined ? io.columns : 100_000,
      },
    );
  } catch (err) {
    progress.finish();
    if (err instanceof ExecutionError) {
      io.stderr(`${req.query.file}: error[runtime-error]: ${err.message}\n`);
      return ExitCode.QueryError;
    }
    if (err instanceof InputError) throw new UserError(err.message, ExitCode.UsageOrInput);
    // A query too deep or large for the stack while running is the query's problem, not a bug.
    if (isResourceLimit(err)) {
      io.stderr(`${req.query.file}: error[resource-limit]: ${err.message}\n`);
      return ExitCode.QueryError;
    }
    throw err;
  }
  progress.finish();

  const range = inputs?.timestampRange() ?? null;
  const bound = timestampLowerBound(query.plan);
  if (rows === 0 && bound !== null && range !== null && range.max < bound) warn(windowWarning(bound, range));
  if (!req.quiet) io.stderr(summaryLine(eventsRead(counter, inputs), reporter.total, rows, (Date.now() - started) / 1000, query));
  return ExitCode.Success;
}

async function openData(
  req: RunRequest,
  reporter: MalformedReporter,
  progress: ProgressLine,
  warn: (m: string) => void,
): Promise<InputSet> {
  try {
    const specs = req.data.map((d) => {
      const spec = parseInputSpec(d);
      return req.inputFormat === undefined ? spec : { ...spec, format: req.inputFormat };
    });
    return await openInputs(specs, {
      strict: req.strict,
      ...(req.prefilter === false ? { textPrefilter: false } : {}),
      // Worker threads for large JSON-lines/CSV inputs: KQLR_WORKERS=N caps them (0: none), for diagnosis.
      ...workersFromEnv(),
      ...(req.timezone === undefined ? {} : { timezone: req.timezone }),
      ...(req.batchSize === undefined ? {} : { batchSize: req.batchSize }),
      onMalformed: reporter.report,
      onProgress: (p) => progress.update(p.bytesRead, p.totalBytes),
      onWarning: warn,
    });
  } catch (err) {
    if (err instanceof InputError) throw new UserError(err.message, ExitCode.UsageOrInput);
    throw err;
  }
}

function workersFromEnv(): { workers?: number } {
  const n = Number(process.env['KQLR_WORKERS']);
  return process.env['KQLR_WORKERS'] === undefined || !Number.isInteger(n) || n < 0 ? {} : { workers: n };
}

/**
 * `--now ISO` pins the clock; `--now latest` pins it to the latest Timestamp of the tables the
 * query reads (a first pass over that one column); no `--now` leaves it to `set query_now` or the
 * wall clock, as in Kusto.
 *
 * The first pass asks for no row (`textNeedles: []`): JSON Lines and portal CSV records are then
 * checked on their bytes, as the prefilter checks the records it skips, instead of parsed. The
 * readers' table range (InputSet.statsOf) holds the latest Timestamp of every record, those
 * checked and those a reader still yields, so the batches themselves are not looked at.
 */
const TIMESTAMPS_ONLY: ReaderScanOptions = { columns: ['Timestamp'], textNeedles: [] };

async function resolveNow(req: RunRequest, inputs: InputSet | null): Promise<bigint | undefined> {
  if (req.now === undefined) return undefined;
  if (req.now !== 'latest') {
    const ticks = parseIsoDatetime(req.now);
    if (ticks === null) {
      throw new UserError(`invalid --now '${req.now}': expected an ISO 8601 instant such as 2024-05-01T00:00:00.0000000Z, or 'latest'`);
    }
    return ticks;
  }
  const probe = compileQuery(req.query.text);
  if (probe.result === null || inputs === null) {
    if (inputs === null) throw new UserError('--now latest needs input data (--data PATH)');
    return undefined; // the real compile reports the query's errors
  }
  let latest: bigint | null = null;
  try {
    for (const name of scannedTables(probe.result.plan, { subqueries: true })) {
      const table = inputs.tables.get(name);
      if (table === undefined || !table.schema.columns.some((c) => c.name === 'Timestamp')) continue;
      for await (const batch of table.scan(TIMESTAMPS_ONLY)) void batch;
      const scanned = inputs.statsOf(name)?.maxTimestamp ?? null;
      if (scanned !== null && (latest === null || scanned > latest)) latest = scanned;
    }
  } catch (err) {
    if (err instanceof InputError) throw new UserError(err.message, ExitCode.UsageOrInput);
    throw err;
  }
  if (latest === null) throw new UserError('--now latest: the input has no Timestamp values for the tables the query reads');
  return latest;
}

/**
 * Events per table the query read: the readers' count of the table's records (which includes the
 * records the prefilter skipped unparsed), else the rows the engine was handed.
 */
function eventsRead(counter: RowCounter, inputs: InputSet | null): { total: number; perTable: [string, number][] } {
  const perTable = [...counter.perTable].map(([t, n]): [string, number] => [t, inputs?.tables.has(t) ? inputs.eventCount(t) : n]);
  return { total: perTable.reduce((s, [, n]) => s + n, 0), perTable };
}

function summaryLine(events: { total: number; perTable: [string, number][] }, malformed: number, rows: number, seconds: number, query: CompiledQuery): string {
  const counter = events;
  const perTable = counter.perTable.map(([t, n]) => `${t} ${n}`).join(', ');
  const clockSource = { option: '--now', set: 'set query_now', wallclock: 'wall clock' }[query.nowSource];
  return (
    `kqlr: ${counter.total} events read${perTable ? ` (${perTable})` : ''}` +
    ` · ${malformed} malformed record${malformed === 1 ? '' : 's'} skipped` +
    ` · ${rows} row${rows === 1 ? '' : 's'} returned · ${formatDuration(seconds)}` +
    ` · clock ${formatDatetime(query.now)} (${clockSource})` +
    (counter.total > 0 && seconds > 0 ? ` · ${formatCount(counter.total / seconds)} events/s` : '') +
    '\n'
  );
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

