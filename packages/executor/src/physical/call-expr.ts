import type { KqlType, ScalarValue } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { valueAt } from '../columns/column.js';
import { createColumnBuilder } from '../columns/column-builder.js';
import { BaseExpr } from './base-expr.js';
import { array, scalar, type ColumnarValue, type PhysicalExpr } from './physical-expr.js';

export type RowFunction = (args: readonly ScalarValue[]) => ScalarValue;

/**
 * A scalar function applied per selected row (string functions, conversions, arithmetic, dynamic
 * access). These run at projection time on the rows that survived filtering; predicates that
 * decide which rows survive have dedicated columnar expressions instead. Constant arguments are
 * evaluated once, and all-constant calls produce one scalar.
 */
export class CallExpr extends BaseExpr {
  constructor(
    readonly name: string,
    readonly args: readonly PhysicalExpr[],
    readonly type: KqlType,
    private readonly fn: RowFunction,
    private readonly infix = false,
  ) {
    super();
  }

  override children(): readonly PhysicalExpr[] {
    return this.args;
  }

  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    const vals = this.args.map((a) => a.evaluate(chunk, selection));
    const values: ScalarValue[] = vals.map((v) => (v.kind === 'scalar' ? v.value : null));
    if (vals.every((v) => v.kind === 'scalar')) return scalar(this.fn(values));
    const builder = createColumnBuilder(this.type, chunk.length);
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i]!;
        if (v.kind === 'array') values[i] = valueAt(v.column, row);
      }
      builder.set(row, this.fn(values));
    }
    return array(builder.finish());
  }

  display(): string {
    if (this.infix && this.args.length === 2) return `(${this.args[0]!.display()} ${this.name} ${this.args[1]!.display()})`;
    return `${this.name}(${this.args.map((a) => a.display()).join(', ')})`;
  }
}
