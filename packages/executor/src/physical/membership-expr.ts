import type { KqlType, ScalarValue } from '@kqlr/common';
import type { Chunk } from '../chunk.js';
import { BOOL_NULL, FALSE, TRUE, valueAt } from '../columns/column.js';
import type { ExecContext } from '../exec/exec-context.js';
import type { ExecutionPlan } from '../exec/execution-plan.js';
import { membershipText, needleTexts, TermIndex, ValueSet } from '../kernels/membership.js';
import { StringTestMemo } from '../kernels/string-predicate.js';
import { utf8EqualsAnyTest } from '../kernels/utf8-bytes.js';
import { BaseExpr, selectTrue } from './base-expr.js';
import { LiteralExpr } from './literal-expr.js';
import { columnsRead } from './columns-read.js';
import { array, scalar, type ColumnarValue, type PhysicalExpr } from './physical-expr.js';

export type MembershipOp = 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';

interface Matcher {
  /** Result for a non-null left value (before negation). */
  test(v: Exclude<ScalarValue, null>): boolean;
  stringMemo: StringTestMemo;
}

/**
 * `in` family and `has_any`/`has_all` (kernels/membership.ts). The list is turned into a hash set
 * or term index once: at plan time for literal lists, in `prepare` when the right side is a
 * subquery (its first column) or holds non-constant expressions evaluated once. A null left side:
 * `in`/`in~`/`has_any`/`has_all` false, `!in`/`!in~` true (§5.2). String columns use the
 * dictionary-memoised kernel.
 */
export class MembershipExpr extends BaseExpr {
  readonly type: KqlType = 'bool';
  private matcher: Matcher | null = null;
  /** Set when some list element reads columns: the list is then rebuilt per row. */
  private readonly rowDependent: boolean;
  /** Subquery values, fetched once, for the row-dependent path. */
  private fixedValues: ScalarValue[] = [];

  constructor(
    readonly op: MembershipOp,
    readonly left: PhysicalExpr,
    readonly values: readonly PhysicalExpr[],
    readonly subquery: ExecutionPlan | null,
  ) {
    super();
    this.rowDependent = values.some((v) => columnsRead(v).length > 0);
    if (subquery === null && values.every((v) => v instanceof LiteralExpr)) {
      this.matcher = this.build(flatten(values.map((v) => (v as LiteralExpr).value)));
    }
  }

  override children(): readonly PhysicalExpr[] {
    return [this.left, ...this.values];
  }

  get negated(): boolean {
    return this.op === '!in' || this.op === '!in~';
  }

  override async prepare(ctx: ExecContext): Promise<void> {
    await super.prepare(ctx);
    if (this.matcher !== null) return;
    const list: ScalarValue[] = [];
    if (!this.rowDependent) {
      // Constant (but not literal) list elements: evaluate once on a one-row, no-column chunk.
      const one: Chunk = { schema: { columns: [] }, columns: [], length: 1, selection: Uint32Array.of(0) };
      for (const v of this.values) {
        const r = v.evaluate(one, one.selection);
        list.push(r.kind === 'scalar' ? r.value : valueAt(r.column, 0));
      }
    }
    if (this.subquery !== null) {
      for await (const chunk of this.subquery.execute(ctx)) {
        const first = chunk.columns[0];
        if (first === undefined) continue;
        for (const row of chunk.selection) list.push(valueAt(first, row));
      }
    }
    if (this.rowDependent) this.fixedValues = flatten(list);
    else this.matcher = this.build(flatten(list));
  }

  private build(values: readonly ScalarValue[]): Matcher {
    let test: (v: Exclude<ScalarValue, null>) => boolean;
    if (this.op === 'has_any' || this.op === 'has_all') {
      const index = new TermIndex(needleTexts(values));
      test = this.op === 'has_any' ? (v) => index.any(membershipText(v)) : (v) => index.all(membershipText(v));
    } else {
      const set = new ValueSet(values, this.op === 'in~' || this.op === '!in~');
      test = this.op === 'in~' || this.op === '!in~' ? (v) => set.hasString(membershipText(v)) : (v) => set.hasValue(v);
    }
    // Case-sensitive `in` of strings only: byte equality on plain UTF-8 columns.
    const strings = values.filter((v): v is string => typeof v === 'string');
    const utf8 = (this.op === 'in' || this.op === '!in') && strings.length === values.filter((v) => v !== null).length
      ? utf8EqualsAnyTest(strings) : undefined;
    return { test, stringMemo: new StringTestMemo((s) => test(s), utf8) };
  }

  private ready(): Matcher {
    if (this.matcher === null) throw new Error('internal: membership list used before prepare()');
    return this.matcher;
  }

  private compute(m: Matcher, v: ScalarValue): boolean {
    if (v === null) return this.negated;
    return m.test(v) !== this.negated;
  }

  override select(chunk: Chunk, selection: Uint32Array, out?: Uint32Array): Uint32Array {
    if (this.rowDependent) return selectTrue(this.evaluateRowwise(chunk, selection), selection, out);
    const m = this.ready();
    const l = this.left.evaluate(chunk, selection);
    if (l.kind === 'array' && l.column.rep === 'string') return m.stringMemo.select(l.column, selection, !this.negated, out);
    return selectTrue(this.generic(m, l, chunk.length, selection), selection, out);
  }

  evaluate(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    if (this.rowDependent) return this.evaluateRowwise(chunk, selection);
    const m = this.ready();
    const l = this.left.evaluate(chunk, selection);
    if (l.kind === 'array' && l.column.rep === 'string') {
      return array(m.stringMemo.evaluate(l.column, selection, !this.negated));
    }
    return this.generic(m, l, chunk.length, selection);
  }

  private generic(m: Matcher, l: ColumnarValue, length: number, selection: Uint32Array): ColumnarValue {
    if (l.kind === 'scalar') return scalar(this.compute(m, l.value));
    const values = new Uint8Array(length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      values[row] = this.compute(m, valueAt(l.column, row)) ? TRUE : FALSE;
    }
    return array({ rep: 'bool', length, values });
  }

  /** `x in (y, "a")` with column elements: the list is built per row (no plan-time hoisting possible). */
  private evaluateRowwise(chunk: Chunk, selection: Uint32Array): ColumnarValue {
    const left = this.left.evaluate(chunk, selection);
    const lists = this.values.map((v) => v.evaluate(chunk, selection));
    const out = new Uint8Array(chunk.length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      const list = flatten(lists.map((l) => (l.kind === 'scalar' ? l.value : valueAt(l.column, row))));
      const m = this.build([...list, ...this.fixedValues]);
      out[row] = this.compute(m, left.kind === 'scalar' ? left.value : valueAt(left.column, row)) ? TRUE : FALSE;
    }
    return array({ rep: 'bool', length: chunk.length, values: out });
  }

  display(): string {
    const list = this.subquery !== null ? `(subquery ${this.subquery.name})` : `(${this.values.map((v) => v.display()).join(', ')})`;
    return `${this.left.display()} ${this.op} ${list}`;
  }
}

/** Dynamic arrays in the list contribute their elements (kql-semantics.md §5.3). */
function flatten(values: readonly ScalarValue[]): ScalarValue[] {
  const out: ScalarValue[] = [];
  for (const v of values) {
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}
