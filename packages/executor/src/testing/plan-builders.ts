import type { KqlType, ScalarValue, TableProvider, TableSchema } from '@kqlr/common';
import type {
  BuiltinId, CallExpr, ColumnExpr, LiteralExpr, LogicalPlan, MembershipExpr, ScalarExpr, SortKeyPlan,
} from '@kqlr/planner';
import { executePlan } from '../execute-plan.js';
import { readRows } from '../read-row.js';

/** Small builders for hand-written logical plans in tests (the binder's output shape). */
export const col = (index: number, name: string, type: KqlType): ColumnExpr => ({ kind: 'Column', index, name, type });
export const lit = (type: KqlType, value: ScalarValue): LiteralExpr => ({ kind: 'Literal', type, value });
export const str = (s: string): LiteralExpr => lit('string', s);
export const long = (n: number | bigint): LiteralExpr => lit('long', BigInt(n));
export const call = (fn: BuiltinId, args: ScalarExpr[], type: KqlType = 'bool'): CallExpr => ({ kind: 'Call', fn, args, type });
export const member = (
  op: MembershipExpr['op'],
  left: ScalarExpr,
  values: ScalarExpr[],
  subquery: LogicalPlan | null = null,
): MembershipExpr => ({ kind: 'Membership', op, left, values, subquery, type: 'bool' });

export const schemaOf = (...cols: [string, KqlType][]): TableSchema => ({ columns: cols.map(([name, type]) => ({ name, type })) });

export const values = (schema: TableSchema, rows: ScalarValue[][]): LogicalPlan => ({ kind: 'Values', schema, rows });
export const scan = (table: string, schema: TableSchema, filters: ScalarExpr[] = []): LogicalPlan => ({
  kind: 'TableScan', table, tableSchema: { ...schema, name: table }, projection: null, filters, schema,
});
export const filter = (input: LogicalPlan, predicate: ScalarExpr): LogicalPlan => ({ kind: 'Filter', input, predicate, schema: input.schema });
export const project = (input: LogicalPlan, exprs: { name: string; expr: ScalarExpr }[]): LogicalPlan => ({
  kind: 'Projection', input, exprs, schema: { columns: exprs.map((e) => ({ name: e.name, type: e.expr.type })) },
});
export const sort = (input: LogicalPlan, keys: SortKeyPlan[]): LogicalPlan => ({ kind: 'Sort', input, keys, schema: input.schema });
export const limit = (input: LogicalPlan, count: number): LogicalPlan => ({ kind: 'Limit', input, count, schema: input.schema });
export const count = (input: LogicalPlan): LogicalPlan => ({ kind: 'Count', input, schema: schemaOf(['Count', 'long']) });

/** Runs a plan and returns its rows as ScalarValues. */
export async function runRows(
  plan: LogicalPlan,
  tables: ReadonlyMap<string, TableProvider> = new Map(),
  batchSize?: number,
): Promise<ScalarValue[][]> {
  const result = executePlan(plan, batchSize === undefined ? { tables } : { tables, batchSize });
  const rows: ScalarValue[][] = [];
  for await (const b of result.batches) rows.push(...readRows(b, result.schema));
  return rows;
}

/** Evaluates one scalar expression over a one-row `print`-like input. */
export async function evalScalar(expr: ScalarExpr): Promise<ScalarValue> {
  const plan = project(values(schemaOf(['dummy', 'long']), [[0n]]), [{ name: 'x', expr }]);
  const rows = await runRows(plan);
  return rows[0]![0]!;
}
