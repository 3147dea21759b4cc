import type { TableSchema } from '@kqlr/common/core';
import type { LogicalPlan, ScalarExpr } from '../logical/plan.js';
import { columnsUsed, mapExpr, mapNodeExprs, remapColumns } from './plan-utils.js';

/**
 * Rule `prune-columns`: every node outputs only the columns someone above it reads, and the
 * TableScan's `projection` lists exactly the columns the query uses (output + predicates), so
 * readers parse nothing else. The root keeps its full schema. A node never shrinks to zero
 * columns (row counts must survive for `count`), so at least its first column is kept.
 */
export function pruneColumns(plan: LogicalPlan): LogicalPlan {
  return prune(plan, new Set(plan.schema.columns.map((_, i) => i))).plan;
}

interface Pruned {
  plan: LogicalPlan;
  /** Old output column index -> new output column index, for every kept column. */
  mapping: Map<number, number>;
}

function keepAtLeastOne(required: ReadonlySet<number>, width: number): number[] {
  const kept = [...required].filter((i) => i < width).sort((a, b) => a - b);
  return kept.length === 0 && width > 0 ? [0] : kept;
}

const positions = (kept: readonly number[]): Map<number, number> => new Map(kept.map((old, i) => [old, i]));

const pickColumns = (schema: TableSchema, kept: readonly number[]): TableSchema => ({
  columns: kept.map((i) => schema.columns[i]!),
});

function prune(plan: LogicalPlan, required: ReadonlySet<number>): Pruned {
  const pruned = pruneNode(plan, required);
  return { ...pruned, plan: mapNodeExprs(pruned.plan, pruneSubqueries) };
}

/** A tabular `in`/`has_any` list reads only its first column. */
function pruneSubqueries(expr: ScalarExpr): ScalarExpr {
  return mapExpr(expr, (e) => (e.kind === 'Membership' && e.subquery !== null ? { ...e, subquery: prune(e.subquery, new Set([0])).plan } : e));
}

function pruneNode(plan: LogicalPlan, required: ReadonlySet<number>): Pruned {
  switch (plan.kind) {
    case 'TableScan': {
      const need = new Set(required);
      plan.filters.forEach((f) => columnsUsed(f, need));
      const kept = keepAtLeastOne(need, plan.schema.columns.length);
      const mapping = positions(kept);
      const projection = kept.map((i) => (plan.projection === null ? i : plan.projection[i]!));
      return {
        plan: { ...plan, projection, filters: plan.filters.map((f) => remapColumns(f, mapping)), schema: pickColumns(plan.schema, kept) },
        mapping,
      };
    }
    case 'Values': {
      const kept = keepAtLeastOne(required, plan.schema.columns.length);
      return {
        plan: { ...plan, rows: plan.rows.map((r) => kept.map((i) => r[i]!)), schema: pickColumns(plan.schema, kept) },
        mapping: positions(kept),
      };
    }
    case 'Filter': {
      const child = prune(plan.input, columnsUsed(plan.predicate, new Set(required)));
      const predicate = remapColumns(plan.predicate, child.mapping);
      return { plan: { ...plan, input: child.plan, predicate, schema: child.plan.schema }, mapping: child.mapping };
    }
    case 'Sort': {
      const need = new Set(required);
      plan.keys.forEach((k) => columnsUsed(k.expr, need));
      const child = prune(plan.input, need);
      const keys = plan.keys.map((k) => ({ ...k, expr: remapColumns(k.expr, child.mapping) }));
      return { plan: { ...plan, input: child.plan, keys, schema: child.plan.schema }, mapping: child.mapping };
    }
    case 'Limit': {
      const child = prune(plan.input, required);
      return { plan: { ...plan, input: child.plan, schema: child.plan.schema }, mapping: child.mapping };
    }
    case 'Count': {
      const child = prune(plan.input, new Set());
      return { plan: { ...plan, input: child.plan }, mapping: new Map([[0, 0]]) };
    }
    case 'Projection': {
      const kept = keepAtLeastOne(required, plan.exprs.length);
      const need = new Set<number>();
      kept.forEach((i) => columnsUsed(plan.exprs[i]!.expr, need));
      const child = prune(plan.input, need);
      const exprs = kept.map((i) => {
        const { name, expr } = plan.exprs[i]!;
        return { name, expr: remapColumns(expr, child.mapping) };
      });
      return { plan: { ...plan, input: child.plan, exprs, schema: pickColumns(plan.schema, kept) }, mapping: positions(kept) };
    }
    case 'Union': {
      const offset = plan.withSource === null ? 0 : 1;
      const dataWidth = plan.schema.columns.length - offset;
      const dataRequired = new Set([...required].filter((i) => i >= offset).map((i) => i - offset));
      const keptData = keepAtLeastOne(dataRequired, dataWidth);
      const children = plan.inputs.map((input, i) =>
        prune(input, new Set(keptData.map((j) => plan.columnMaps[i]![j]!).filter((m) => m >= 0))));
      const columnMaps = children.map((child, i) =>
        keptData.map((j) => {
          const m = plan.columnMaps[i]![j]!;
          return m < 0 ? -1 : child.mapping.get(m)!;
        }));
      const keptOutput = [...(offset === 1 ? [0] : []), ...keptData.map((j) => j + offset)];
      return {
        plan: { ...plan, inputs: children.map((c) => c.plan), columnMaps, schema: pickColumns(plan.schema, keptOutput) },
        mapping: positions(keptOutput),
      };
    }
  }
}
