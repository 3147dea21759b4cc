import type { Diagnostic, Span } from '@kqlr/common/core';
import { suggestTimespanUnit, type LiteralIssue } from './literals.js';

/**
 * The only place that creates parser diagnostics (cf. Kusto.Language DiagnosticFacts). Codes are
 * stable kebab-case identifiers; messages say what is wrong, hints what to write instead.
 */

function error(code: string, span: Span, message: string, hint?: string): Diagnostic {
  return hint === undefined ? { code, severity: 'error', message, span } : { code, severity: 'error', message, span, hint };
}

// ---- lexical ----------------------------------------------------------------------------------

const CHARACTER_HINTS: Readonly<Record<string, string>> = {
  '&': "KQL has no '&&': use 'and'.",
  '!': "KQL has no '!' operator: use not(...), or a negated operator such as '!=' or '!has'.",
  '~': "'~' only appears in '=~', '!~', 'in~' and '!in~', written without spaces.",
  '#': "'#' does not start a comment in KQL: use '//'.",
};

export function unexpectedCharacter(span: Span, text: string): Diagnostic {
  const first = text[0] ?? '';
  const hint =
    CHARACTER_HINTS[first] ??
    (/[^\x00-\x7f]/.test(first)
      ? "Plain names are ASCII letters, digits and '_': quote other names as ['name']."
      : undefined);
  return error('unexpected-character', span, `Unexpected character '${text}'.`, hint);
}

export function blockComment(span: Span): Diagnostic {
  return error('block-comment', span, "KQL has no block comments ('/* ... */').", "Use '//' at the start of each comment line.");
}

export function literalIssue(issue: LiteralIssue, span: Span): Diagnostic {
  switch (issue.kind) {
    case 'invalid-escape':
      return error(
        'invalid-escape',
        { start: span.start + issue.offset, end: span.start + issue.offset + issue.length },
        `Invalid escape sequence '${issue.sequence}' in a string literal.`,
        'Valid escapes are \\" \\\' \\\\ \\t \\n \\r \\a \\b \\f \\v \\uXXXX \\UXXXXXXXX \\xHH and octal \\NNN; ' +
          'or use a verbatim string @"..." where a backslash is an ordinary character.',
      );
    case 'unterminated-string':
      return error('unterminated-string', span, 'This string literal is not closed on its line.', 'Add the closing quote; use ```...``` for text that spans lines.');
    case 'invalid-timespan-unit': {
      const suggestion = suggestTimespanUnit(issue.unit);
      const number = issue.text.slice(0, issue.text.length - issue.unit.length);
      const hint =
        suggestion === 'd' && /^w/i.test(issue.unit)
          ? `Weeks are not a timespan unit: write the number of days (${number === '' ? '7' : `${Number(number) * 7}`}d).`
          : suggestion !== null
            ? `Did you mean ${number}${suggestion}? Units are lower case: d, h, m, s, ms, microsecond, tick, ...`
            : 'Timespan units are d, h, m, s, ms, micro, nano, tick and their long forms (day, hours, min, seconds, ...), in lower case.';
      return error('invalid-timespan-unit', span, `'${issue.text}' is not a valid timespan: unknown unit '${issue.unit}'.`, hint);
    }
    case 'invalid-number':
      return error('invalid-number', span, `'${issue.text}' is not a valid number.`, 'Numbers are digits (1, 0x1F), reals (1.5, 5., 1e5) or timespans (1d, 1.5h).');
    case 'number-out-of-range':
      return error('number-out-of-range', span, `'${issue.text}' is out of range for type ${issue.type}.`);
    case 'invalid-typed-literal':
      return error(
        'invalid-typed-literal',
        span,
        `'${issue.content}' is not a valid ${issue.typeName} literal.`,
        `Write ${issue.typeName}(...) with ${issue.expected}.`,
      );
    case 'unknown-typed-literal':
      return error(
        'unknown-typed-literal',
        span,
        `There is no ${issue.typeName}(...) literal.`,
        issue.typeName === 'string'
          ? 'Strings have no null: use "" (the empty string).'
          : issue.typeName === 'boolean'
            ? 'Use bool(...), for example bool(null).'
            : undefined,
      );
  }
}

// ---- syntax -----------------------------------------------------------------------------------

export function syntaxError(span: Span, message: string, hint?: string): Diagnostic {
  return error('syntax-error', span, message, hint);
}

export function keywordAsName(span: Span, word: string): Diagnostic {
  return error('keyword-as-name', span, `'${word}' is a keyword and cannot be used as a bare name.`, `Write ['${word}'] to use it as a name.`);
}

export function chainedComparison(span: Span, operator: string): Diagnostic {
  return error(
    'chained-comparison',
    span,
    `'${operator}' cannot follow another operator of its precedence level: comparisons and string operators do not chain.`,
    'Add parentheses, for example (a == b) == c, or combine the tests with and.',
  );
}

export function invalidNegation(span: Span, text: string): Diagnostic {
  const word = text.slice(1);
  const hint =
    word === 'has_any' || word === 'has_all' || word === 'matches'
      ? `There is no '${text}': write not(x ${word === 'matches' ? 'matches regex' : word} ...).`
      : `There is no '${text}' operator: write not(...), or use a negated operator such as !has or !contains.`;
  return error('invalid-negation', span, `'${text}' is not an operator.`, hint);
}

export function straySemicolon(span: Span): Diagnostic {
  return error('unexpected-semicolon', span, "Unexpected ';': there is no statement before it.", "Remove it: ';' ends a let or set statement, and ';;' is not allowed.");
}

export function repeatedUnary(span: Span): Diagnostic {
  return error('repeated-unary-operator', span, 'A sign cannot follow another sign.', 'Add parentheses: -(-1).');
}

export function missingQueryBody(span: Span): Diagnostic {
  return error('missing-query-body', span, 'The query has no tabular expression after its statements.', "Add a query after the last ';', for example a table name.");
}

// ---- structure checks done after parsing ------------------------------------------------------

export function invalidTypeName(span: Span, name: string): Diagnostic {
  return error(
    'unknown-type-name',
    span,
    `'${name}' is not a type name.`,
    'Types are bool, int, long, real, decimal, string, datetime, timespan, guid and dynamic (aliases: boolean, double, date, time).',
  );
}

export function invalidUnionKind(span: Span, kind: string): Diagnostic {
  return error('invalid-union-kind', span, `'${kind}' is not a union kind.`, 'Use kind=inner or kind=outer.');
}

export function duplicateUnionOption(span: Span, option: string): Diagnostic {
  return error('duplicate-union-option', span, `The union option '${option}' is given twice.`);
}

export function detachedSign(span: Span): Diagnostic {
  return error('detached-sign', span, 'A sign in a datatable value must be attached to its number.', 'Write -1, not - 1.');
}

export function invalidSignedLiteral(span: Span, where: 'datatable' | 'dynamic'): Diagnostic {
  return error(
    'invalid-sign',
    span,
    where === 'dynamic' ? "Inside dynamic(...) only a number may have a sign, and only '-'." : 'Only a number or a timespan may have a sign.',
  );
}

export function datatableValueCount(span: Span, values: number, columns: number): Diagnostic {
  return error(
    'datatable-value-count',
    span,
    `The datatable has ${values} value${values === 1 ? '' : 's'}, not a multiple of its ${columns} column${columns === 1 ? '' : 's'}.`,
    'Give one value per column for every row.',
  );
}

export function datatableNotALiteral(span: Span): Diagnostic {
  return error('datatable-invalid-value', span, 'A datatable value must be a literal.', 'datetime() means now and is not a constant: write datetime(2024-01-01).');
}

export function emptyListElement(span: Span, where: 'datatable' | 'dynamic array' | 'dynamic object'): Diagnostic {
  return error('empty-list-element', span, `Unexpected ',' in a ${where}: an element is missing.`);
}

export function dynamicTrailingComma(span: Span): Diagnostic {
  return error('dynamic-trailing-comma', span, 'A dynamic literal cannot end with a comma.', 'Remove the last comma: dynamic([1, 2]).');
}

export function invalidDynamicValue(span: Span, text: string, reason: string): Diagnostic {
  return error('invalid-dynamic-value', span, `'${text}' is not allowed inside dynamic(...): ${reason}.`);
}

export function dynamicKeyNotQuoted(span: Span, key: string): Diagnostic {
  return error('dynamic-unquoted-key', span, `Property names in dynamic(...) must be quoted strings.`, `Write '${key}': ... instead of ${key}: ...`);
}

export function invalidColumnPattern(span: Span): Diagnostic {
  return error(
    'invalid-column-pattern',
    span,
    'Column names in project-away must be separated by commas, and a wildcard pattern cannot use a bracketed name.',
    "Write 'a, b' or a wildcard pattern such as 'a*' without spaces.",
  );
}

export function internalError(span: Span, detail: string): Diagnostic {
  return error('internal-error', span, `The parser failed on this query (${detail}).`, 'Please report this query.');
}
