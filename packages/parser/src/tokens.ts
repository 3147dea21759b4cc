import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain-runtime.js';

/**
 * KQL tokens (kql-semantics.md §1). Order matters: chevrotain tries tokens in `allTokens` order and
 * takes the first match, so longer and more specific patterns come first. Every keyword and word
 * operator ends with a word-boundary lookahead, so `wherever`, `order` (vs `or`) and `has_any_x`
 * are not split; `!has` forms could not use `longer_alt` (no identifier starts with `!`), so one
 * mechanism serves all of them.
 *
 * Categories:
 * - `Name`: anything usable as a bare name (identifiers and the soft keywords of §1).
 * - `Keyword`: hard keywords that must be bracketed to be used as names (only for error hints).
 * - `TypeKeyword`: type names usable in `datatable` schemas and `typeof(...)`.
 * - `StringLiteral`, `NumberLiteral`: literal families.
 * - `StringOperator`, `RelationalOperator`, ...: one category per precedence level (§5.1).
 */

const WORD_END = '(?![A-Za-z0-9_])';

/*
 * Start-up: every token states the characters it can start with (`start_chars_hint`) and whether
 * it can span lines (`line_breaks`). Without them chevrotain parses each pattern's regex source
 * to work both out, which was most of the lexer's construction time on every CLI start (~60-100
 * ms). tokens.test.ts lexes a corpus with these hints and with chevrotain's unoptimised safe mode
 * and requires identical tokens, so a wrong hint cannot go unnoticed.
 */
const DIGITS = [...'0123456789'];
const NAME_STARTS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$'];
const first = (word: string): string[] => [word[0]!];

// ---- categories -------------------------------------------------------------------------------
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
export const TypeKeyword = createToken({ name: 'TypeKeyword', pattern: Lexer.NA, label: 'a type name' });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA, label: 'a string' });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: Lexer.NA, label: 'a number' });
/** Level 3: `==`, `!=` (the `in`/`between` families have their own rules). */
export const EqualityOperator = createToken({ name: 'EqualityOperator', pattern: Lexer.NA });
/** The `in` family and `has_any`/`has_all`: all take a parenthesised list. */
export const InOperator = createToken({ name: 'InOperator', pattern: Lexer.NA });
export const BetweenOperator = createToken({ name: 'BetweenOperator', pattern: Lexer.NA });
/** Level 4: `<`, `<=`, `>`, `>=`. */
export const RelationalOperator = createToken({ name: 'RelationalOperator', pattern: Lexer.NA });
/** Level 5: `+`, `-`. */
export const AdditiveOperator = createToken({ name: 'AdditiveOperator', pattern: Lexer.NA });
/** Level 6: `*`, `/`, `%`. */
export const MultiplicativeOperator = createToken({ name: 'MultiplicativeOperator', pattern: Lexer.NA });
/** Level 7: `=~`, `!~`, `has`, `contains`, ... and `matches regex`. */
export const StringOperator = createToken({ name: 'StringOperator', pattern: Lexer.NA });

// ---- trivia -----------------------------------------------------------------------------------
/**
 * Kusto.Language's whitespace set, probed character by character: tab, LF, form feed, CR, space,
 * NBSP, U+1680, U+180E, U+2000-U+200B (so the zero-width space separates tokens), U+202F, U+205F,
 * U+3000 and the BOM. Not JS `\s`: vertical tab, U+0085, U+2028 and U+2029 are not whitespace
 * for Kusto, so a query holding one is rejected as an unexpected character.
 */
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[\t\n\f\r \u00A0\u1680\u180E\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/,
  start_chars_hint: [
    ...'\t\n\f\r \u00A0\u1680\u180E\u202F\u205F\u3000\uFEFF',
    ...Array.from({ length: 0x200b - 0x2000 + 1 }, (_, i) => String.fromCharCode(0x2000 + i)),
  ],
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/**
 * Runs to the end of the line. Kusto.Language also ends a comment at U+2028/U+2029 and takes that
 * one character as the comment's line end (elsewhere they are not whitespace, so a second one is an
 * error).
 */
export const Comment = createToken({
  name: 'Comment',
  pattern: /\/\/[^\r\n\u2028\u2029]*[\u2028\u2029]?/,
  start_chars_hint: ['/'],
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/**
 * KQL has no block comments. `/* ... *\/` (to the end of the text if unclosed) goes to the `errors`
 * group: reported once by parse-query.ts and kept out of the parser's token stream.
 */
export const BlockComment = createToken({
  name: 'BlockComment', pattern: /\/\*[\s\S]*?(?:\*\/|(?![\s\S]))/, start_chars_hint: ['/'], group: 'errors', line_breaks: true,
});

// ---- names ------------------------------------------------------------------------------------
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_$][A-Za-z0-9_]*/,
  start_chars_hint: NAME_STARTS,
  line_breaks: false,
  categories: [Name],
  label: 'a name',
});
/** `['name']` / `["name"]`: a name that may be a keyword or contain any character. */
export const BracketedName = createToken({
  name: 'BracketedName',
  pattern: /\[[^\S\r\n]*(?:'(?:[^'\\\r\n]|\\[^\r\n])*'|"(?:[^"\\\r\n]|\\[^\r\n])*")[^\S\r\n]*\]/,
  start_chars_hint: ['['],
  line_breaks: false,
  label: "a bracketed name ['...']",
});

function keyword(name: string, word: string, categories: TokenType[] = []): TokenType {
  return createToken({
    name,
    pattern: new RegExp(`${word}${WORD_END}`),
    start_chars_hint: first(word),
    line_breaks: false,
    categories: [Keyword, ...categories],
    label: `'${word}'`,
  });
}

function softKeyword(name: string, word: string): TokenType {
  return createToken({
    name, pattern: new RegExp(`${word}${WORD_END}`), start_chars_hint: first(word), line_breaks: false, categories: [Name], label: `'${word}'`,
  });
}

// Soft keywords: keywords in some positions, ordinary names everywhere else (§1).
export const Let = softKeyword('Let', 'let');
export const Count = softKeyword('Count', 'count');
export const Filter = softKeyword('Filter', 'filter');
export const Extend = softKeyword('Extend', 'extend');
export const Sort = softKeyword('Sort', 'sort');
export const Order = softKeyword('Order', 'order');
export const Take = softKeyword('Take', 'take');
export const Limit = softKeyword('Limit', 'limit');
export const Nulls = softKeyword('Nulls', 'nulls');
export const Inner = softKeyword('Inner', 'inner');
export const Outer = softKeyword('Outer', 'outer');
export const Typeof = softKeyword('Typeof', 'typeof');

// Hard keywords (§1): must be bracketed to be used as names.
export const ProjectAway = keyword('ProjectAway', 'project-away');
export const ProjectRename = keyword('ProjectRename', 'project-rename');
export const Project = keyword('Project', 'project');
export const Where = keyword('Where', 'where');
export const By = keyword('By', 'by');
export const Asc = keyword('Asc', 'asc');
export const Desc = keyword('Desc', 'desc');
export const First = keyword('First', 'first');
export const Last = keyword('Last', 'last');
export const Union = keyword('Union', 'union');
export const Kind = keyword('Kind', 'kind');
export const WithSource = keyword('WithSource', 'withsource');
export const DataTable = keyword('DataTable', 'datatable');
export const Print = keyword('Print', 'print');
export const Set = keyword('Set', 'set');
export const And = keyword('And', 'and');
export const Or = keyword('Or', 'or');
export const To = keyword('To', 'to');
export const Of = keyword('Of', 'of');
export const As = keyword('As', 'as');
/** All documented spellings: `true`, `TRUE`, `True` (KqlTokens.g4). */
export const True = createToken({
  name: 'True', pattern: new RegExp(`(?:true|TRUE|True)${WORD_END}`), start_chars_hint: ['t', 'T'], line_breaks: false, categories: [Keyword], label: "'true'",
});
export const False = createToken({
  name: 'False', pattern: new RegExp(`(?:false|FALSE|False)${WORD_END}`), start_chars_hint: ['f', 'F'], line_breaks: false, categories: [Keyword], label: "'false'",
});

// Type names. `bool` and `guid` are soft (§1), so they stay identifiers and the grammar accepts a
// Name where a type is expected.
export const DynamicKw = keyword('DynamicKw', 'dynamic', [TypeKeyword]);
export const DateTimeKw = keyword('DateTimeKw', 'datetime', [TypeKeyword]);
export const DateKw = keyword('DateKw', 'date', [TypeKeyword]);
export const TimeSpanKw = keyword('TimeSpanKw', 'timespan', [TypeKeyword]);
export const TimeKw = keyword('TimeKw', 'time', [TypeKeyword]);
export const LongKw = keyword('LongKw', 'long', [TypeKeyword]);
export const IntKw = keyword('IntKw', 'int', [TypeKeyword]);
export const RealKw = keyword('RealKw', 'real', [TypeKeyword]);
export const DoubleKw = keyword('DoubleKw', 'double', [TypeKeyword]);
export const StringKw = keyword('StringKw', 'string', [TypeKeyword]);
export const DecimalKw = keyword('DecimalKw', 'decimal', [TypeKeyword]);
export const BooleanKw = keyword('BooleanKw', 'boolean', [TypeKeyword]);

/**
 * `datetime(...)`, `timespan(...)`, `guid(...)`, `long(...)`, `int(...)`, `real(...)`, ... are one
 * token each: their contents (`2024-01-01 10:00`, `1.02:00:00`, a GUID) are not KQL tokens.
 * The `(` must follow the keyword directly (`datetime (x)` is an error in Kusto.Language).
 * `literals.ts` validates the text per type; `string(...)` and `boolean(...)` are lexed only so
 * that the error can explain that they do not exist.
 */
export const TypedLiteral = createToken({
  name: 'TypedLiteral',
  // Line breaks (U+2028/U+2029 too, as for Kusto.Language) end the token: `datetime(2020\u2028)` is an error.
  pattern: /(?:datetime|date|timespan|time|guid|long|int|real|double|decimal|bool|boolean|string)\([^()\r\n\u2028\u2029]*\)/,
  start_chars_hint: [...'dtglirbs'],
  line_breaks: false,
  label: 'a typed literal',
});

// ---- string literals (§1.1) -------------------------------------------------------------------
function stringToken(name: string, pattern: RegExp, starts: string, lineBreaks = false): TokenType {
  return createToken({ name, pattern, start_chars_hint: [...starts], line_breaks: lineBreaks, categories: [StringLiteral], label: 'a string' });
}
export const MultiLineString = stringToken('MultiLineString', /```[\s\S]*?```|~~~[\s\S]*?~~~/, '`~', true);
/** `h"..."`, `H'...'`, `h@"..."`: obfuscated literals, same value as without the prefix. */
export const ObfuscatedString = stringToken(
  'ObfuscatedString',
  /[hH](?:@(?:"(?:[^"\r\n]|"")*"|'(?:[^'\r\n]|'')*')|"(?:[^"\\\r\n]|\\[^\r\n])*"|'(?:[^'\\\r\n]|\\[^\r\n])*')/,
  'hH',
);
export const VerbatimString = stringToken('VerbatimString', /@(?:"(?:[^"\r\n]|"")*"|'(?:[^'\r\n]|'')*')/, '@');
export const QuotedString = stringToken('QuotedString', /"(?:[^"\\\r\n]|\\[^\r\n])*"|'(?:[^'\\\r\n]|\\[^\r\n])*'/, `"'`);
/** A quote that is not closed on its line; kept as a string so only one error is reported. */
export const UnterminatedString = stringToken(
  'UnterminatedString',
  /@?(?:"(?:[^"\\\r\n]|\\[^\r\n])*|'(?:[^'\\\r\n]|\\[^\r\n])*)\\?/,
  `@"'`,
);

// ---- numbers and timespans (§1.2) -------------------------------------------------------------
/** Units longest first so `ms` is not read as `m` + `s`; lower case only. */
const TIMESPAN_UNIT_PATTERN = [
  'milliseconds', 'millisecond', 'microseconds', 'microsecond', 'nanoseconds', 'nanosecond',
  'millisec', 'microsec', 'nanosec', 'minutes', 'seconds', 'millis', 'micros', 'minute', 'second',
  'milli', 'micro', 'nanos', 'hours', 'ticks', 'nano', 'days', 'hour', 'tick',
  'hrs', 'min', 'sec', 'day', 'hr', 'ms', 'd', 'h', 'm', 's',
].join('|');
export const TimespanLiteral = createToken({
  name: 'TimespanLiteral',
  pattern: new RegExp(`\\d+(?:\\.\\d+)?(?:${TIMESPAN_UNIT_PATTERN})${WORD_END}`),
  start_chars_hint: DIGITS,
  line_breaks: false,
  label: 'a timespan',
});
export const HexLiteral = createToken({
  name: 'HexLiteral', pattern: new RegExp(`0[xX][0-9a-fA-F]+${WORD_END}`), start_chars_hint: ['0'], line_breaks: false, categories: [NumberLiteral], label: 'a number',
});
/** `1.0`, `5.`, `1e5`, `1.5e-3`; `1..2` (between) is a long followed by `..`. */
export const RealLiteral = createToken({
  name: 'RealLiteral',
  pattern: new RegExp(`(?:\\d+\\.(?!\\.)\\d*(?:[eE][+-]?\\d+)?|\\d+[eE][+-]?\\d+)${WORD_END}`),
  start_chars_hint: DIGITS,
  line_breaks: false,
  categories: [NumberLiteral],
  label: 'a number',
});
/**
 * Not followed by `.` and a word character: a real would have matched before, so `5.h` or `1.5e3d`
 * is one malformed number (BadNumber), not a path on a number. `1..2` stays a long and `..`.
 */
export const LongLiteral = createToken({
  name: 'LongLiteral', pattern: new RegExp(`\\d+(?![A-Za-z0-9_]|\\.[A-Za-z0-9_])`), start_chars_hint: DIGITS, line_breaks: false,
  categories: [NumberLiteral], label: 'a number',
});
/**
 * A digit-led word that is none of the above (`1w`, `1D`, `1mins`, `5.h`, `1e`, `0x`). Kusto.Language
 * reads these as names; we reject them at parse time with a specific message (literals.ts).
 */
export const BadNumber = createToken({
  name: 'BadNumber', pattern: /\d[A-Za-z0-9_]*(?:\.(?!\.)[A-Za-z0-9_]*)?/, start_chars_hint: DIGITS, line_breaks: false, label: 'a number',
});

// ---- operators and punctuation ----------------------------------------------------------------
/** `label` is the operator's text, so its first character is the only one the token starts with. */
function op(name: string, pattern: RegExp, label: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern, start_chars_hint: first(label), line_breaks: false, categories, label: `'${label}'` });
}
function wordOp(name: string, word: string, categories: TokenType[]): TokenType {
  const escaped = word.replace(/[~!]/g, (c) => `\\${c}`);
  return createToken({
    name, pattern: new RegExp(`${escaped}${WORD_END}`), start_chars_hint: first(word), line_breaks: false, categories: [Keyword, ...categories], label: `'${word}'`,
  });
}

export const MatchesRegex = wordOp('MatchesRegex', 'matches regex', [StringOperator]);

/** The string operators of level 7, each with its `!` and `_cs` forms (§5.3). */
const STRING_OPERATOR_WORDS = ['hasprefix', 'hassuffix', 'has', 'contains', 'startswith', 'endswith'];
export const StringWordOperators: TokenType[] = STRING_OPERATOR_WORDS.flatMap((w) => [
  `${w}_cs`, w, `!${w}_cs`, `!${w}`,
]).map((w) => wordOp(`Op_${w.replace('!', 'not_')}`, w, [StringOperator]));

export const HasAny = wordOp('HasAny', 'has_any', [InOperator]);
export const HasAll = wordOp('HasAll', 'has_all', [InOperator]);
export const NotInTilde = op('NotInTilde', /!in~/, '!in~', [InOperator]);
export const NotIn = wordOp('NotIn', '!in', [InOperator]);
export const InTilde = op('InTilde', /in~/, 'in~', [InOperator]);
export const In = wordOp('In', 'in', [InOperator]);
export const NotBetween = wordOp('NotBetween', '!between', [BetweenOperator]);
export const Between = wordOp('Between', 'between', [BetweenOperator]);
/** `!has_any`, `!matches`, `!x`: not operators; lexed whole so the error can suggest `not(...)`. */
export const BadNegation = createToken({ name: 'BadNegation', pattern: /![A-Za-z_][A-Za-z0-9_]*/, start_chars_hint: ['!'], line_breaks: false, label: "'!'" });

export const EqualEqual = op('EqualEqual', /==/, '==', [EqualityOperator]);
export const NotEqual = op('NotEqual', /!=/, '!=', [EqualityOperator]);
export const EqualTilde = op('EqualTilde', /=~/, '=~', [StringOperator]);
export const NotTilde = op('NotTilde', /!~/, '!~', [StringOperator]);
export const LessEqual = op('LessEqual', /<=/, '<=', [RelationalOperator]);
export const GreaterEqual = op('GreaterEqual', />=/, '>=', [RelationalOperator]);
export const Less = op('Less', /</, '<', [RelationalOperator]);
export const Greater = op('Greater', />/, '>', [RelationalOperator]);
export const Equals = op('Equals', /=/, '=');
export const Plus = op('Plus', /\+/, '+', [AdditiveOperator]);
export const Minus = op('Minus', /-/, '-', [AdditiveOperator]);
export const Star = op('Star', /\*/, '*', [MultiplicativeOperator]);
export const Slash = op('Slash', /\//, '/', [MultiplicativeOperator]);
export const Percent = op('Percent', /%/, '%', [MultiplicativeOperator]);
export const DotDot = op('DotDot', /\.\./, '..');
export const Dot = op('Dot', /\./, '.');
export const Pipe = op('Pipe', /\|/, '|');
export const Comma = op('Comma', /,/, ',');
export const Semicolon = op('Semicolon', /;/, ';');
export const Colon = op('Colon', /:/, ':');
export const LParen = op('LParen', /\(/, '(');
export const RParen = op('RParen', /\)/, ')');
export const LBracket = op('LBracket', /\[/, '[');
export const RBracket = op('RBracket', /\]/, ']');
export const LBrace = op('LBrace', /\{/, '{');
export const RBrace = op('RBrace', /\}/, '}');

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  BlockComment,
  // literals before names: `h"x"` is a string, `datetime(...)` a literal, `1d` a timespan
  MultiLineString,
  ObfuscatedString,
  VerbatimString,
  QuotedString,
  UnterminatedString,
  TypedLiteral,
  TimespanLiteral,
  HexLiteral,
  RealLiteral,
  LongLiteral,
  BadNumber,
  BracketedName,
  // word operators before identifiers
  MatchesRegex,
  HasAny,
  HasAll,
  ...StringWordOperators,
  NotInTilde,
  NotIn,
  InTilde,
  In,
  NotBetween,
  Between,
  BadNegation,
  ProjectAway,
  ProjectRename,
  Project,
  Where,
  By,
  Asc,
  Desc,
  First,
  Last,
  Union,
  Kind,
  WithSource,
  DataTable,
  Print,
  Set,
  And,
  Or,
  To,
  Of,
  As,
  True,
  False,
  DynamicKw,
  DateTimeKw,
  DateKw,
  TimeSpanKw,
  TimeKw,
  LongKw,
  IntKw,
  RealKw,
  DoubleKw,
  StringKw,
  DecimalKw,
  BooleanKw,
  Let,
  Count,
  Filter,
  Extend,
  Sort,
  Order,
  Take,
  Limit,
  Nulls,
  Inner,
  Outer,
  Typeof,
  Identifier,
  // punctuation: multi-character operators first
  EqualEqual,
  NotEqual,
  EqualTilde,
  NotTilde,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  DotDot,
  Dot,
  Pipe,
  Comma,
  Semicolon,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  // categories last: they match nothing themselves
  Name,
  Keyword,
  TypeKeyword,
  StringLiteral,
  NumberLiteral,
  EqualityOperator,
  InOperator,
  BetweenOperator,
  RelationalOperator,
  AdditiveOperator,
  MultiplicativeOperator,
  StringOperator,
];

/**
 * `validate` checks the token definitions (unreachable tokens, bad patterns) and that every token
 * takes part in chevrotain's first-character optimisation (each states its `start_chars_hint`); it
 * costs startup time, so only the parser's own tests turn it on.
 */
export function createKqlLexer({ validate = false }: { validate?: boolean } = {}): Lexer {
  return new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: validate, skipValidations: !validate });
}

export const kqlLexer = createKqlLexer();
