import type { Diagnostic, Span } from '@kqlr/common/core';

/**
 * Hard limits on query text, checked by a linear scan before the recursive-descent parser runs:
 * the parser, binder, planner and executor recurse once per nesting level or chained operator, so
 * a hostile query (thousands of `(` or `not(`, a 10,000-term `and` chain) would otherwise overflow
 * the JavaScript stack. The numbers leave a wide margin under the depth at which the default Node
 * stack overflows (about 120 nested parentheses in the parser), and far above real detection rules.
 */
export const QUERY_LIMITS = {
  /** Nested `(`, `[`, `{` (a `not(...)` or function call counts one level). */
  maxNestingDepth: 64,
  /** Characters of query text (a 100,000-term `has_any` list is about 1.5 MB). */
  maxQueryLength: 8 * 1024 * 1024,
  /** Characters of one string literal, quotes included. */
  maxStringLiteralLength: 1024 * 1024,
  /** `|` operators in the whole query (each one is a plan level). */
  maxPipeOperators: 500,
  /** Binary operators chained at one nesting level between separators (`a and b and c ...`). */
  maxOperatorChain: 1000,
} as const;

export type QueryLimits = { readonly [K in keyof typeof QUERY_LIMITS]: number };

function limitError(code: string, span: Span, message: string, hint: string): Diagnostic {
  return { code, severity: 'error', message, span, hint };
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
const SEPARATORS = new Set([',', ';', '|']);
/** Symbols that chain binary operators; longer ones first so `<=` is not read as `<`. */
const SYMBOL_OPERATORS = ['==', '!=', '<=', '>=', '=~', '!~', '<>', '+', '-', '*', '/', '%', '<', '>'];
const WORD_OPERATORS = new Set(['and', 'or']);

/**
 * Diagnostics (errors) for every limit the text exceeds, at most one per limit, each with the span
 * of the first place it is exceeded. Never throws; linear in the text length. Strings and `//`
 * comments are skipped the way the lexer reads them, so brackets inside them do not count.
 */
export function checkQueryLimits(text: string, limits: QueryLimits = QUERY_LIMITS): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (text.length > limits.maxQueryLength) {
    out.push(
      limitError(
        'query-too-long',
        { start: limits.maxQueryLength, end: text.length },
        `query is longer than ${limits.maxQueryLength} characters (${text.length})`,
        'Split the query, or move long lists into a data file.',
      ),
    );
    return out;
  }
  let depth = 0;
  let pipes = 0;
  let depthReported = false;
  let pipesReported = false;
  let literalReported = false;
  let chainReported = false;
  const chains: number[] = [0];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    const literalEnd = stringLiteralEnd(text, i);
    if (literalEnd > i) {
      if (!literalReported && literalEnd - i > limits.maxStringLiteralLength) {
        literalReported = true;
        out.push(
          limitError(
            'string-literal-too-long',
            { start: i, end: literalEnd },
            `string literal is longer than ${limits.maxStringLiteralLength} characters (${literalEnd - i})`,
            'Match on a shorter distinctive part of the text.',
          ),
        );
      }
      i = literalEnd;
      continue;
    }
    if (OPEN.has(c)) {
      depth++;
      chains.push(0);
      if (depth > limits.maxNestingDepth && !depthReported) {
        depthReported = true;
        out.push(
          limitError(
            'query-too-deep',
            { start: i, end: i + 1 },
            `query nesting is deeper than ${limits.maxNestingDepth} levels`,
            'Flatten the expression: nested not(...) can be rewritten with negated operators, nested parentheses removed.',
          ),
        );
      }
      i++;
      continue;
    }
    if (CLOSE.has(c)) {
      if (depth > 0) {
        depth--;
        chains.pop();
      }
      i++;
      continue;
    }
    if (SEPARATORS.has(c)) {
      chains[chains.length - 1] = 0;
      if (c === '|' && ++pipes > limits.maxPipeOperators && !pipesReported) {
        pipesReported = true;
        out.push(
          limitError(
            'too-many-pipes',
            { start: i, end: i + 1 },
            `query has more than ${limits.maxPipeOperators} '|' operators`,
            'Combine consecutive where clauses with and, or split the query.',
          ),
        );
      }
      i++;
      continue;
    }
    let opLength = 0;
    if (isWordStart(text, i)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (WORD_OPERATORS.has(text.slice(i, j))) opLength = j - i;
      else {
        i = j;
        continue;
      }
    } else {
      for (const op of SYMBOL_OPERATORS) {
        if (text.startsWith(op, i)) {
          opLength = op.length;
          break;
        }
      }
    }
    if (opLength > 0) {
      const top = chains.length - 1;
      chains[top] = chains[top]! + 1;
      if (chains[top]! > limits.maxOperatorChain && !chainReported) {
        chainReported = true;
        out.push(
          limitError(
            'expression-too-long',
            { start: i, end: i + opLength },
            `expression chains more than ${limits.maxOperatorChain} operators`,
            "Use a list operator such as in(...) or has_any(...) instead of a long 'or' chain.",
          ),
        );
      }
      i += opLength;
      continue;
    }
    i++;
  }
  return out;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isWordStart(text: string, i: number): boolean {
  return isWordChar(text.charCodeAt(i)) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)));
}

/**
 * End (exclusive) of the string literal starting at `i`, or `i` when none starts there. Regular
 * strings end at their quote or line end (an unterminated one is the parser's to report);
 * verbatim `@"..."` strings double their quote; ``` and ~~~ strings may span lines.
 */
function stringLiteralEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '`' || c === '~') {
    const fence = c.repeat(3);
    if (!text.startsWith(fence, i)) return i;
    const close = text.indexOf(fence, i + 3);
    return close < 0 ? text.length : close + 3;
  }
  if (c === '@' && (text[i + 1] === '"' || text[i + 1] === "'")) {
    const q = text[i + 1]!;
    let j = i + 2;
    for (;;) {
      const k = text.indexOf(q, j);
      const nl = text.indexOf('\n', j);
      if (k < 0 || (nl >= 0 && nl < k)) return nl < 0 ? text.length : nl;
      if (text[k + 1] === q) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  }
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < text.length) {
      const d = text[j];
      if (d === '\\') j += 2;
      else if (d === c) return j + 1;
      else if (d === '\n' || d === '\r') return j;
      else j++;
    }
    return text.length;
  }
  return i;
}
