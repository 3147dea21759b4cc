import type { Span } from '@kqlr/common/core';
import type { Identifier } from '@kqlr/parser';
import type { BoundColumn, BoundTabular } from './bound-tree.js';
import { DiagnosticFacts } from './diagnostic-facts.js';
import { errorTabular, type BindContext, type TabularResult } from './scope.js';

export interface UnionLeg {
  result: TabularResult;
  span: Span;
}

const pairKey = (c: BoundColumn): string => `${c.name}\u0000${c.type}`;

/**
 * `union` output schema (§4): the `withsource` column first (string), then each distinct
 * (name, type) pair in order of first appearance across the legs. `kind=outer` (default) keeps
 * every pair; `kind=inner` only the pairs present in every leg (docs; decision §8). A name that
 * appears with several types becomes one column per type, `name_type`.
 */
export function bindUnion(ctx: BindContext, span: Span, kind: 'inner' | 'outer', withSource: Identifier | null,
  legs: readonly UnionLeg[]): TabularResult {
  if (legs.some((leg) => leg.result.node.kind === 'Error')) return errorTabular(span);
  const pairs = new Map<string, BoundColumn>();
  for (const leg of legs) for (const c of leg.result.node.columns) if (!pairs.has(pairKey(c))) pairs.set(pairKey(c), c);
  let chosen = [...pairs.values()];
  if (kind === 'inner') {
    chosen = chosen.filter((c) => legs.every((leg) => leg.result.node.columns.some((l) => pairKey(l) === pairKey(c))));
  }
  const typesByName = new Map<string, number>();
  for (const c of chosen) typesByName.set(c.name, (typesByName.get(c.name) ?? 0) + 1);
  const dataColumns = chosen.map((c) => ({ name: typesByName.get(c.name)! > 1 ? `${c.name}_${c.type}` : c.name, type: c.type }));
  const columnMaps = legs.map((leg) =>
    chosen.map((c) => leg.result.node.columns.findIndex((l) => pairKey(l) === pairKey(c))),
  );
  const columns: BoundColumn[] = [...dataColumns];
  if (withSource !== null) {
    if (dataColumns.some((c) => c.name === withSource.name)) {
      ctx.report(DiagnosticFacts.duplicateColumn(withSource.span, withSource.name));
      return errorTabular(span);
    }
    columns.unshift({ name: withSource.name, type: 'string' });
  }
  const node: BoundTabular = {
    kind: 'Union',
    unionKind: kind,
    inputs: legs.map((leg) => leg.result.node),
    columnMaps,
    withSource: withSource?.name ?? null,
    // Decision (§4): a bare table leg is labelled with its name; other legs by position.
    sourceLabels: legs.map((leg, i) => leg.result.label ?? `union_arg${i}`),
    columns,
    span,
  };
  return { node, sourceName: null, label: null };
}
