import type { KqlType } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { BOOL_NULL, type Column } from '../columns/column.js';
import { and3, boolCode, codeToBool, difference, mergeSelections, not3, or3 } from '../kernels/logical.js';
import { BaseExpr, selectTrue } from './base-expr.js';
import { array, scalar, type ColumnarValue, type PhysicalExpr } from './physical-expr.js';

/**
 * `and` / `or` with three-valued logic (kernels/logical.ts). Under `where`, `and` narrows: its
 * right side only sees the rows its left side kept, and `or` evaluates its right side only on the
 * rows its left side rejected. As values, the right side is evaluated only where the left side
 * does not decide the result on its own.
 */
export class LogicalExpr extends BaseExpr {
  readonly type: KqlType = 'bool';

  constructor(
    readonly op: 'and' | 'or',
    readonly left: PhysicalExpr,
    readonly right: PhysicalExpr,
  ) {
    super();
  }

  override children(): readonly PhysicalExpr[] {
    return [this.left, this.right];
  }

  override select(chunk: Chunk, selection: Uint32Array): Uint32Array {
    const kept = this.left.select(chunk, selection);
    if (this.op === 'and') return kept.length === 0 ? kept : this.right.select(chunk, kept);
    const rest = difference(selection, kept);
    return rest.length === 0 ? kept : mergeSelections(kept, this.right.select(chunk, rest));
  }

  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    const l = this.left.evaluate(chunk, selection);
    const decided = this.op === 'and' ? 0 : 1;
    if (l.kind === 'scalar') {
      if (boolCode(l.value) === decided) return scalar(this.op === 'or');
      const r = this.right.evaluate(chunk, selection);
      if (r.kind === 'scalar') return scalar(codeToBool(this.combine(boolCode(l.value), boolCode(r.value))));
      return array(this.mapColumn(r.column, (code) => this.combine(boolCode(l.value), code), chunk.length, selection));
    }
    const lv = boolValues(l.column);
    const undecided: number[] = [];
    for (let k = 0; k < selection.length; k++) if (lv[selection[k]!] !== decided) undecided.push(selection[k]!);
    const out = new Uint8Array(chunk.length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) out[selection[k]!] = decided;
    if (undecided.length > 0) {
      const rest = Uint32Array.from(undecided);
      const r = this.right.evaluate(chunk, rest);
      for (let k = 0; k < rest.length; k++) {
        const row = rest[k]!;
        const rc = r.kind === 'scalar' ? boolCode(r.value) : boolValues(r.column)[row]!;
        out[row] = this.combine(lv[row]!, rc);
      }
    }
    return array({ rep: 'bool', length: chunk.length, values: out });
  }

  private combine(a: number, b: number): number {
    return this.op === 'and' ? and3(a, b) : or3(a, b);
  }

  private mapColumn(col: Column, f: (code: number) => number, length: number, selection: Uint32Array): Column {
    const src = boolValues(col);
    const out = new Uint8Array(length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) out[selection[k]!] = f(src[selection[k]!]!);
    return { rep: 'bool', length, values: out };
  }

  display(): string {
    return `(${this.left.display()} ${this.op} ${this.right.display()})`;
  }
}

/** `not(x)`: null stays null. */
export class NotExpr extends BaseExpr {
  readonly type: KqlType = 'bool';

  constructor(readonly input: PhysicalExpr) {
    super();
  }

  override children(): readonly PhysicalExpr[] {
    return [this.input];
  }

  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    const v = this.input.evaluate(chunk, selection);
    if (v.kind === 'scalar') return scalar(codeToBool(not3(boolCode(v.value))));
    const src = boolValues(v.column);
    const out = new Uint8Array(chunk.length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) out[selection[k]!] = not3(src[selection[k]!]!);
    return array({ rep: 'bool', length: chunk.length, values: out });
  }

  override select(chunk: Chunk, selection: Uint32Array): Uint32Array {
    return selectTrue(this.evaluate(chunk, selection), selection);
  }

  display(): string {
    return `not(${this.input.display()})`;
  }
}

export function boolValues(col: Column): Uint8Array {
  if (col.rep !== 'bool') throw new Error(`internal: expected a bool column, got ${col.rep}`);
  return col.values;
}
