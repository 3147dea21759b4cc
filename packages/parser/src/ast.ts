import type { DynamicValue, KqlType, ScalarValue, Span } from '@kqlr/common/core';

/**
 * The KQL abstract syntax tree. Node names mirror Kusto.Language's syntax nodes
 * (SyntaxNodeInfos.cs) so its source serves as a spec. Every node carries its source span.
 * The tree is purely syntactic: names are unresolved and tabular/scalar roles are decided by the
 * binder (a `NameReference` may be a column, a scalar `let`, a tabular `let` or a table).
 */

export interface NodeBase {
  span: Span;
}

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  /** The name with brackets and quotes removed (`['my col']` -> `my col`). */
  name: string;
  /** True when written as `['...']` / `["..."]`. */
  bracketed: boolean;
}

export interface Query extends NodeBase {
  kind: 'Query';
  statements: Statement[];
  /** The final tabular expression; null only when the text had none (an error is reported). */
  body: Expression | null;
}

export type Statement = LetStatement | SetStatement;

export interface LetStatement extends NodeBase {
  kind: 'LetStatement';
  name: Identifier;
  value: Expression;
}

/** `set name [= value];` — only `query_now` has a meaning; others are accepted and ignored. */
export interface SetStatement extends NodeBase {
  kind: 'SetStatement';
  name: Identifier;
  value: Expression | null;
}

// ---------------------------------------------------------------------------------------------
// Tabular expressions

/** `source | op | op ...` */
export interface PipeExpression extends NodeBase {
  kind: 'PipeExpression';
  source: Expression;
  operators: QueryOperator[];
}

/** `datatable(a:long, b:string) [1, "x", ...]` */
export interface DataTableExpression extends NodeBase {
  kind: 'DataTableExpression';
  columns: ColumnDeclaration[];
  /** Literal values in row-major order; a sign may be attached (`-1`). */
  values: LiteralExpression[];
}

export interface ColumnDeclaration extends NodeBase {
  kind: 'ColumnDeclaration';
  name: Identifier;
  /** The type name as written (`double`, `date`, ...); `type` is its resolved type or null if unknown. */
  typeName: Identifier;
  type: KqlType | null;
}

/** `print [Name =] expr, ...` as a tabular source. */
export interface PrintOperator extends NodeBase {
  kind: 'PrintOperator';
  expressions: NamedExpression[];
}

/** `union [kind=inner|outer] [withsource=Col] leg, ...` as a source (no piped input). */
export interface UnionExpression extends NodeBase {
  kind: 'UnionExpression';
  unionKind: 'inner' | 'outer';
  withSource: Identifier | null;
  legs: Expression[];
}

export type QueryOperator =
  | FilterOperator
  | ExtendOperator
  | ProjectOperator
  | ProjectAwayOperator
  | ProjectRenameOperator
  | SortOperator
  | TakeOperator
  | CountOperator
  | UnionOperator;

/** `where <expr>` / `filter <expr>` */
export interface FilterOperator extends NodeBase {
  kind: 'FilterOperator';
  keyword: 'where' | 'filter';
  condition: Expression;
}

export interface ExtendOperator extends NodeBase {
  kind: 'ExtendOperator';
  expressions: NamedExpression[];
}

export interface ProjectOperator extends NodeBase {
  kind: 'ProjectOperator';
  expressions: NamedExpression[];
}

export interface ProjectAwayOperator extends NodeBase {
  kind: 'ProjectAwayOperator';
  /** Column names or wildcard patterns (`session*`); `pattern` is true when it contains `*`. */
  columns: { name: Identifier; pattern: boolean }[];
}

export interface ProjectRenameOperator extends NodeBase {
  kind: 'ProjectRenameOperator';
  renames: { newName: Identifier; oldName: Identifier; span: Span }[];
}

export interface SortOperator extends NodeBase {
  kind: 'SortOperator';
  keyword: 'sort' | 'order';
  keys: SortKey[];
}

export interface SortKey extends NodeBase {
  kind: 'SortKey';
  expression: Expression;
  /** As written; null means the default (desc). */
  direction: 'asc' | 'desc' | null;
  /** As written; null means the default for the direction. */
  nulls: 'first' | 'last' | null;
}

export interface TakeOperator extends NodeBase {
  kind: 'TakeOperator';
  keyword: 'take' | 'limit';
  count: Expression;
}

export interface CountOperator extends NodeBase {
  kind: 'CountOperator';
}

/** `T | union [kind=...] [withsource=...] leg, ...`: the piped input is the first leg. */
export interface UnionOperator extends NodeBase {
  kind: 'UnionOperator';
  unionKind: 'inner' | 'outer';
  withSource: Identifier | null;
  legs: Expression[];
}

/** `[Name =] expr` in extend/project/print. */
export interface NamedExpression extends NodeBase {
  kind: 'NamedExpression';
  name: Identifier | null;
  expression: Expression;
}

// ---------------------------------------------------------------------------------------------
// Scalar expressions

export type BinaryOperatorKind =
  | 'or' | 'and'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%'
  | '=~' | '!~'
  | 'has' | '!has' | 'has_cs' | '!has_cs'
  | 'hasprefix' | '!hasprefix' | 'hasprefix_cs' | '!hasprefix_cs'
  | 'hassuffix' | '!hassuffix' | 'hassuffix_cs' | '!hassuffix_cs'
  | 'contains' | '!contains' | 'contains_cs' | '!contains_cs'
  | 'startswith' | '!startswith' | 'startswith_cs' | '!startswith_cs'
  | 'endswith' | '!endswith' | 'endswith_cs' | '!endswith_cs'
  | 'matches regex';

export interface BinaryExpression extends NodeBase {
  kind: 'BinaryExpression';
  operator: BinaryOperatorKind;
  /** Span of the operator token, for diagnostics about the operator itself. */
  operatorSpan: Span;
  left: Expression;
  right: Expression;
}

export interface UnaryExpression extends NodeBase {
  kind: 'UnaryExpression';
  operator: '-' | '+';
  operand: Expression;
}

/** `x in (a, b)`, `x !in~ (L)`, `x has_any (...)`, `x has_all (...)` */
export interface InExpression extends NodeBase {
  kind: 'InExpression';
  operator: 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';
  left: Expression;
  /** The parenthesised list: scalars, dynamic arrays, let names, or a single tabular expression. */
  list: Expression[];
}

/** `x between (a .. b)` / `x !between (a .. b)` */
export interface BetweenExpression extends NodeBase {
  kind: 'BetweenExpression';
  negated: boolean;
  left: Expression;
  low: Expression;
  high: Expression;
}

export interface NameReference extends NodeBase {
  kind: 'NameReference';
  name: Identifier;
}

/** `f(args)`; also `not(x)`, `ago(1d)`, `strcat(...)`. */
export interface FunctionCallExpression extends NodeBase {
  kind: 'FunctionCallExpression';
  name: Identifier;
  arguments: Expression[];
}

/** `typeof(long)` as an argument (of `extract`). */
export interface TypeOfExpression extends NodeBase {
  kind: 'TypeOfExpression';
  typeName: Identifier;
  type: KqlType | null;
}

export interface ParenthesizedExpression extends NodeBase {
  kind: 'ParenthesizedExpression';
  expression: Expression;
}

/** `o.key` */
export interface PathExpression extends NodeBase {
  kind: 'PathExpression';
  target: Expression;
  selector: Identifier;
}

/** `o["key"]`, `a[0]`, `a[-1]` */
export interface ElementExpression extends NodeBase {
  kind: 'ElementExpression';
  target: Expression;
  index: Expression;
}

/**
 * A literal with its value already computed by the parser (common/types.ts ScalarValue
 * representation: long as bigint, datetime/timespan as bigint ticks, dynamic as DynamicValue).
 * Covers plain literals (`1`, `1.5`, `true`, `"s"`, `1d`), typed literals (`long(-1)`, `int(null)`,
 * `real(nan)`, `datetime(2024-01-01)`, `timespan(1.02:00:00)`, `guid(...)`), and `dynamic(...)`.
 */
export interface LiteralExpression extends NodeBase {
  kind: 'LiteralExpression';
  type: KqlType;
  value: ScalarValue | DynamicValue;
  /** The source text, for printers and messages. */
  text: string;
}

/** Placeholder where the parser recovered from a syntax error; the binder types it `error`. */
export interface ErrorExpression extends NodeBase {
  kind: 'ErrorExpression';
}

export type Expression =
  | PipeExpression
  | DataTableExpression
  | PrintOperator
  | UnionExpression
  | BinaryExpression
  | UnaryExpression
  | InExpression
  | BetweenExpression
  | NameReference
  | FunctionCallExpression
  | TypeOfExpression
  | ParenthesizedExpression
  | PathExpression
  | ElementExpression
  | LiteralExpression
  | ErrorExpression;

export type SyntaxNode = Query | Statement | Expression | QueryOperator | NamedExpression | SortKey | ColumnDeclaration | Identifier;
