import type { KqlType, ScalarValue } from '@kqlr/common';
import { displayLiteral } from './display.js';
import { BaseExpr } from './base-expr.js';
import { scalar, type ColumnarValue } from './physical-expr.js';

export class LiteralExpr extends BaseExpr {
  constructor(
    readonly type: KqlType,
    readonly value: ScalarValue,
  ) {
    super();
  }

  evaluate(): ColumnarValue {
    return scalar(this.value);
  }

  display(): string {
    return displayLiteral(this.type, this.value);
  }
}
