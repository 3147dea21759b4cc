import type { RecordBatch } from 'apache-arrow';
import type { KqlType, ScalarValue, TableProvider, TableSchema } from '@kqlr/common';
import { grow, parseIsoDatetime } from '@kqlr/common';
import { readColumns, readRow } from '@kqlr/executor';
import { lineageTables, type ScanTap } from '../lineage/lineage-tables.js';
import { decodeRowId, ROW_ID_COLUMN } from '../lineage/row-id.js';
import type { Label, MatchValue } from './labels.js';

/** What replay needs to know about the events of one input table. */
export interface EventTable {
  name: string;
  /** Rows in the table (row numbers are 0..count-1). */
  count: number;
  /** The row's Timestamp (null when absent), for alert volume per day. */
  timestampAt(row: number): bigint | null;
  /** The row's DeviceName ("" when absent), for alert volume per host. */
  hostAt(row: number): string;
  /** Labels matching a row, by row number, in labels-file order. */
  labels: Map<number, Label[]>;
}

/**
 * An EventTable's per-row columns, compact: a table of millions of events held one BigInt and one
 * string per row, which the garbage collector then traced on every major collection (a third of
 * a 1e6-row `kqlr test`). Ticks live in a BigInt64Array, hosts as codes into their distinct names.
 */
class EventRows implements EventTable {
  count = 0;
  readonly labels = new Map<number, Label[]>();
  private ticks = new BigInt64Array(1024);
  /** 1 where the row has a Timestamp (0, as a row never set, reads as null). */
  private hasTicks = new Uint8Array(1024);
  /** 1 + the index of the row's host in hostNames (0, as a row never set, reads as ""). */
  private hostCodes = new Int32Array(1024);
  private readonly hostNames: string[] = [];
  private readonly hostCode = new Map<string, number>();

  constructor(readonly name: string) {}

  timestampAt(row: number): bigint | null {
    return row < this.count && this.hasTicks[row] === 1 ? this.ticks[row]! : null;
  }

  hostAt(row: number): string {
    return row < this.count ? (this.hostNames[this.hostCodes[row]! - 1] ?? '') : '';
  }

  set(row: number, ticks: bigint | null, host: string): void {
    if (row >= this.ticks.length) {
      this.ticks = grow(this.ticks, row + 1);
      this.hasTicks = grow(this.hasTicks, row + 1);
      this.hostCodes = grow(this.hostCodes, row + 1);
    }
    this.hasTicks[row] = ticks === null ? 0 : 1;
    if (ticks !== null) this.ticks[row] = ticks;
    let code = this.hostCode.get(host);
    if (code === undefined) {
      this.hostNames.push(host);
      code = this.hostNames.length;
      this.hostCode.set(host, code);
    }
    this.hostCodes[row] = code;
    if (row >= this.count) this.count = row + 1;
  }
}

export interface EventIndex {
  /** By table index of the row ids (see lineage/row-id.ts). */
  tables: EventTable[];
  byName: Map<string, EventTable>;
  /** Events each label matched (labels that match nothing are a dataset problem worth reporting). */
  eventsPerLabel: Map<Label, number>;
}

export interface EventRef {
  table: EventTable;
  row: number;
}

export function lookupEvent(index: EventIndex, id: bigint): EventRef | null {
  const { tableIndex, rowNumber } = decodeRowId(id);
  const table = index.tables[tableIndex];
  if (table === undefined || rowNumber >= table.count) return null;
  return { table, row: rowNumber };
}

interface LabelGroup {
  columns: string[];
  byKey: Map<string, Label[]>;
  /**
   * The column of the group whose label values are most varied, and the keys of those values:
   * a row whose value there is not one of them matches no label of the group, so its full key
   * (every column's value, joined) is never built. Labels are written from rows, usually with the
   * row's Timestamp: then almost every row is ruled out by one key of one column.
   */
  probe: string;
  probeKeys: Set<string>;
}

/**
 * Scans every table once (with the same row ids the query run will see) and attaches labels to the
 * rows they match: every listed column equal; datetimes compared as instants, integers as
 * integers, strings exactly (case-sensitive, as the labels were written from the rows).
 */
export async function indexEvents(
  providers: ReadonlyMap<string, TableProvider>,
  labels: readonly Label[],
  batchSize?: number,
): Promise<EventIndex> {
  const builder = new EventIndexBuilder(providers, labels);
  await builder.scanRemaining(batchSize);
  return builder.build();
}

/**
 * Builds the event index table by table from batches that carry the row-id column: those of its
 * own scans (scanRemaining), or those of a query's scans it is handed (lineage-tables.ts ScanTap),
 * so that a table the query reads to its end is not read a second time for its labels.
 */
export class EventIndexBuilder {
  private readonly tables = new Map<string, EventRows>();
  private readonly groups = new Map<string, LabelGroup[]>();

  /** Tables whose scan ran to its end, and the counts of the labels they matched. */
  private readonly done = new Map<string, Map<Label, number>>();
  private readonly tapped = new Set<string>();

  constructor(
    private readonly providers: ReadonlyMap<string, TableProvider>,
    private readonly labels: readonly Label[],
  ) {
    for (const [name, p] of providers) this.groups.set(name, groupLabels(labels.filter((l) => l.table === name), p.schema));
  }

  /** The columns the index reads of `table`, in schema order. */
  columnsOf(table: string): string[] {
    const wanted = new Set<string>(['Timestamp', 'DeviceName']);
    for (const g of this.groups.get(table) ?? []) for (const c of g.columns) wanted.add(c);
    return this.providers.get(table)!.schema.columns.filter((c) => wanted.has(c.name)).map((c) => c.name);
  }

  /**
   * A tap for the first scan of `table` (ScanTap): undefined for a table already indexed or
   * tapped, and for one outside the index.
   */
  tap(table: string): ScanTap | undefined {
    if (!this.providers.has(table) || this.tapped.has(table) || this.done.has(table)) return undefined;
    this.tapped.add(table);
    const counts = new Map<Label, number>();
    const events = this.begin(table);
    return {
      columns: this.columnsOf(table),
      batch: (b) => this.add(events, b, counts),
      end: () => this.done.set(table, counts),
    };
  }

  /** Reads every table no finished scan has indexed yet (a tapped scan that stopped early is read again). */
  async scanRemaining(batchSize?: number): Promise<void> {
    const wrapped = lineageTables(this.providers);
    for (const name of wrapped.tableNames) {
      if (this.done.has(name)) continue;
      const counts = new Map<Label, number>();
      const events = this.begin(name);
      const columns = [...this.columnsOf(name), ROW_ID_COLUMN];
      for await (const batch of wrapped.tables.get(name)!.scan({ columns, ...(batchSize ? { batchSize } : {}) })) this.add(events, batch, counts);
      this.done.set(name, counts);
    }
  }

  /** The index, once every table is done (tables in the providers' order, as row ids number them). */
  build(): EventIndex {
    const tables: EventTable[] = [];
    const byName = new Map<string, EventTable>();
    const eventsPerLabel = new Map<Label, number>(this.labels.map((l) => [l, 0]));
    for (const name of this.providers.keys()) {
      const counts = this.done.get(name);
      if (counts === undefined) throw new Error(`internal: table ${name} was not indexed`);
      for (const [l, n] of counts) eventsPerLabel.set(l, (eventsPerLabel.get(l) ?? 0) + n);
      const table = this.tables.get(name)!;
      tables.push(table);
      byName.set(name, table);
    }
    return { tables, byName, eventsPerLabel };
  }

  private begin(name: string): EventRows {
    const table = new EventRows(name);
    this.tables.set(name, table);
    return table;
  }

  private add(table: EventRows, batch: RecordBatch, counts: Map<Label, number>): void {
    const schema = this.providers.get(table.name)!.schema;
    const groups = this.groups.get(table.name) ?? [];
    const n = batch.numRows;
    if (n === 0) return;
    const batchSchema: TableSchema = {
      columns: batch.schema.fields.map((f) => ({ name: f.name, type: typeOf(schema, f.name) })),
    };
    const position = new Map(batchSchema.columns.map((c, i) => [c.name, i]));
    // Column-major, and only what every row needs: Timestamp, DeviceName and each label group's
    // probe column. A row a probe admits (few: labels are written from rows) reads the rest of
    // its group's columns alone (readRow). Decoding every label column of every row kept hundreds
    // of thousands of young strings alive per batch, which made each scavenge copy them.
    const eager = new Set(['Timestamp', 'DeviceName', ...groups.map((g) => g.probe)]);
    const values = readColumns(batch, batchSchema, (name) => eager.has(name));
    const column = (name: string): ScalarValue[] | undefined => {
      const at = position.get(name);
      return at === undefined ? undefined : values[at];
    };
    const ts = column('Timestamp');
    const host = column('DeviceName');
    const probes = groups.map((g) => column(g.probe));
    const rowNumbers = rowNumbersOf(batch.getChild(ROW_ID_COLUMN)!.data[0]!.values as BigInt64Array, n);
    for (let r = 0; r < n; r++) {
      const rowNumber = rowNumbers(r);
      table.set(rowNumber, ts === undefined ? null : (ts[r] as bigint | null), host === undefined ? '' : String(host[r] ?? ''));
      let matched: Label[] | null = null;
      let row: ScalarValue[] | undefined;
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k]!;
        const probe = probes[k];
        if (!g.probeKeys.has(probe === undefined ? NULL_KEY : rowValueKey(probe[r] ?? null))) continue;
        row ??= readRow(batch, r, batchSchema);
        const key = g.columns.map((c) => {
          const at = position.get(c);
          return at === undefined ? NULL_KEY : rowValueKey(row![at] ?? null);
        }).join(SEP);
        const hits = g.byKey.get(key);
        if (hits !== undefined) (matched ??= []).push(...hits);
      }
      if (matched !== null) {
        matched.sort((a, b) => a.index - b.index);
        table.labels.set(rowNumber, matched);
        for (const l of matched) counts.set(l, (counts.get(l) ?? 0) + 1);
      }
    }
  }
}

/**
 * Row number by batch row. Lineage (lineage-tables.ts) numbers a batch's rows consecutively, in
 * ascending order; when its first and last id agree with that, no id is read per row (each read
 * of a BigInt64Array allocates a BigInt), otherwise each is decoded.
 */
function rowNumbersOf(ids: BigInt64Array, n: number): (r: number) => number {
  const first = decodeRowId(ids[0]!);
  const last = decodeRowId(ids[n - 1]!);
  if (last.tableIndex === first.tableIndex && last.rowNumber - first.rowNumber === n - 1) {
    const base = first.rowNumber;
    return (r) => base + r;
  }
  return (r) => decodeRowId(ids[r]!).rowNumber;
}

const SEP = '\u0000';
const NULL_KEY = '\u0001null';

function typeOf(schema: TableSchema, name: string): KqlType {
  if (name === ROW_ID_COLUMN) return 'long';
  return schema.columns.find((c) => c.name === name)?.type ?? 'string';
}

function groupLabels(labels: readonly Label[], schema: TableSchema): LabelGroup[] {
  const groups = new Map<string, LabelGroup>();
  for (const label of labels) {
    const columns = Object.keys(label.match).sort();
    const signature = columns.join(SEP);
    let g = groups.get(signature);
    if (g === undefined) {
      g = { columns, byKey: new Map(), probe: columns[0]!, probeKeys: new Set() };
      groups.set(signature, g);
    }
    const key = columns.map((c) => labelValueKey(label.match[c] ?? null, typeOf(schema, c))).join(SEP);
    const list = g.byKey.get(key);
    if (list === undefined) g.byKey.set(key, [label]);
    else list.push(label);
  }
  for (const g of groups.values()) {
    const labelsOf = [...g.byKey.values()].flat();
    const keysOf = (c: string): Set<string> => new Set(labelsOf.map((l) => labelValueKey(l.match[c] ?? null, typeOf(schema, c))));
    let best = -1;
    for (const c of g.columns) {
      const keys = keysOf(c);
      if (keys.size > best) {
        best = keys.size;
        g.probe = c;
        g.probeKeys = keys;
      }
    }
  }
  return [...groups.values()];
}

function rowValueKey(value: ScalarValue): string {
  if (value === null) return NULL_KEY;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `s${value}`;
  return `j${JSON.stringify(value)}`;
}

/** The key a label value must have to equal a row value of the column's type (see rowValueKey). */
function labelValueKey(value: MatchValue, type: KqlType): string {
  if (value === null) return NULL_KEY;
  switch (type) {
    case 'datetime':
      return String(parseIsoDatetime(String(value)));
    case 'int':
    case 'long':
      return String(BigInt(value as number | string));
    case 'real':
    case 'decimal':
    case 'bool':
      return String(value);
    default:
      return `s${String(value)}`;
  }
}
