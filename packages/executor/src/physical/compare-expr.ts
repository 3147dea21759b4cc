import type { KqlType } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { BOOL_NULL, FALSE, TRUE, valueAt } from '../columns/column.js';
import { compareBoxed } from '../kernels/compare.js';
import { flipCompare, selectInt64VsConstant, selectNumberVsConstant, type CompareOp } from '../kernels/datetime.js';
import { BaseExpr, selectTrue } from './base-expr.js';
import { array, scalar, type ColumnarValue, type PhysicalExpr } from './physical-expr.js';

/**
 * `==`, `!=`, `<`, `<=`, `>`, `>=` on numbers, datetimes, timespans, bools, guids and dynamics
 * (string equality goes to StringOpExpr). Null rules are in kernels/compare.ts. Under `where`, a
 * column compared with a constant runs the allocation-free kernels of kernels/datetime.ts.
 */
export class CompareExpr extends BaseExpr {
  readonly type: KqlType = 'bool';

  constructor(
    readonly op: CompareOp,
    readonly left: PhysicalExpr,
    readonly right: PhysicalExpr,
  ) {
    super();
  }

  override children(): readonly PhysicalExpr[] {
    return [this.left, this.right];
  }

  override select(chunk: Chunk, selection: Uint32Array, out?: Uint32Array): Uint32Array {
    const l = this.left.evaluate(chunk, selection);
    const r = this.right.evaluate(chunk, selection);
    const [col, constant, op] =
      l.kind === 'array' && r.kind === 'scalar'
        ? [l.column, r.value, this.op]
        : l.kind === 'scalar' && r.kind === 'array'
          ? [r.column, l.value, flipCompare(this.op)]
          : [null, null, this.op];
    if (col !== null && constant !== null) {
      if (col.rep === 'long') {
        const c = typeof constant === 'bigint' ? constant : typeof constant === 'number' && Number.isInteger(constant) ? BigInt(constant) : null;
        if (c !== null) return selectInt64VsConstant(col.values, col.nulls, op, c, selection, out);
      } else if (col.rep === 'number' && (typeof constant === 'number' || typeof constant === 'bigint')) {
        return selectNumberVsConstant(col.values, col.nulls, op, Number(constant), selection, out);
      }
    }
    return selectTrue(this.combine(l, r, chunk.length, selection), selection, out);
  }

  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    return this.combine(this.left.evaluate(chunk, selection), this.right.evaluate(chunk, selection), chunk.length, selection);
  }

  private combine(l: ColumnarValue, r: ColumnarValue, length: number, selection: Uint32Array): ColumnarValue {
    if (l.kind === 'scalar' && r.kind === 'scalar') return scalar(compareBoxed(this.op, l.value, r.value));
    const values = new Uint8Array(length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      const a = l.kind === 'scalar' ? l.value : valueAt(l.column, row);
      const b = r.kind === 'scalar' ? r.value : valueAt(r.column, row);
      const res = compareBoxed(this.op, a, b);
      values[row] = res === null ? BOOL_NULL : res ? TRUE : FALSE;
    }
    return array({ rep: 'bool', length, values });
  }

  display(): string {
    return `${this.left.display()} ${this.op} ${this.right.display()}`;
  }
}
