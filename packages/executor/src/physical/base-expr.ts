import type { KqlType } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { TRUE } from '../columns/column.js';
import type { ExecContext } from '../exec/exec-context.js';
import type { ColumnarValue, PhysicalExpr } from './physical-expr.js';

/** Shared defaults: `select` through `evaluate`, prepare recursing into children. */
export abstract class BaseExpr implements PhysicalExpr {
  abstract readonly type: KqlType;
  abstract evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue;
  abstract display(): string;

  children(): readonly PhysicalExpr[] {
    return [];
  }

  async prepare(ctx: ExecContext): Promise<void> {
    for (const c of this.children()) await c.prepare(ctx);
  }

  select(chunk: Chunk, selection: Uint32Array, out?: Uint32Array): Uint32Array {
    return selectTrue(this.evaluate(chunk, selection), selection, out);
  }
}

/** Rows of `selection` where a bool result is true (null and false are dropped). */
export function selectTrue(result: ColumnarValue, selection: Uint32Array, into?: Uint32Array): Uint32Array {
  if (result.kind === 'scalar') return result.value === true ? selection : new Uint32Array(0);
  const col = result.column;
  if (col.rep !== 'bool') throw new Error(`internal: predicate produced a ${col.rep} column`);
  const values = col.values;
  const out = into ?? new Uint32Array(selection.length);
  let n = 0;
  for (let k = 0; k < selection.length; k++) {
    const row = selection[k]!;
    if (values[row] === TRUE) out[n++] = row;
  }
  return out.subarray(0, n);
}
