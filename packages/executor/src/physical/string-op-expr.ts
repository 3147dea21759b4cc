import type { KqlType, ScalarValue } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { BOOL_NULL, FALSE, TRUE, valueAt } from '../columns/column.js';
import { StringTestMemo } from '../kernels/string-predicate.js';
import { toKqlString } from '../kernels/to-string.js';
import { BaseExpr, selectTrue } from './base-expr.js';
import { LiteralExpr } from './literal-expr.js';
import { array, scalar, type ColumnarValue, type PhysicalExpr } from './physical-expr.js';
import type { StringOpSpec } from './string-op-spec.js';

/**
 * `left <op> right` for the string predicates. With a constant right side (the usual case) the
 * matcher is built once at plan time and, on dictionary columns, evaluated once per distinct
 * value. Null (only possible for a dynamic operand): per §5.2 one null operand makes the positive
 * operators false and the `!` forms true; both null gives null. A dynamic string is compared as
 * that string; other dynamic values as their tostring() text.
 */
export class StringOpExpr extends BaseExpr {
  readonly type: KqlType = 'bool';
  private readonly constantMatcher: ((h: string) => boolean) | null;
  private readonly memo: StringTestMemo | null;
  private readonly matcherCache = new Map<string, (h: string) => boolean>();

  constructor(
    readonly spec: StringOpSpec,
    readonly left: PhysicalExpr,
    readonly right: PhysicalExpr,
  ) {
    super();
    if (right instanceof LiteralExpr && right.value !== null) {
      const needle = asText(right.value, right.type);
      this.constantMatcher = spec.build(needle);
      this.memo = new StringTestMemo(this.constantMatcher, spec.buildUtf8(needle));
    } else {
      this.constantMatcher = null;
      this.memo = null;
    }
  }

  override children(): readonly PhysicalExpr[] {
    return [this.left, this.right];
  }

  private matcherFor(needle: string): (h: string) => boolean {
    let m = this.matcherCache.get(needle);
    if (m === undefined) {
      m = this.spec.build(needle);
      if (this.matcherCache.size > 10_000) this.matcherCache.clear();
      this.matcherCache.set(needle, m);
    }
    return m;
  }

  /** Three-valued result for one pair of boxed values. */
  private compute(l: ScalarValue, r: ScalarValue, matcher: ((h: string) => boolean) | null): boolean | null {
    if (l === null && r === null) return null;
    if (l === null || r === null) return this.spec.negated;
    const m = matcher ?? this.matcherFor(asText(r, this.right.type));
    const hit = m(asText(l, this.left.type));
    return this.spec.negated ? !hit : hit;
  }

  override select(chunk: Chunk, selection: Uint32Array, out?: Uint32Array): Uint32Array {
    const l = this.left.evaluate(chunk, selection);
    if (this.memo !== null && l.kind === 'array' && l.column.rep === 'string') {
      return this.memo.select(l.column, selection, !this.spec.negated, out);
    }
    return selectTrue(this.generic(l, chunk, selection), selection, out);
  }

  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    const l = this.left.evaluate(chunk, selection);
    if (this.memo !== null && l.kind === 'array' && l.column.rep === 'string') {
      return array(this.memo.evaluate(l.column, selection, !this.spec.negated));
    }
    return this.generic(l, chunk, selection);
  }

  /** Row-wise path: dynamic operands, non-constant needles, or a constant left side. */
  private generic(l: ColumnarValue, chunk: Chunk, selection: Uint32Array): ColumnarValue {
    const r = this.right.evaluate(chunk, selection);
    if (l.kind === 'scalar' && r.kind === 'scalar') return scalar(this.compute(l.value, r.value, this.constantMatcher));
    const values = new Uint8Array(chunk.length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      const res = this.compute(at(l, row), at(r, row), this.constantMatcher);
      values[row] = res === null ? BOOL_NULL : res ? TRUE : FALSE;
    }
    return array({ rep: 'bool', length: chunk.length, values });
  }

  display(): string {
    return `${this.left.display()} ${this.spec.op} ${this.right.display()}`;
  }
}

function at(v: ColumnarValue, row: number): ScalarValue {
  return v.kind === 'scalar' ? v.value : valueAt(v.column, row);
}

function asText(v: ScalarValue, type: KqlType): string {
  return typeof v === 'string' ? v : toKqlString(v, type);
}
