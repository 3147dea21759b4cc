import type { ColumnDef, TableSchema } from '@kqlr/common';
import type { LogicalPlan } from '@kqlr/planner';
import { ROW_ID_COLUMN } from './row-id.js';

export interface LineagePlan {
  plan: LogicalPlan;
  /** Index of the row-id column in `plan.schema`, or null when no output row has lineage. */
  idColumn: number | null;
}

const ID_DEF: ColumnDef = { name: ROW_ID_COLUMN, type: 'long' };

function withId(schema: TableSchema): TableSchema {
  return { ...schema, columns: [...schema.columns, ID_DEF] };
}

/**
 * Rewrites a logical plan so that its output carries the row id of the input event each row came
 * from, as an extra last column. Pure: the input plan is not modified. Appending the id as the
 * last column keeps every existing column index valid, so predicates, projections and sort keys
 * are reused untouched. `Count` and `Values` rows have no single source event: no id there (a
 * union fills the id of such a leg with null). Membership subqueries are left alone: they feed a
 * predicate, not output rows.
 */
export function withLineage(plan: LogicalPlan): LineagePlan {
  switch (plan.kind) {
    case 'TableScan': {
      const tableSchema = withId(plan.tableSchema);
      const idInTable = plan.tableSchema.columns.length;
      const projection = plan.projection === null ? null : [...plan.projection, idInTable];
      const schema = withId(plan.schema);
      return { plan: { ...plan, tableSchema, projection, schema }, idColumn: schema.columns.length - 1 };
    }
    case 'Values':
    case 'Count':
      return { plan, idColumn: null };
    case 'Filter':
    case 'Sort':
    case 'Limit': {
      const input = withLineage(plan.input);
      if (input.idColumn === null) return { plan, idColumn: null };
      const schema = withId(plan.schema);
      return { plan: { ...plan, input: input.plan, schema }, idColumn: schema.columns.length - 1 };
    }
    case 'Projection': {
      const input = withLineage(plan.input);
      if (input.idColumn === null) return { plan, idColumn: null };
      const exprs = [
        ...plan.exprs,
        { name: ROW_ID_COLUMN, expr: { kind: 'Column' as const, index: input.idColumn, name: ROW_ID_COLUMN, type: 'long' as const } },
      ];
      const schema = withId(plan.schema);
      return { plan: { ...plan, input: input.plan, exprs, schema }, idColumn: schema.columns.length - 1 };
    }
    case 'Union': {
      const legs = plan.inputs.map(withLineage);
      if (legs.every((l) => l.idColumn === null)) return { plan, idColumn: null };
      const columnMaps = plan.columnMaps.map((map, i) => [...map, legs[i]!.idColumn ?? -1]);
      const schema = withId(plan.schema);
      return {
        plan: { ...plan, inputs: legs.map((l) => l.plan), columnMaps, schema },
        idColumn: schema.columns.length - 1,
      };
    }
  }
}
