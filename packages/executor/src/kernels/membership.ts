import type { ScalarValue } from '@kqlr/common';
import { foldCase } from './fold.js';
import { toKqlString } from './to-string.js';

/**
 * The right side of `in`, `!in`, `in~`, `!in~` (kql-semantics.md §5.3): a set built once per plan.
 * `in` uses `==` semantics: strings case-sensitive, numbers numerically (int 1 equals long 1;
 * datetime ticks exact), bools by value. `in~` folds strings (fold.ts). Null elements never match;
 * a null left side is handled by the caller (`in` false, `!in` true).
 */
export class ValueSet {
  private readonly strings = new Set<string>();
  /** Numbers exactly representable as doubles. */
  private readonly numbers = new Set<number>();
  /** Integers beyond 2^53, kept exact. */
  private readonly bigints = new Set<bigint>();
  private readonly bools = new Set<boolean>();
  private readonly others = new Set<string>();

  constructor(
    values: readonly ScalarValue[],
    readonly caseInsensitive: boolean,
  ) {
    for (const v of values) this.add(v);
  }

  private add(v: ScalarValue): void {
    if (v === null) return;
    if (typeof v === 'string') this.strings.add(this.caseInsensitive ? foldCase(v) : v);
    else if (typeof v === 'number') this.numbers.add(v);
    else if (typeof v === 'bigint') {
      if (isSafe(v)) this.numbers.add(Number(v));
      else this.bigints.add(v);
    } else if (typeof v === 'boolean') this.bools.add(v);
    else this.others.add(JSON.stringify(v));
  }

  hasString(s: string): boolean {
    return this.strings.has(this.caseInsensitive ? foldCase(s) : s);
  }

  /** Whether a non-null value is in the set. */
  hasValue(v: Exclude<ScalarValue, null>): boolean {
    if (typeof v === 'string') return this.hasString(v);
    if (typeof v === 'number') return this.numbers.has(v) || (Number.isInteger(v) && this.bigints.has(BigInt(v)));
    if (typeof v === 'bigint') return isSafe(v) ? this.numbers.has(Number(v)) : this.bigints.has(v);
    if (typeof v === 'boolean') return this.bools.has(v);
    return this.others.has(JSON.stringify(v));
  }
}

function isSafe(v: bigint): boolean {
  return v <= 9007199254740991n && v >= -9007199254740991n;
}

export { TermIndex } from './term-index.js';

/** The text a has_any/has_all/in~ left side is matched as (a dynamic string is that string). */
export function membershipText(v: Exclude<ScalarValue, null>): string {
  return typeof v === 'string' ? v : toKqlString(v, null);
}

/** Needle text of a list element (null elements contribute nothing). */
export function needleTexts(values: readonly ScalarValue[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== null) out.push(typeof v === 'string' ? v : toKqlString(v, null));
  return out;
}
