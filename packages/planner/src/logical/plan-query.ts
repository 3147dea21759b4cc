import type { KqlType, ScalarValue, TableSchema } from '@kqlr/common/core';
import type { BoundColumn, BoundExpr, BoundQuery, BoundTabular } from '../binder/bound-tree.js';
import { dynamicElementLiteral } from '../binder/literals.js';
import { foldExpr } from '../optimizer/fold-constants.js';
import type { LogicalPlan, ScalarExpr } from './plan.js';

/**
 * Lowers a bound query to the logical plan (plan.ts): `let`s are already inlined by the binder;
 * `ago()`/`now()` fold to datetime literals against `bound.now` (one instant per query, §6);
 * `extend`/`project`/`project-away`/`project-rename` become `Projection`; `datatable`/`print`
 * become `Values`; `in`/`has_any` lists are flattened (dynamic arrays expanded).
 */
export function planQuery(bound: BoundQuery): LogicalPlan {
  return new Lowering(bound.now).plan(bound.body);
}

function schemaOf(columns: readonly BoundColumn[]): TableSchema {
  return { columns: columns.map((c) => ({ name: c.name, type: assertTyped(c.type) })) };
}

function assertTyped(type: KqlType | 'error'): KqlType {
  // The binder returns no tree when it reported an error, so `error` cannot reach the planner.
  if (type === 'error') throw new Error('internal: error type in a bound tree without errors');
  return type;
}

class Lowering {
  constructor(private readonly now: bigint) {}

  plan(node: BoundTabular): LogicalPlan {
    const schema = schemaOf(node.columns);
    switch (node.kind) {
      case 'TableScan':
        return { kind: 'TableScan', table: node.table, tableSchema: node.tableSchema, projection: null, filters: [], schema: node.tableSchema };
      case 'Values':
        return { kind: 'Values', rows: node.rows.map((r) => [...r]), schema };
      case 'Print':
        return this.print(node.exprs, schema);
      case 'Filter':
        return { kind: 'Filter', input: this.plan(node.input), predicate: this.expr(node.predicate), schema };
      case 'Projection':
        return {
          kind: 'Projection',
          input: this.plan(node.input),
          exprs: node.exprs.map((e) => ({ name: e.name, expr: this.expr(e.expr) })),
          schema,
        };
      case 'Sort':
        return {
          kind: 'Sort',
          input: this.plan(node.input),
          keys: node.keys.map((k) => ({ expr: this.expr(k.expr), descending: k.descending, nullsFirst: k.nullsFirst })),
          schema,
        };
      case 'Limit':
        return { kind: 'Limit', input: this.plan(node.input), count: node.count, schema };
      case 'Count':
        return { kind: 'Count', input: this.plan(node.input), schema };
      case 'Union':
        return {
          kind: 'Union',
          inputs: node.inputs.map((i) => this.plan(i)),
          columnMaps: node.columnMaps.map((m) => [...m]),
          withSource: node.withSource,
          sourceLabels: [...node.sourceLabels],
          schema,
        };
      case 'Error':
        throw new Error('internal: error node in a bound tree without errors');
    }
  }

  /** `print` of constants is a one-row Values; otherwise a Projection over one empty row. */
  private print(exprs: readonly { name: string; expr: BoundExpr }[], schema: TableSchema): LogicalPlan {
    const lowered = exprs.map((e) => ({ name: e.name, expr: foldExpr(this.expr(e.expr)) }));
    if (lowered.every((e) => e.expr.kind === 'Literal')) {
      const row: ScalarValue[] = lowered.map((e) => (e.expr.kind === 'Literal' ? e.expr.value : null));
      return { kind: 'Values', rows: [row], schema };
    }
    const oneRow: LogicalPlan = { kind: 'Values', rows: [[]], schema: { columns: [] } };
    return { kind: 'Projection', input: oneRow, exprs: lowered, schema };
  }

  expr(expr: BoundExpr): ScalarExpr {
    switch (expr.kind) {
      case 'Column':
        return { kind: 'Column', index: expr.index, name: expr.name, type: assertTyped(expr.type) };
      case 'Literal':
        return { kind: 'Literal', type: expr.type, value: expr.value };
      case 'Call': {
        const args = expr.args.map((a) => this.expr(a));
        // The offset is folded first so `ago(-2d)` (a negated literal) still becomes one literal.
        const offset = args[0] === undefined ? undefined : foldExpr(args[0]);
        if (expr.fn === 'now') return this.shiftNow('+', offset);
        if (expr.fn === 'ago') return this.shiftNow('-', offset);
        return { kind: 'Call', fn: expr.fn, args, type: assertTyped(expr.type) };
      }
      case 'Membership':
        return {
          kind: 'Membership',
          op: expr.op,
          left: this.expr(expr.left),
          values: expr.values.flatMap((v) => this.flatten(this.expr(v))),
          subquery: expr.subquery === null ? null : this.plan(expr.subquery),
          type: 'bool',
        };
      case 'Error':
        throw new Error('internal: error expression in a bound tree without errors');
    }
  }

  /** `now(offset)` is now + offset and `ago(ts)` is now - ts; folded when the timespan is a literal. */
  private shiftNow(op: '+' | '-', offset: ScalarExpr | undefined): ScalarExpr {
    const now: ScalarExpr = { kind: 'Literal', type: 'datetime', value: this.now };
    if (offset === undefined) return now;
    if (offset.kind === 'Literal') {
      if (offset.value === null) return { kind: 'Literal', type: 'datetime', value: null };
      const ticks = offset.value as bigint;
      return { kind: 'Literal', type: 'datetime', value: op === '+' ? this.now + ticks : this.now - ticks };
    }
    return { kind: 'Call', fn: op, args: [now, offset], type: 'datetime' };
  }

  /** A dynamic array literal in a list stands for its elements (§5.3 `has_any`/`in` arguments). */
  private flatten(value: ScalarExpr): ScalarExpr[] {
    if (value.kind === 'Literal' && value.type === 'dynamic' && Array.isArray(value.value)) {
      return value.value.map((element) => ({ kind: 'Literal', ...dynamicElementLiteral(element) }));
    }
    return [value];
  }
}
