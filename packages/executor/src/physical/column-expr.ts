import type { KqlType } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { BaseExpr } from './base-expr.js';
import { array, type ColumnarValue } from './physical-expr.js';

/** A reference to input column `index` (resolved by the binder; `name` is for display only). */
export class ColumnExpr extends BaseExpr {
  constructor(
    readonly index: number,
    readonly name: string,
    readonly type: KqlType,
  ) {
    super();
  }

  evaluate(chunk: Chunk): ColumnarValue {
    const column = chunk.columns[this.index];
    if (column === undefined) throw new Error(`internal: column #${this.index} (${this.name}) is not in the input`);
    return array(column);
  }

  display(): string {
    return `${this.name}@${this.index}`;
  }
}
