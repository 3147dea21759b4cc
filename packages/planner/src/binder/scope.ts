import type { Diagnostic, Span, TableSchema } from '@kqlr/common/core';
import type { Catalog } from '../catalog.js';
import type { BoundColumn, BoundExpr, BoundTabular } from './bound-tree.js';

/**
 * Names and scopes. A query has one flat `let` environment (re-declaring is an error, §3) and each
 * pipe stage binds its expressions against the *row scope*: the output columns of the stage
 * before it. Columns of the row scope win over `let` names of the same spelling.
 */

export type LetSymbol =
  | { kind: 'scalar'; name: string; expr: BoundExpr }
  | { kind: 'tabular'; name: string; node: BoundTabular }
  /** The `let` value failed to bind; references to it are silent errors. */
  | { kind: 'error'; name: string };

export interface RowScope {
  columns: readonly BoundColumn[];
  /** The input failed to bind, so its columns are unknown: unknown names are silent errors. */
  opaque: boolean;
  /** True inside a pipe stage (names are columns first); false in `let` values and `print`. */
  rowContext: boolean;
  /** The table (or tabular `let`) the pipeline reads, for messages ("unknown column 'X' in T"). */
  sourceName: string | null;
  /** The input node, to explain an unknown name that an earlier operator removed. */
  input: BoundTabular | null;
}

export const EMPTY_SCOPE: RowScope = { columns: [], opaque: false, rowContext: false, sourceName: null, input: null };

/** A tabular expression as bound, with what the operators after it need to know about it. */
export interface TabularResult {
  node: BoundTabular;
  sourceName: string | null;
  /** `withsource` label when this is a bare table reference (else the leg is `union_argN`). */
  label: string | null;
}

export function rowScopeOf(input: TabularResult): RowScope {
  return {
    columns: input.node.columns,
    opaque: input.node.kind === 'Error',
    rowContext: true,
    sourceName: input.sourceName,
    input: input.node,
  };
}

export function errorTabular(span: Span): TabularResult {
  return { node: { kind: 'Error', span, columns: [] }, sourceName: null, label: null };
}

export type TabularSymbol =
  | { kind: 'table'; name: string; schema: TableSchema }
  | { kind: 'let'; name: string; node: BoundTabular }
  | { kind: 'error'; name: string };

export class BindContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly lets = new Map<string, LetSymbol>();

  constructor(readonly catalog: Catalog) {}

  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** A name in a tabular position: a `let` (which may hide a table of the same name), then a table. */
  lookupTabular(name: string): TabularSymbol | 'scalar' | undefined {
    const symbol = this.lets.get(name);
    if (symbol !== undefined) {
      if (symbol.kind === 'tabular') return { kind: 'let', name, node: symbol.node };
      if (symbol.kind === 'error') return { kind: 'error', name };
      return 'scalar';
    }
    const schema = this.catalog.getTable(name);
    return schema === undefined ? undefined : { kind: 'table', name, schema };
  }

  tabularNames(): string[] {
    const lets = [...this.lets.values()].filter((s) => s.kind === 'tabular').map((s) => s.name);
    return [...lets, ...this.catalog.tableNames()];
  }

  scalarLetNames(): string[] {
    return [...this.lets.values()].filter((s) => s.kind === 'scalar').map((s) => s.name);
  }
}

/** The operator that dropped `name` from the pipeline below `node` (`project`, `count`, ...), if any. */
export function removedBy(node: BoundTabular | null, name: string): string | null {
  let current = node;
  while (current !== null && 'input' in current) {
    const { input } = current;
    const had = input.columns.some((c) => c.name === name);
    const has = current.columns.some((c) => c.name === name);
    if (had && !has) return current.kind === 'Projection' ? current.operator : current.kind.toLowerCase();
    current = input;
  }
  return null;
}
