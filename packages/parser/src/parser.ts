import type { CstNode, IParserErrorMessageProvider, IToken, Rule, TokenType } from 'chevrotain';
import { CstParser, LLkLookaheadStrategy } from './chevrotain-runtime.js';
import { GRAMMAR_GAST } from './grammar-gast.js';
import { PrecomputedLookaheadStrategy } from './precomputed-lookahead.js';
import { rulesFromTable } from './recorded-grammar.js';
import * as T from './tokens.js';

/** The self-analysis phase that computes error recovery's follow sets (chevrotain 11). */
const FOLLOWS_PHASE = 'computeAllProdsFollows';
/** The self-analysis phase that records every rule's productions (chevrotain 11). */
const RECORDING_PHASE = 'Grammar Recording';

/** Chevrotain's phase wrapper (a mixin method its typings leave out). */
interface Traced {
  TRACE_INIT<T>(phase: string, impl: () => T): T;
}

/** Chevrotain's grammar recorder for one rule (a mixin method its typings leave out). */
interface Recorder {
  topLevelRuleRecord(name: string, def: () => void): Rule;
}

export interface ParserOptions {
  validate?: boolean;
  eagerLookahead?: boolean;
  eagerFollows?: boolean;
  recordGrammar?: boolean;
}

/**
 * Pure chevrotain grammar for the kql-replay subset (no embedded actions; cst-to-ast.ts builds the
 * AST). Precedence is encoded by rule nesting, loosest first (kql-semantics.md §5.1). Levels 3, 4
 * and 7 do not chain in KQL; the grammar still accepts a chain (MANY) so that recovery goes on,
 * and cst-to-ast.ts reports every repeated operator as `chained-comparison` (`a == b == c`).
 *
 * ```
 * query            := ((letStatement | setStatement) ';' | ';')* [pipeExpression [';']]
 *                     (a stray ';' is an error production, reported by cst-to-ast.ts)
 * letStatement     := 'let' (declName | Keyword) '=' pipeExpression
 * setStatement     := 'set' Name ['=' orExpression]
 * pipeExpression   := pipeSource ('|' queryOperator)*
 * pipeSource       := dataTable | print | union | orExpression
 * queryOperator    := ('where' | 'filter') orExpression
 *                   | 'extend' namedExpr,+         | 'project' namedExpr,+
 *                   | 'project-away' columnPattern,+ | 'project-rename' (declName '=' declName),+
 *                   | ('sort' | 'order') 'by' sortKey,+
 *                   | ('take' | 'limit') orExpression | 'count' | union
 * union            := 'union' unionOption* unionLeg,+
 * unionOption      := 'kind' '=' Name | 'withsource' '=' declName
 * unionLeg         := declName | '(' pipeExpression ')'
 * dataTable        := 'datatable' '(' (declName ':' typeName),+ ')' '[' [signedLiteral,+ [',']] ']'
 * print            := 'print' namedExpr,+
 * namedExpr        := [declName '='] orExpression
 * sortKey          := orExpression ['asc' | 'desc'] ['nulls' ('first' | 'last')]
 * columnPattern    := (declName | '*')+               (parts must touch: `session*`)
 *
 * orExpression     := andExpression ('or' andExpression)*                        level 1
 * andExpression    := equalityExpr ('and' equalityExpr)*                         level 2
 * equalityExpr     := relationalExpr equalityTail*    (more than one: error)      level 3
 * equalityTail     := ('==' | '!=') relationalExpr | InOperator expressionList
 *                   | ('between' | '!between') '(' orExpression '..' orExpression ')'
 * relationalExpr   := additiveExpr (('<' | '<=' | '>' | '>=') additiveExpr)*  (1 max) level 4
 * additiveExpr     := multiplicativeExpr (('+' | '-') multiplicativeExpr)*      level 5
 * multiplicativeExpr := stringOpExpr (('*' | '/' | '%') stringOpExpr)*          level 6
 * stringOpExpr     := unaryExpr (StringOperator unaryExpr)*        (1 max)       level 7
 * unaryExpr        := ['-' | '+'] postfixExpr                                    level 8
 * postfixExpr      := primary ('.' selector | '[' orExpression ']' | BracketedName)*   level 9
 * primary          := literal | typeofExpr | Name ['(' [pipeExpression,+] ')'] | BracketedName
 *                   | '(' pipeExpression ')'
 * expressionList   := '(' pipeExpression,+ ')'
 * literal          := Number | Timespan | BadNumber | String+ | 'true' | 'false' | TypedLiteral | dynamic
 * dynamic          := 'dynamic' '(' jsonValue ')'
 * jsonValue        := '[' [jsonValue (',' [jsonValue])*] ']' | BracketedName
 *                   | '{' [jsonPair (',' [jsonPair])*] '}' | ['-' | '+'] (literal | Name)
 * ```
 *
 * `declName` is a Name (identifier or soft keyword) or a BracketedName (`['x']`). Some rules accept
 * more than the language (signs on strings, `[1,]`, unquoted keys, a Name in `dynamic`) so that
 * cst-to-ast.ts can report a precise diagnostic instead of a generic syntax error.
 */
export class KqlParser extends CstParser {
  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion). They cost startup
   * time on every run, so only grammar.test.ts turns them on. Lookahead comes from the
   * precomputed table (precomputed-lookahead.ts); `eagerLookahead` computes every lookahead function
   * up front as chevrotain does by default (tests compare the two). `eagerFollows` computes error
   * recovery's follow sets up front too (see TRACE_INIT). The productions come from the table in
   * grammar-gast.ts; `recordGrammar` records them from the rule bodies as chevrotain does.
   */
  constructor({ validate = false, eagerLookahead = false, eagerFollows = false, recordGrammar = false }: ParserOptions = {}) {
    super(T.allTokens, {
      recoveryEnabled: true,
      // The grammar is LL(2); a larger k only makes self-analysis (startup) slower.
      maxLookahead: 2,
      lookaheadStrategy: eagerLookahead ? new LLkLookaheadStrategy({ maxLookahead: 2 }) : new PrecomputedLookaheadStrategy(2),
      skipValidations: !validate,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: KQL_ERROR_MESSAGES,
    });
    this.followsUpFront = eagerFollows;
    this.tableRules = recordGrammar ? null : rulesFromTable(GRAMMAR_GAST, T.allTokens);
    this.performSelfAnalysis();
  }

  private readonly followsUpFront: boolean;
  private readonly tableRules: Map<string, Rule> | null;

  /**
   * When the table has every rule, the recording phase is replaced by storing the table's rules
   * where it would store the recorded ones: it also skips switching the parser's DSL methods to
   * their recording versions and deleting them again (~3 ms, and the deletes leave the parser
   * object in slow dictionary mode).
   */
  private useTableForAllRules(): boolean {
    const rules = this.tableRules;
    const self = this as unknown as { definedRulesNames: string[]; gastProductionsCache: Record<string, Rule> };
    if (rules === null || !self.definedRulesNames.every((name) => rules.has(name))) return false;
    for (const name of self.definedRulesNames) self.gastProductionsCache[name] = rules.get(name)!;
    return true;
  }

  /**
   * Start-up: a rule's productions from grammar-gast.ts instead of running its body in chevrotain's
   * recording mode (recorded-grammar.ts says why). A rule the table lacks is recorded.
   */
  topLevelRuleRecord(name: string, def: () => void): Rule {
    return this.tableRules?.get(name) ?? (CstParser.prototype as unknown as Recorder).topLevelRuleRecord.call(this, name, def);
  }

  /**
   * Start-up: error recovery's follow sets (chevrotain's `computeAllProdsFollows`, about a third
   * of self-analysis once lookahead is precomputed) are read only when the parser recovers from a
   * syntax error, so they are computed then, on first use, by the same phase code. Every other
   * self-analysis phase runs as chevrotain has it. (`TRACE_INIT` wraps each phase; chevrotain
   * 11 names this one `computeAllProdsFollows`; lazy-lookahead.test.ts checks the deferred sets
   * equal the eager ones, so a renamed phase cannot go unnoticed.)
   */
  TRACE_INIT<T>(phase: string, impl: () => T): T {
    if (phase === FOLLOWS_PHASE && !this.followsUpFront) {
      this.deferFollows(impl);
      return undefined as T;
    }
    if (phase === RECORDING_PHASE && this.useTableForAllRules()) return undefined as T;
    return (CstParser.prototype as unknown as Traced).TRACE_INIT.call(this, phase, impl) as T;
  }

  private deferFollows(compute: () => unknown): void {
    const self = this as unknown as { resyncFollows: unknown };
    Object.defineProperty(this, 'resyncFollows', {
      configurable: true,
      get(): unknown {
        // The phase assigns `this.resyncFollows`: make that a plain property first, then run it.
        Object.defineProperty(self, 'resyncFollows', { configurable: true, writable: true, value: {} });
        compute();
        return self.resyncFollows;
      },
      set(value: unknown): void {
        Object.defineProperty(self, 'resyncFollows', { configurable: true, writable: true, value });
      },
    });
  }

  public query = this.RULE('query', () => {
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.SUBRULE(this.letStatement);
            this.CONSUME(T.Semicolon);
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.setStatement);
            this.CONSUME2(T.Semicolon);
          },
        },
        // error production: `;;` and a leading `;` are reported by cst-to-ast.ts, parsing goes on
        { ALT: () => this.SUBRULE(this.straySemicolon) },
      ]);
    });
    this.OPTION(() => {
      this.SUBRULE(this.pipeExpression);
      this.OPTION2(() => this.CONSUME3(T.Semicolon));
    });
  });

  private straySemicolon = this.RULE('straySemicolon', () => {
    this.CONSUME(T.Semicolon);
  });

  private letStatement = this.RULE('letStatement', () => {
    this.CONSUME(T.Let);
    this.SUBRULE(this.letName);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.pipeExpression);
  });

  private setStatement = this.RULE('setStatement', () => {
    this.CONSUME(T.Set);
    this.CONSUME(T.Name);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.orExpression);
    });
  });

  /** Accepts a hard keyword too, so `let where = 1;` is read as a let and reported precisely. */
  private letName = this.RULE('letName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Name) },
      { ALT: () => this.CONSUME(T.BracketedName) },
      { ALT: () => this.CONSUME(T.Keyword) },
    ]);
  });

  private declName = this.RULE('declName', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.BracketedName) }]);
  });

  // ---- tabular ----------------------------------------------------------------------------------

  private pipeExpression = this.RULE('pipeExpression', () => {
    this.SUBRULE(this.pipeSource);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE(this.queryOperator);
    });
  });

  private pipeSource = this.RULE('pipeSource', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.dataTable) },
      { ALT: () => this.SUBRULE(this.print) },
      { ALT: () => this.SUBRULE(this.union) },
      { ALT: () => this.SUBRULE(this.orExpression) },
    ]);
  });

  private queryOperator = this.RULE('queryOperator', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.whereOperator) },
      { ALT: () => this.SUBRULE(this.extendOperator) },
      { ALT: () => this.SUBRULE(this.projectOperator) },
      { ALT: () => this.SUBRULE(this.projectAwayOperator) },
      { ALT: () => this.SUBRULE(this.projectRenameOperator) },
      { ALT: () => this.SUBRULE(this.sortOperator) },
      { ALT: () => this.SUBRULE(this.takeOperator) },
      { ALT: () => this.SUBRULE(this.countOperator) },
      { ALT: () => this.SUBRULE(this.union) },
    ]);
  });

  private whereOperator = this.RULE('whereOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Where) }, { ALT: () => this.CONSUME(T.Filter) }]);
    this.SUBRULE(this.orExpression);
  });

  private extendOperator = this.RULE('extendOperator', () => {
    this.CONSUME(T.Extend);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.namedExpression) });
  });

  private projectOperator = this.RULE('projectOperator', () => {
    this.CONSUME(T.Project);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.namedExpression) });
  });

  private projectAwayOperator = this.RULE('projectAwayOperator', () => {
    this.CONSUME(T.ProjectAway);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.columnPattern) });
  });

  private columnPattern = this.RULE('columnPattern', () => {
    this.AT_LEAST_ONE(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Name) },
        { ALT: () => this.CONSUME(T.BracketedName) },
        { ALT: () => this.CONSUME(T.Star) },
      ]);
    });
  });

  private projectRenameOperator = this.RULE('projectRenameOperator', () => {
    this.CONSUME(T.ProjectRename);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.renameItem) });
  });

  private renameItem = this.RULE('renameItem', () => {
    this.SUBRULE(this.declName);
    this.CONSUME(T.Equals);
    this.SUBRULE2(this.declName);
  });

  private sortOperator = this.RULE('sortOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Sort) }, { ALT: () => this.CONSUME(T.Order) }]);
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.sortKey) });
  });

  private sortKey = this.RULE('sortKey', () => {
    this.SUBRULE(this.orExpression);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Nulls);
      this.OR2([{ ALT: () => this.CONSUME(T.First) }, { ALT: () => this.CONSUME(T.Last) }]);
    });
  });

  private takeOperator = this.RULE('takeOperator', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Take) }, { ALT: () => this.CONSUME(T.Limit) }]);
    this.SUBRULE(this.orExpression);
  });

  private countOperator = this.RULE('countOperator', () => {
    this.CONSUME(T.Count);
  });

  private union = this.RULE('union', () => {
    this.CONSUME(T.Union);
    this.MANY(() => this.SUBRULE(this.unionOption));
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.unionLeg) });
  });

  private unionOption = this.RULE('unionOption', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Kind);
          this.CONSUME(T.Equals);
          this.CONSUME(T.Name);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.WithSource);
          this.CONSUME2(T.Equals);
          this.SUBRULE(this.declName);
        },
      },
    ]);
  });

  private unionLeg = this.RULE('unionLeg', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.declName) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.pipeExpression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  private dataTable = this.RULE('dataTable', () => {
    this.CONSUME(T.DataTable);
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.columnDeclaration) });
    this.CONSUME(T.RParen);
    this.OR([
      // `["x"]` and `[ 'x' ]` lex as one bracketed-name token: a one-value table.
      { ALT: () => this.CONSUME(T.BracketedName) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.OPTION(() => {
            this.SUBRULE(this.signedLiteral);
            this.MANY(() => {
              this.CONSUME2(T.Comma);
              this.OPTION2(() => this.SUBRULE2(this.signedLiteral));
            });
          });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  private columnDeclaration = this.RULE('columnDeclaration', () => {
    this.SUBRULE(this.declName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeName);
  });

  private typeName = this.RULE('typeName', () => {
    this.OR([{ ALT: () => this.CONSUME(T.TypeKeyword) }, { ALT: () => this.CONSUME(T.Name) }]);
  });

  private signedLiteral = this.RULE('signedLiteral', () => {
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
    });
    this.SUBRULE(this.literal);
  });

  private print = this.RULE('print', () => {
    this.CONSUME(T.Print);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.namedExpression) });
  });

  private namedExpression = this.RULE('namedExpression', () => {
    this.OPTION(() => {
      this.SUBRULE(this.declName);
      this.CONSUME(T.Equals);
    });
    this.SUBRULE(this.orExpression);
  });

  // ---- scalar -----------------------------------------------------------------------------------

  private orExpression = this.RULE('orExpression', () => {
    this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpression);
    });
  });

  private andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.equalityExpression);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.equalityExpression);
    });
  });

  private equalityExpression = this.RULE('equalityExpression', () => {
    this.SUBRULE(this.relationalExpression);
    this.MANY(() => this.SUBRULE(this.equalityTail));
  });

  private equalityTail = this.RULE('equalityTail', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.EqualityOperator);
          this.SUBRULE(this.relationalExpression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.InOperator);
          this.SUBRULE(this.expressionList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.BetweenOperator);
          this.CONSUME(T.LParen);
          this.SUBRULE(this.orExpression);
          this.CONSUME(T.DotDot);
          this.SUBRULE2(this.orExpression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  private expressionList = this.RULE('expressionList', () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.pipeExpression) });
    this.CONSUME(T.RParen);
  });

  private relationalExpression = this.RULE('relationalExpression', () => {
    this.SUBRULE(this.additiveExpression);
    this.MANY(() => {
      this.CONSUME(T.RelationalOperator);
      this.SUBRULE2(this.additiveExpression);
    });
  });

  private additiveExpression = this.RULE('additiveExpression', () => {
    this.SUBRULE(this.multiplicativeExpression);
    this.MANY(() => {
      this.CONSUME(T.AdditiveOperator);
      this.SUBRULE2(this.multiplicativeExpression);
    });
  });

  private multiplicativeExpression = this.RULE('multiplicativeExpression', () => {
    this.SUBRULE(this.stringOpExpression);
    this.MANY(() => {
      this.CONSUME(T.MultiplicativeOperator);
      this.SUBRULE2(this.stringOpExpression);
    });
  });

  private stringOpExpression = this.RULE('stringOpExpression', () => {
    this.SUBRULE(this.unaryExpression);
    this.MANY(() => {
      this.CONSUME(T.StringOperator);
      this.SUBRULE2(this.unaryExpression);
    });
  });

  private unaryExpression = this.RULE('unaryExpression', () => {
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
    });
    this.SUBRULE(this.postfixExpression);
  });

  private postfixExpression = this.RULE('postfixExpression', () => {
    this.SUBRULE(this.primaryExpression);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.pathSelector) },
        { ALT: () => this.SUBRULE(this.elementSelector) },
      ]);
    });
  });

  private pathSelector = this.RULE('pathSelector', () => {
    this.CONSUME(T.Dot);
    // A hard keyword after '.' must be bracketed too (`o.['where']`), as in Kusto.Language.
    this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.BracketedName) }]);
  });

  private elementSelector = this.RULE('elementSelector', () => {
    this.OR([
      // `o["key"]` lexes as one bracketed-name token.
      { ALT: () => this.CONSUME(T.BracketedName) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.SUBRULE(this.orExpression);
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  private primaryExpression = this.RULE('primaryExpression', () => {
    this.OR({
      // `typeof(bool)` also reads as a call of a function named typeof; the gate picks typeof.
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(1).tokenType === T.Typeof && this.LA(2).tokenType === T.LParen,
          ALT: () => this.SUBRULE(this.typeofExpression),
        },
        { ALT: () => this.SUBRULE(this.literal) },
        { ALT: () => this.SUBRULE(this.nameOrCall) },
        { ALT: () => this.CONSUME(T.BracketedName) },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.pipeExpression);
            this.CONSUME(T.RParen);
          },
        },
      ],
    });
  });

  private typeofExpression = this.RULE('typeofExpression', () => {
    this.CONSUME(T.Typeof);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.typeName);
    this.CONSUME(T.RParen);
  });

  private nameOrCall = this.RULE('nameOrCall', () => {
    this.CONSUME(T.Name);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.pipeExpression) });
      this.CONSUME(T.RParen);
    });
  });

  private literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.TimespanLiteral) },
      { ALT: () => this.CONSUME(T.BadNumber) },
      { ALT: () => this.SUBRULE(this.stringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.TypedLiteral) },
      { ALT: () => this.SUBRULE(this.dynamicLiteral) },
    ]);
  });

  /** Adjacent string literals join into one (`"a" 'b'` is `ab`). */
  private stringLiteral = this.RULE('stringLiteral', () => {
    this.AT_LEAST_ONE(() => this.CONSUME(T.StringLiteral));
  });

  private dynamicLiteral = this.RULE('dynamicLiteral', () => {
    this.CONSUME(T.DynamicKw);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.jsonValue);
    this.CONSUME(T.RParen);
  });

  private jsonValue = this.RULE('jsonValue', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.jsonArray) },
      { ALT: () => this.SUBRULE(this.jsonObject) },
      { ALT: () => this.SUBRULE(this.jsonScalar) },
    ]);
  });

  private jsonArray = this.RULE('jsonArray', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.BracketedName) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.OPTION(() => {
            this.SUBRULE(this.jsonValue);
            this.MANY(() => {
              this.CONSUME(T.Comma);
              this.OPTION2(() => this.SUBRULE2(this.jsonValue));
            });
          });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  private jsonObject = this.RULE('jsonObject', () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.jsonPair);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OPTION2(() => this.SUBRULE2(this.jsonPair));
      });
    });
    this.CONSUME(T.RBrace);
  });

  private jsonPair = this.RULE('jsonPair', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.stringLiteral) }, { ALT: () => this.CONSUME(T.Name) }]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.jsonValue);
  });

  private jsonScalar = this.RULE('jsonScalar', () => {
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
    });
    this.OR2([{ ALT: () => this.SUBRULE(this.literal) }, { ALT: () => this.CONSUME(T.Name) }]);
  });
}

/** How a token is named in messages: its label (`'where'`, `a string`) or its text. */
export function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF') return 'the end of the query';
  const image = token.image.length > 30 ? `${token.image.slice(0, 27)}...` : token.image;
  return `'${image}'`;
}

function describeType(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** Tokens that can start a scalar expression: listed in messages as "an expression". */
const EXPRESSION_STARTS = new Set<TokenType>([
  T.DataTable, T.Print, T.Union, T.Typeof, T.NumberLiteral, T.TimespanLiteral, T.BadNumber, T.StringLiteral, T.True, T.False, T.TypedLiteral,
  T.DynamicKw, T.Name, T.BracketedName, T.LParen, T.Minus, T.Plus,
]);
const OPERATOR_STARTS = new Set<TokenType>([
  T.Where, T.Filter, T.Extend, T.Project, T.ProjectAway, T.ProjectRename, T.Sort, T.Order, T.Take, T.Limit, T.Count, T.Union,
]);

function uniqueLabels(types: TokenType[]): string[] {
  const labels: string[] = [];
  const add = (l: string) => {
    if (!labels.includes(l)) labels.push(l);
  };
  const isExpression = types.includes(T.Name) && types.includes(T.NumberLiteral);
  const isOperator = types.includes(T.Where) && types.includes(T.Extend);
  for (const t of types) {
    if (isExpression && EXPRESSION_STARTS.has(t)) add('an expression');
    else if (isOperator && OPERATOR_STARTS.has(t)) add('a query operator (where, extend, project, sort, take, count, union, ...)');
    else add(describeType(t));
  }
  return labels;
}

function listExpected(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  if (items.length > 8) return `${items.slice(0, 8).join(', ')}, ...`;
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * What the parser expected when it stopped at a token: recorded while building messages so that
 * syntax-errors.ts can tell "a keyword where a name was expected" from other errors.
 */
const expectedAtToken = new WeakMap<IToken, TokenType[]>();

export function expectedTokenTypes(token: IToken): readonly TokenType[] {
  return expectedAtToken.get(token) ?? [];
}

function firstTokens(paths: TokenType[][][]): TokenType[] {
  const out: TokenType[] = [];
  for (const alt of paths) for (const path of alt) if (path[0] && !out.includes(path[0])) out.push(path[0]);
  return out;
}

const KQL_ERROR_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    expectedAtToken.set(actual, [expected]);
    return `Expected ${describeType(expected)} but found ${describeToken(actual)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${describeToken(firstRedundant)}.`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const expected = firstTokens(expectedPathsPerAlt);
    if (actual[0]) expectedAtToken.set(actual[0], expected);
    return `Expected ${listExpected(uniqueLabels(expected))} but found ${describeToken(actual[0]!)}.`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const expected = firstTokens([expectedIterationPaths]);
    if (actual[0]) expectedAtToken.set(actual[0], expected);
    return `Expected ${listExpected(uniqueLabels(expected))} but found ${describeToken(actual[0]!)}.`;
  },
};

/** The parser is stateless between runs (`input` resets it); self-analysis is costly, so build once. */
let instance: KqlParser | undefined;
export function kqlParser(): KqlParser {
  instance ??= new KqlParser();
  return instance;
}

export type { CstNode };
