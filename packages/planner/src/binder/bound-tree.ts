import type { KqlType, ScalarValue, Span, TableSchema } from '@kqlr/common/core';
import type { BuiltinId } from '../logical/plan.js';
import type { Catalog } from '../catalog.js';
import type { MembershipOperator } from '../builtins.js';

/**
 * The bound tree: every name resolved (columns by index into the input schema of the node that
 * holds the expression), every expression typed, scalar `let`s inlined. It mirrors the logical plan
 * but keeps spans and an `error` type, so one mistake does not cascade into more diagnostics.
 */

/** `error` marks an expression or column whose type could not be determined (already reported). */
export type BoundType = KqlType | 'error';

export interface BoundColumn {
  name: string;
  type: BoundType;
}

interface BoundExprBase {
  span: Span;
}

export interface BoundColumnRef extends BoundExprBase {
  kind: 'Column';
  index: number;
  name: string;
  type: BoundType;
}

export interface BoundLiteral extends BoundExprBase {
  kind: 'Literal';
  type: KqlType;
  value: ScalarValue;
}

export interface BoundCall extends BoundExprBase {
  kind: 'Call';
  fn: BuiltinId;
  args: BoundExpr[];
  type: BoundType;
}

/** `values` holds the list elements as bound (dynamic arrays not yet expanded); `subquery` a tabular list. */
export interface BoundMembership extends BoundExprBase {
  kind: 'Membership';
  op: MembershipOperator;
  left: BoundExpr;
  values: BoundExpr[];
  subquery: BoundTabular | null;
  type: 'bool';
}

export interface BoundErrorExpr extends BoundExprBase {
  kind: 'Error';
  type: 'error';
}

export type BoundExpr = BoundColumnRef | BoundLiteral | BoundCall | BoundMembership | BoundErrorExpr;

interface BoundTabularBase {
  span: Span;
  columns: BoundColumn[];
}

export interface BoundTableScan extends BoundTabularBase {
  kind: 'TableScan';
  table: string;
  tableSchema: TableSchema;
}

/** `datatable`: rows already converted to each column's representation. */
export interface BoundValues extends BoundTabularBase {
  kind: 'Values';
  rows: ScalarValue[][];
}

/** `print`: one row; the expressions see no columns. */
export interface BoundPrint extends BoundTabularBase {
  kind: 'Print';
  exprs: { name: string; expr: BoundExpr }[];
}

export interface BoundFilter extends BoundTabularBase {
  kind: 'Filter';
  input: BoundTabular;
  predicate: BoundExpr;
}

export interface BoundProjection extends BoundTabularBase {
  kind: 'Projection';
  operator: 'extend' | 'project' | 'project-away' | 'project-rename';
  input: BoundTabular;
  exprs: { name: string; expr: BoundExpr }[];
}

export interface BoundSortKey {
  expr: BoundExpr;
  descending: boolean;
  nullsFirst: boolean;
}

export interface BoundSort extends BoundTabularBase {
  kind: 'Sort';
  input: BoundTabular;
  keys: BoundSortKey[];
}

export interface BoundLimit extends BoundTabularBase {
  kind: 'Limit';
  input: BoundTabular;
  count: number;
}

export interface BoundCount extends BoundTabularBase {
  kind: 'Count';
  input: BoundTabular;
}

/** See logical/plan.ts `Union`: `columnMaps[i]` covers the output columns after the withsource column. */
export interface BoundUnion extends BoundTabularBase {
  kind: 'Union';
  unionKind: 'inner' | 'outer';
  inputs: BoundTabular[];
  columnMaps: number[][];
  withSource: string | null;
  sourceLabels: string[];
}

/** A tabular expression that failed to bind; its (unknown) columns resolve silently to `error`. */
export interface BoundTabularError extends BoundTabularBase {
  kind: 'Error';
}

export type BoundTabular =
  | BoundTableScan
  | BoundValues
  | BoundPrint
  | BoundFilter
  | BoundProjection
  | BoundSort
  | BoundLimit
  | BoundCount
  | BoundUnion
  | BoundTabularError;

export type NowSource = 'option' | 'set' | 'wallclock';

export interface BindOptions {
  catalog: Catalog;
  /** Ticks (common/time.ts) of the instant `now()`/`ago()` use unless a `set query_now` pins another. */
  now: bigint;
  /** `option`: an explicit `--now`, which wins over `set query_now`. */
  nowSource: 'option' | 'wallclock';
}

export interface BoundQuery {
  body: BoundTabular;
  /** Output schema of the query. */
  schema: TableSchema;
  now: bigint;
  nowSource: NowSource;
}
