import type { KqlType, ScalarValue, TableSchema } from '@kqlr/common';
import type { BuiltinId, LogicalPlan, ScalarExpr, TableScan } from '../src/logical/plan.js';

/** Tiny builders for hand-written plans in tests (not exported from the package). */

export const T: TableSchema = {
  name: 'T',
  columns: [
    { name: 'a', type: 'long' },
    { name: 'b', type: 'string' },
    { name: 'c', type: 'datetime' },
    { name: 'd', type: 'bool' },
  ],
};

export function scan(schema: TableSchema = T): TableScan {
  return { kind: 'TableScan', table: schema.name!, tableSchema: schema, projection: null, filters: [], schema };
}

export const col = (plan: LogicalPlan, name: string): ScalarExpr => {
  const index = plan.schema.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`no column ${name}`);
  return { kind: 'Column', index, name, type: plan.schema.columns[index]!.type };
};

export const lit = (type: KqlType, value: ScalarValue): ScalarExpr => ({ kind: 'Literal', type, value });

export const call = (fn: BuiltinId, type: KqlType, ...args: ScalarExpr[]): ScalarExpr => ({ kind: 'Call', fn, args, type });

export const filter = (input: LogicalPlan, predicate: ScalarExpr): LogicalPlan =>
  ({ kind: 'Filter', input, predicate, schema: input.schema });

export function project(input: LogicalPlan, exprs: [string, ScalarExpr][]): LogicalPlan {
  return {
    kind: 'Projection',
    input,
    exprs: exprs.map(([name, expr]) => ({ name, expr })),
    schema: { columns: exprs.map(([name, expr]) => ({ name, type: expr.type })) },
  };
}
