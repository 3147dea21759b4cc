import { parseQuery } from '@kqlr/parser';
import { hasErrors, parseIsoDatetime, type Diagnostic, type TableSchema } from '@kqlr/common';
import { expect } from 'vitest';
import { bindQuery } from '../src/binder/bind-query.js';
import type { BindOptions, BoundQuery } from '../src/binder/bound-tree.js';
import { createCatalog, type Catalog } from '../src/catalog.js';
import { DEFENDER_TABLES } from '@kqlr/common';
import { planQuery } from '../src/logical/plan-query.js';
import { optimizePlan } from '../src/optimizer/optimize-plan.js';
import { printLogicalPlan } from '../src/explain.js';

/** Test helpers: parse + bind against the Defender tables plus two small tables. */

export const SMALL: TableSchema = {
  name: 'Small',
  columns: [
    { name: 'a', type: 'long' },
    { name: 'b', type: 'string' },
    { name: 'c', type: 'datetime' },
    { name: 'd', type: 'dynamic' },
  ],
};
export const OTHER: TableSchema = {
  name: 'Other',
  columns: [
    { name: 'b', type: 'string' },
    { name: 'e', type: 'bool' },
    { name: 'a', type: 'string' },
  ],
};

export const CATALOG: Catalog = createCatalog([...Object.values(DEFENDER_TABLES), SMALL, OTHER]);
export const FIXED_NOW = parseIsoDatetime('2024-05-01T00:00:00Z')!;

export function bind(text: string, options: Partial<BindOptions> = {}): { result: BoundQuery | null; diagnostics: Diagnostic[] } {
  const parsed = parseQuery(text);
  if (hasErrors(parsed.diagnostics)) {
    throw new Error(`test query does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}\n${text}`);
  }
  return bindQuery(parsed.result, { catalog: CATALOG, now: FIXED_NOW, nowSource: 'wallclock', ...options });
}

/** Binds a query that must succeed and returns it. */
export function bindOk(text: string, options: Partial<BindOptions> = {}): BoundQuery {
  const { result, diagnostics } = bind(text, options);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result).not.toBeNull();
  return result!;
}

/** `name:type` of each output column. */
export function schemaOf(text: string): string {
  return bindOk(text).schema.columns.map((c) => `${c.name}:${c.type}`).join(', ');
}

/** The type of `expr` evaluated in `print`. */
export function typeOf(expr: string, prefix = ''): string {
  return bindOk(`${prefix}print x = ${expr}`).schema.columns[0]!.type;
}

export function plan(text: string, optimize = false): string {
  const p = planQuery(bindOk(text));
  return printLogicalPlan(optimize ? optimizePlan(p) : p);
}

/**
 * Asserts the query fails with exactly the given errors. In the query, `⟨...⟩` marks where each
 * error must be reported (in order); the markers are removed before parsing.
 */
export function expectErrors(marked: string, ...codes: string[]): Diagnostic[] {
  const spans: { start: number; end: number }[] = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === '⟨') open = text.length;
    else if (ch === '⟩') {
      spans.push({ start: open, end: text.length });
      open = -1;
    } else text += ch;
  }
  const { result, diagnostics } = bind(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.code)).toEqual(codes);
  if (spans.length > 0) expect(errors.map((d) => text.slice(d.span.start, d.span.end))).toEqual(spans.map((s) => text.slice(s.start, s.end)));
  if (spans.length > 0) expect(errors.map((d) => d.span)).toEqual(spans);
  expect(result).toBeNull();
  return errors;
}
