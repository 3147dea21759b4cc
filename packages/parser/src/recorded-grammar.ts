import type { IProduction, Rule as RuleType, TokenType } from 'chevrotain';
import {
  Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator, Rule, Terminal,
} from './chevrotain-runtime.js';

/**
 * The grammar's productions (chevrotain's GAST) as plain data, so the parser need not record them.
 * Why: chevrotain builds them in `performSelfAnalysis` by running every rule body in a recording
 * mode, which was most of the parser's construction (~15-35 ms of every CLI start and every first
 * compile) once lookahead was precomputed. grammar-gast.ts holds them, generated from the recorded
 * ones by recorded-grammar.test.ts, which fails when the grammar changes until it is regenerated
 * and checks that the rebuilt productions equal the recorded ones field for field.
 *
 * A node is its production class (`k`), its children (`d`), token types by name (`t`: a terminal's
 * type, `s`: a separator) and its other fields (idx, label, maxLookahead, ignoreAmbiguities,
 * hasPredicates, nonTerminalName, name, orgText) as they are. A non-terminal's `referencedRule` is
 * left out: chevrotain's resolver sets it by name after recording, as for recorded productions.
 */
export interface GastNode {
  k: ProductionKind;
  d?: GastNode[];
  t?: string;
  s?: string;
  [field: string]: string | number | boolean | GastNode[] | undefined;
}

export const PRODUCTION_CLASSES = {
  Rule, NonTerminal, Terminal, Alternation, Alternative, Option, Repetition, RepetitionMandatory,
  RepetitionMandatoryWithSeparator, RepetitionWithSeparator,
} as const;
export type ProductionKind = keyof typeof PRODUCTION_CLASSES;

type Production = IProduction & Record<string, unknown>;
type ProductionClass = abstract new (...args: never[]) => Production;

/**
 * The rules of `table` as chevrotain productions, by rule name; null when a token it names is not
 * in `tokens` (a renamed token: the caller records the grammar instead of guessing).
 */
export function rulesFromTable(table: readonly GastNode[], tokens: readonly TokenType[]): Map<string, RuleType> | null {
  const byName = new Map(tokens.map((t) => [t.name, t]));
  const build = (node: GastNode): Production | null => {
    // Not through chevrotain's constructors (lodash pickBy + assign: ~20 ms for this grammar):
    // the table holds every own field a recorded production has, defaults included, so setting
    // them on an object of the production's class gives the same production.
    const production = Object.create((PRODUCTION_CLASSES[node.k] as unknown as ProductionClass).prototype) as Production;
    // Chevrotain's base constructor gives non-terminals an empty `_definition` of their own.
    if (node.k === 'NonTerminal') production['_definition'] = [];
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (key === 'k') continue;
      if (key === 'd') {
        const children: Production[] = [];
        for (const child of value as GastNode[]) {
          const built = build(child);
          if (built === null) return null;
          children.push(built);
        }
        production['_definition'] = children;
      } else if (key === 't' || key === 's') {
        const token = byName.get(value as string);
        if (token === undefined) return null;
        production[key === 't' ? 'terminalType' : 'separator'] = token;
      } else {
        production[key] = value;
      }
    }
    return production;
  };
  const rules = new Map<string, RuleType>();
  for (const node of table) {
    const rule = build(node);
    if (rule === null) return null;
    rules.set((rule as unknown as RuleType).name, rule as unknown as RuleType);
  }
  return rules;
}
