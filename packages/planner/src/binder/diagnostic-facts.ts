import type { Diagnostic, KqlType, Span } from '@kqlr/common/core';
import { FUNCTIONS } from '../builtins.js';

const FUNCTION_NAMES: ReadonlySet<string> = new Set(FUNCTIONS.keys());

/**
 * Every semantic diagnostic of the binder is created here (the one factory module, like Kusto's
 * DiagnosticFacts). Codes are stable kebab-case identifiers; tests and tools key on them.
 */

function error(code: string, span: Span, message: string, hint?: string): Diagnostic {
  return hint === undefined ? { code, severity: 'error', message, span } : { code, severity: 'error', message, span, hint };
}

function warning(code: string, span: Span, message: string, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: 'warning', message, span }
    : { code, severity: 'warning', message, span, hint };
}

const didYouMean = (suggestion: string | null): string | undefined =>
  suggestion === null ? undefined : `did you mean '${suggestion}'?`;

/** Hints for names that are not values: a bare `null`, or a function written without parentheses. */
function nameHint(name: string, suggestion: string | null): string | undefined {
  if (name === 'null') return 'a bare null is not a value: write a typed null such as long(null)';
  if (FUNCTION_NAMES.has(name)) return `'${name}' is a function: call it as ${name}(...)`;
  return didYouMean(suggestion);
}

const typeList = (types: readonly KqlType[]): string =>
  types.length === 1 ? types[0]! : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;

export const DiagnosticFacts = {
  unknownColumn: (span: Span, name: string, scopeName: string | null, suggestion: string | null, removedBy: string | null = null) =>
    error(
      'unknown-column',
      span,
      scopeName === null ? `unknown column '${name}'` : `unknown column '${name}' in ${scopeName}`,
      removedBy === null ? nameHint(name, suggestion) : `'${name}' was removed by an earlier ${removedBy}`,
    ),

  unknownName: (span: Span, name: string, suggestion: string | null) =>
    error('unknown-name', span, `unknown name '${name}'`, nameHint(name, suggestion)),

  unknownTable: (span: Span, name: string, suggestion: string | null) =>
    error('unknown-table', span, `unknown table or tabular variable '${name}'`, didYouMean(suggestion)),

  unknownFunction: (span: Span, name: string, suggestion: string | null) =>
    error('unknown-function', span, `unknown function '${name}'`, didYouMean(suggestion)),

  letRedeclared: (span: Span, name: string) =>
    error('let-redeclared', span, `a variable named '${name}' has already been declared`, 'choose a different name'),

  duplicateColumn: (span: Span, name: string) =>
    error('duplicate-column', span, `duplicate column name '${name}'`, 'give the column a different name'),

  expectedBool: (span: Span, found: KqlType) =>
    error('expected-bool', span, `the predicate must be a bool, found ${found}`),

  operatorTypeMismatch: (span: Span, op: string, left: KqlType, right: KqlType, hint?: string) =>
    error('type-mismatch', span, `operator '${op}' cannot be applied to ${left} and ${right}`, hint),

  operandType: (span: Span, op: string, side: 'left' | 'right', expected: readonly KqlType[], found: KqlType) =>
    error('operand-type', span, `the ${side} operand of '${op}' must be ${typeList(expected)}, found ${found}`),

  argumentCount: (span: Span, fn: string, min: number, max: number, found: number) =>
    error(
      'argument-count',
      span,
      min === max
        ? `function '${fn}' takes ${min} argument${min === 1 ? '' : 's'}, found ${found}`
        : `function '${fn}' takes ${min} to ${max} arguments, found ${found}`,
    ),

  argumentType: (span: Span, fn: string, param: string, expected: readonly KqlType[], found: KqlType) =>
    error('argument-type', span, `argument '${param}' of '${fn}' must be ${typeList(expected)}, found ${found}`),

  argumentNotConstant: (span: Span, fn: string, param: string) =>
    error('argument-not-constant', span, `argument '${param}' of '${fn}' must be a constant, not a value of the row`,
      'write the pattern as a literal or a scalar let'),

  typeofMisplaced: (span: Span) =>
    error('typeof-misplaced', span, 'typeof(...) is only allowed as the type argument of extract()'),

  typeofExpected: (span: Span, fn: string) =>
    error('argument-type', span, `the last argument of '${fn}' must be a type such as typeof(long)`),

  unknownType: (span: Span, name: string) => error('unknown-type', span, `unknown type name '${name}'`),

  notDynamic: (span: Span, found: KqlType) =>
    error('not-dynamic', span, `only a dynamic value can be accessed with '.' or '[...]', found ${found}`,
      'convert with todynamic() or use a string function'),

  indexType: (span: Span, found: KqlType) =>
    error('index-type', span, `an index must be a string or an integer, found ${found}`),

  tabularExpected: (span: Span) => error('tabular-expected', span, 'a tabular expression is expected here'),

  scalarExpected: (span: Span, name: string | null) =>
    error(
      'scalar-expected',
      span,
      name === null ? 'a scalar expression is expected here' : `'${name}' is tabular; a scalar expression is expected here`,
    ),

  membershipMixedTabular: (span: Span) =>
    error('membership-tabular-mixed', span, 'a tabular expression must be the only element of the list'),

  membershipElementType: (span: Span, op: string, left: KqlType, found: KqlType) =>
    error('type-mismatch', span, `element of type ${found} cannot be used with '${op}' on a ${left} value`),

  betweenType: (span: Span, left: KqlType, low: KqlType, high: KqlType) =>
    error('type-mismatch', span, `between cannot compare ${left} with the range (${low} .. ${high})`),

  unaryType: (span: Span, op: string, found: KqlType) =>
    error('operand-type', span, `unary '${op}' needs a number, a timespan or a datetime, found ${found}`),

  takeNotInteger: (span: Span, found: string) =>
    error('take-not-integer', span, `take needs a non-negative integer constant, found ${found}`),

  sortKeyType: (span: Span, found: KqlType) =>
    error('sort-key-type', span, `cannot sort by a ${found} value`, 'convert it first, e.g. with tostring() or tolong()'),

  queryNowNotConstant: (span: Span) =>
    error('set-query-now', span, 'query_now must be a constant or identifier holding a datetime',
      'write set query_now = datetime(2024-05-01T00:00:00Z);'),

  queryNowType: (span: Span, found: KqlType) =>
    error('set-query-now', span, `query_now must be a datetime, found ${found}`,
      'write set query_now = datetime(2024-05-01T00:00:00Z);'),

  setValueNotConstant: (span: Span) =>
    error('set-value', span, 'the value of a set option must be a constant or an identifier'),

  setOptionIgnored: (span: Span, name: string) =>
    warning('set-option-ignored', span, `the option '${name}' has no effect in kql-replay and is ignored`),

  datatableValueCount: (span: Span, values: number, columns: number) =>
    error('datatable-value-count', span, `datatable has ${values} values, not a multiple of its ${columns} columns`),

  datatableValueType: (span: Span, column: string, expected: KqlType, found: KqlType) =>
    error('datatable-value-type', span, `value of type ${found} does not fit column '${column}' of type ${expected}`),

  wildcardNoMatch: (span: Span, pattern: string) =>
    error('unknown-column', span, `the pattern '${pattern}' matches no column`),

  bodyMissing: (span: Span) => error('tabular-expected', span, 'the query has no tabular expression'),
} as const;
