import { hasMatcher, type HasMode } from '../kernels/has.js';
import { substringMatcher, type SubstringMode } from '../kernels/contains.js';
import { compileRegex, regexFinds } from '../kernels/regex.js';
import { utf8AffixTest, utf8EqualsAnyTest, type Utf8Test } from '../kernels/utf8-bytes.js';

/**
 * Table of the binary string predicates (kql-semantics.md §5.3). `build` prepares a matcher for
 * one needle (folding or regex compilation happen there, once per distinct needle); `negated`
 * marks the `!` forms, which are the exact complement on non-null input.
 */
export interface StringOpSpec {
  op: string;
  negated: boolean;
  build(needle: string): (haystack: string) => boolean;
  /** A byte-level form of `build(needle)` for plain UTF-8 columns, when one exists. */
  buildUtf8(needle: string): Utf8Test | undefined;
}

const positive: Record<string, (needle: string) => (h: string) => boolean> = {};

function addHas(name: string, mode: HasMode): void {
  positive[name] = (n) => hasMatcher(n, mode, false);
  positive[`${name}_cs`] = (n) => hasMatcher(n, mode, true);
}
function addSubstring(name: string, mode: SubstringMode): void {
  positive[name] = (n) => substringMatcher(n, mode, false);
  positive[`${name}_cs`] = (n) => substringMatcher(n, mode, true);
}
addHas('has', 'has');
addHas('hasprefix', 'hasprefix');
addHas('hassuffix', 'hassuffix');
addSubstring('contains', 'contains');
addSubstring('startswith', 'startswith');
addSubstring('endswith', 'endswith');
positive['=~'] = (n) => substringMatcher(n, 'equals', false);
positive['=='] = (n) => substringMatcher(n, 'equals', true);
positive['matches regex'] = (n) => {
  const re = compileRegex(n);
  return (h) => regexFinds(re, h);
};

/** Byte-level kernels of the positive forms that have one (kernels/utf8-bytes.ts). */
const positiveUtf8: Record<string, (needle: string) => Utf8Test | undefined> = {
  startswith: (n) => utf8AffixTest(n, 'startswith', false),
  startswith_cs: (n) => utf8AffixTest(n, 'startswith', true),
  endswith: (n) => utf8AffixTest(n, 'endswith', false),
  endswith_cs: (n) => utf8AffixTest(n, 'endswith', true),
  '==': (n) => utf8EqualsAnyTest([n]),
};
const noUtf8 = (): undefined => undefined;

const NEGATED_BASE: Record<string, string> = { '!~': '=~', '!=': '==' };

export function stringOpSpec(op: string): StringOpSpec | null {
  const direct = positive[op];
  if (direct !== undefined) return { op, negated: false, build: direct, buildUtf8: positiveUtf8[op] ?? noUtf8 };
  const base = NEGATED_BASE[op] ?? (op.startsWith('!') ? op.slice(1) : null);
  if (base === null) return null;
  const build = positive[base];
  return build === undefined || base === 'matches regex' ? null : { op, negated: true, build, buildUtf8: positiveUtf8[base] ?? noUtf8 };
}
