import { Vector, type RecordBatch, type Schema } from 'apache-arrow';
import { columnStatisticsOf, deferredColumnsOf, isTransientBatch, type ColumnStatistics, type LateScanOptions, type PruningScanOptions, type TableSchema } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { identitySelection, type Column } from '../columns/column.js';
import { columnFromArrow, nullColumn } from '../columns/from-arrow.js';
import type { PhysicalExpr } from '../physical/physical-expr.js';
import type { ExecContext } from './exec-context.js';
import { prepareExpressions, type ExecutionPlan } from './execution-plan.js';
import { metered, newMetrics } from './metrics.js';
import { zoneCheckOf, type ZoneCheck } from './zone-map.js';
import { AdaptiveConjuncts } from './adaptive-conjuncts.js';
import { columnsRead } from '../physical/columns-read.js';
import { copyRows } from '../columns/gather.js';
import { CompareExpr } from '../physical/compare-expr.js';
import { LogicalExpr } from '../physical/logical-expr.js';
import { MembershipExpr } from '../physical/membership-expr.js';
import { StringOpExpr } from '../physical/string-op-expr.js';

/** The readers' `textNeedles` hint (ReaderScanOptions), named here to avoid depending on readers. */
interface ScanOptionsWithNeedles extends PruningScanOptions, LateScanOptions {
  textNeedles?: readonly string[];
  firstRowsSoon?: boolean;
}

/**
 * Reads a catalog table through its TableProvider, asking only for the projected columns. Batches
 * of any size are accepted; columns are matched by name (a provider may send more columns, or the
 * projection only) and typed by the catalog, never by the data. A column the provider does not
 * send reads as null ("" for strings). A table without a provider scans as empty. Pushed-down
 * filters narrow each batch's selection before anything else sees it.
 *
 * Zone maps (exec/zone-map.ts): when a batch's columns carry statistics (common/batch-statistics.ts,
 * attached once by whoever built the batch), a filter they prove false for every row drops the
 * batch unread, and one they prove true for every row is not evaluated on it. Providers also get
 * the same test as `skipBatch`, to skip row groups before decoding them.
 *
 * Late materialisation (common/deferred-columns.ts): columns no filter reads are named to the
 * provider as `lateColumns`; one that defers them sends them for the rows the filters kept only,
 * loaded after the filters ran and before the chunk goes on (~1 row in 1,000 for the seed rule).
 * With filters, the provider may also reuse a batch's memory for the batch after next
 * (`copiesTransientBatches`): the kept rows of such a batch are copied before the chunk goes on.
 * Both only while the filters keep few rows (`keepsFewRows`): below 1 in FEW_ROWS of the rows of
 * the batches tested so far; copying most rows costs more than reading them whole. Before a batch
 * was tested (a provider reading ahead asks for the second batch before the first is filtered),
 * few rows are expected when a filter matches strings (`matchesStrings`), as detection rules do:
 * reading those first batches whole put ~25 MB of fresh memory on a 1e6-row Arrow replay of the
 * seed rule, enough to bring on a full garbage collection, and cost ~10 ms of its ~185.
 */
export class TableScanExec implements ExecutionPlan {
  readonly name = 'TableScanExec';
  readonly metrics = newMetrics();
  /** Batches dropped by statistics alone (counted in rowsIn, never read). */
  batchesPruned = 0;
  /** A `take` above may stop this scan after its first rows: the provider is asked for them soon (plan-physical.ts). */
  firstRowsSoon = false;
  private readonly zoneChecks: readonly (ZoneCheck | undefined)[];
  /** Columns (indices into `schema`) no filter reads; none without filters (every row is kept). */
  private readonly late: readonly number[];

  constructor(
    readonly table: string,
    readonly schema: TableSchema,
    readonly filters: readonly PhysicalExpr[],
    /** Raw-text prefilter hint for the provider (scan-needles.ts); providers may ignore it. */
    readonly textNeedles?: readonly string[],
  ) {
    this.zoneChecks = filters.map(zoneCheckOf);
    const read = new Set(filters.flatMap(columnsRead));
    this.late = filters.length === 0 ? [] : schema.columns.map((_, i) => i).filter((i) => !read.has(i));
  }

  children(): readonly ExecutionPlan[] {
    return [];
  }

  expressions(): readonly PhysicalExpr[] {
    return this.filters;
  }

  describe(): string {
    const cols = this.schema.columns.map((c) => c.name).join(', ');
    const filters = this.filters.length > 0 ? ` filters=[${this.filters.map((f) => f.display()).join(', ')}]` : '';
    return `table=${this.table} projection=[${cols}]${filters}`;
  }

  execute(ctx: ExecContext): AsyncIterable<Chunk> {
    return metered(this.metrics, this.run(ctx));
  }

  private async *run(ctx: ExecContext): AsyncGenerator<Chunk> {
    await prepareExpressions(this.filters, ctx);
    const provider = ctx.tables.get(this.table);
    if (provider === undefined) return;
    const names = this.schema.columns.map((c) => c.name);
    let lastSchema: Schema | null = null;
    let positions: number[] = [];
    const options: ScanOptionsWithNeedles = { columns: names, batchSize: ctx.batchSize };
    if (this.textNeedles !== undefined) options.textNeedles = this.textNeedles;
    if (this.firstRowsSoon) options.firstRowsSoon = true;
    if (this.late.length > 0) options.lateColumns = this.late.map((i) => names[i]!);
    // Without filters every row is kept: copying them all would cost more than fresh memory.
    let tested = 0;
    let kept = 0;
    if (this.filters.length > 0) {
      options.copiesTransientBatches = true;
      const guess = this.filters.some(matchesStrings);
      options.keepsFewRows = () => (tested === 0 ? guess : kept * FEW_ROWS < tested);
    }
    const pruning = this.zoneChecks.some((z) => z !== undefined);
    if (pruning) {
      options.skipBatch = (lookup) => this.zoneChecks.some((z) => z !== undefined && z((i) => lookup(names[i]!)) === 'none');
    }
    // Per execution: conjunct costs are learnt on this run's data (adaptive-conjuncts.ts).
    const conjuncts = new AdaptiveConjuncts(this.filters);
    const active = new Uint8Array(this.filters.length);
    for await (const batch of provider.scan(options)) {
      if (batch.schema !== lastSchema) {
        lastSchema = batch.schema;
        positions = names.map((n) => batch.schema.fields.findIndex((f) => f.name === n));
      }
      this.metrics.rowsIn += batch.numRows;
      if (batch.numRows === 0) continue;
      // Filters still to evaluate on this batch: those its statistics leave undecided.
      active.fill(1);
      if (pruning && this.pruned(batch, positions, active)) {
        this.batchesPruned++;
        continue;
      }
      const chunk = this.toChunk(batch, positions);
      if (this.filters.length > 0) chunk.selection = conjuncts.select(chunk, active);
      tested += chunk.length;
      kept += chunk.selection.length;
      if (chunk.selection.length === 0) continue;
      await this.loadDeferred(batch, positions, chunk);
      yield isTransientBatch(batch) ? copyRows(chunk) : chunk;
    }
  }

  /** The late columns the provider deferred, for the chunk's selected rows (see the class comment). */
  private async loadDeferred(batch: RecordBatch, positions: readonly number[], chunk: Chunk): Promise<void> {
    const deferred = deferredColumnsOf(batch);
    if (deferred === undefined) return;
    const data = await deferred.load(chunk.selection);
    deferred.names.forEach((name, k) => {
      const i = this.schema.columns.findIndex((c) => c.name === name);
      // Only columns the batch lacks: a provider must not send a column twice, but the batch wins.
      if (i < 0 || positions[i]! >= 0) return;
      chunk.columns[i] = columnFromArrow(new Vector([data[k]!]), this.schema.columns[i]!.type);
    });
  }

  /** Marks filters the batch's statistics decide as inactive; true when one rejects every row. */
  private pruned(batch: RecordBatch, positions: readonly number[], active: Uint8Array): boolean {
    const stats = (i: number) => statisticsOf(batch, positions[i]!);
    for (let f = 0; f < this.filters.length; f++) {
      const z = this.zoneChecks[f];
      const v = z === undefined ? 'some' : z(stats);
      if (v === 'none') return true;
      if (v === 'all') active[f] = 0;
    }
    return false;
  }

  private toChunk(batch: RecordBatch, positions: number[]): Chunk {
    const length = batch.numRows;
    const columns: Column[] = this.schema.columns.map((c, i) => {
      const at = positions[i]!;
      const vector = at < 0 ? null : batch.getChildAt(at);
      return vector === null ? nullColumn(c.type, length) : columnFromArrow(vector, c.type);
    });
    return { schema: this.schema, columns, length, selection: identitySelection(length) };
  }
}

/** See `keepsFewRows`: the seed rule keeps ~1 row in 300 of the batches its zone maps leave. */
const FEW_ROWS = 8;

/**
 * A positive string match (`has`, `contains`, `endswith`, `in`, `==` on strings, `matches regex`,
 * all of an `or`, any of an `and`): the guess that a scan keeps few rows before it has tested any.
 * A time or number comparison, or a negation (`!=`, `!has`, `!in`), usually keeps most rows, and
 * a scan that keeps most rows pays for the guess with copies of its first batches' rows (a
 * `where Timestamp > ago(1d)` replay at 1e6 Arrow rows: +24% when guessed few).
 */
function matchesStrings(f: PhysicalExpr): boolean {
  if (f instanceof StringOpExpr) return !f.spec.negated;
  if (f instanceof MembershipExpr) return !f.negated;
  if (f instanceof CompareExpr) return f.op === '==' && (f.left.type === 'string' || f.right.type === 'string');
  if (f instanceof LogicalExpr) return f.op === 'and' ? matchesStrings(f.left) || matchesStrings(f.right) : matchesStrings(f.left) && matchesStrings(f.right);
  return false;
}

/** Statistics of the batch column at `position`; a column the batch lacks reads as all null. */
function statisticsOf(batch: RecordBatch, position: number): ColumnStatistics | undefined {
  if (position < 0) return { nullCount: batch.numRows };
  const data = batch.getChildAt(position)?.data;
  return data !== undefined && data.length === 1 ? columnStatisticsOf(data[0]!) : undefined;
}
