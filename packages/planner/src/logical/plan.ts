import type { KqlType, ScalarValue, TableSchema } from '@kqlr/common/core';

/**
 * The logical plan: the contract between the planner (binder + optimizer) and the executor.
 * Names are resolved: columns are referenced by index into the *input* schema of the node that
 * holds the expression (for TableScan filters: the scan's output schema). Every node knows its
 * output schema. `ago()`/`now()` are already folded to datetime literals against the run's clock.
 */

/**
 * Built-in operators and functions, in KQL spelling (the executor keys its implementations on
 * these). Operators with a `!` form have their own id. Argument types are on the argument
 * expressions; the result type is on the CallExpr.
 */
export type BuiltinId =
  // logical
  | 'and' | 'or' | 'not'
  // comparison and arithmetic (numbers, datetime, timespan, per kql-semantics.md §5.1)
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%' | 'negate'
  | 'between' | '!between'
  // string operators (kql-semantics.md §5.3)
  | '=~' | '!~'
  | 'has' | '!has' | 'has_cs' | '!has_cs'
  | 'hasprefix' | '!hasprefix' | 'hasprefix_cs' | '!hasprefix_cs'
  | 'hassuffix' | '!hassuffix' | 'hassuffix_cs' | '!hassuffix_cs'
  | 'contains' | '!contains' | 'contains_cs' | '!contains_cs'
  | 'startswith' | '!startswith' | 'startswith_cs' | '!startswith_cs'
  | 'endswith' | '!endswith' | 'endswith_cs' | '!endswith_cs'
  | 'matches regex'
  // functions (kql-semantics.md §6)
  | 'now' | 'ago'
  | 'strlen' | 'tolower' | 'toupper' | 'strcat' | 'extract' | 'split'
  | 'tostring' | 'tolong' | 'toint' | 'toreal' | 'tobool' | 'todatetime' | 'totimespan'
  | 'isempty' | 'isnotempty' | 'isnull' | 'isnotnull'
  // dynamic access: `o.key`, `o["key"]`, `a[i]` (args: target, key-or-index)
  | 'dynamic_get';

export interface ColumnExpr {
  kind: 'Column';
  index: number;
  /** The column's name, for printers only: never look columns up by name after binding. */
  name: string;
  type: KqlType;
}

export interface LiteralExpr {
  kind: 'Literal';
  type: KqlType;
  value: ScalarValue;
}

export interface CallExpr {
  kind: 'Call';
  fn: BuiltinId;
  args: ScalarExpr[];
  type: KqlType;
}

/**
 * `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all`. `values` is the flattened list (dynamic
 * arrays expanded into their elements; usually all literals, so kernels can build their needle
 * sets once); `subquery` is set instead when the right side is tabular (its first column is used).
 */
export interface MembershipExpr {
  kind: 'Membership';
  op: 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';
  left: ScalarExpr;
  values: ScalarExpr[];
  subquery: LogicalPlan | null;
  type: 'bool';
}

export type ScalarExpr = ColumnExpr | LiteralExpr | CallExpr | MembershipExpr;

interface PlanNodeBase {
  /** The node's output schema. */
  schema: TableSchema;
}

/** Reads a catalog table. `projection` indexes `tableSchema.columns` (null = all columns). */
export interface TableScan extends PlanNodeBase {
  kind: 'TableScan';
  table: string;
  tableSchema: TableSchema;
  projection: number[] | null;
  /** Conjuncts pushed into the scan (over the scan's output schema); all must be true. */
  filters: ScalarExpr[];
}

/** Constant rows: `datatable` and `print`. Values use the common/types.ts representation. */
export interface Values extends PlanNodeBase {
  kind: 'Values';
  rows: ScalarValue[][];
}

export interface Filter extends PlanNodeBase {
  kind: 'Filter';
  input: LogicalPlan;
  predicate: ScalarExpr;
}

/** `extend`, `project`, `project-away`, `project-rename` all lower to a Projection. */
export interface Projection extends PlanNodeBase {
  kind: 'Projection';
  input: LogicalPlan;
  /** One per output column, in output order (names equal schema.columns[i].name). */
  exprs: { name: string; expr: ScalarExpr }[];
}

export interface SortKeyPlan {
  expr: ScalarExpr;
  descending: boolean;
  nullsFirst: boolean;
}

export interface Sort extends PlanNodeBase {
  kind: 'Sort';
  input: LogicalPlan;
  keys: SortKeyPlan[];
}

export interface Limit extends PlanNodeBase {
  kind: 'Limit';
  input: LogicalPlan;
  count: number;
}

/** One row, one column `Count:long`. */
export interface Count extends PlanNodeBase {
  kind: 'Count';
  input: LogicalPlan;
}

/**
 * Outer/inner union. `columnMaps[i][j]` is the column of input i feeding output column j, or -1
 * when input i lacks it (null; "" for strings). When `withSource` is set, output column 0 is that
 * string column and holds `sourceLabels[i]` for rows of input i (maps then start at output column 1).
 */
export interface Union extends PlanNodeBase {
  kind: 'Union';
  inputs: LogicalPlan[];
  columnMaps: number[][];
  withSource: string | null;
  sourceLabels: string[];
}

export type LogicalPlan = TableScan | Values | Filter | Projection | Sort | Limit | Count | Union;
