import { fc } from '@fast-check/vitest';

/** Rough KQL tokens (strings, words, numbers, operators, single characters) with the spaces between. */
export function roughTokens(q: string): string[] {
  return q.match(/"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|@"[^"]*"?|[A-Za-z_][\w-]*|\d[\w.]*|==|!=|<=|>=|=~|!~|\s+|[\s\S]/g) ?? [];
}

const VOCABULARY = [
  '|', '(', ')', '[', ']', '{', '}', ',', ';', '=', '==', '!=', '=~', '<', '>=', '+', '-', '*', '/', '%', '.', '..',
  'where', 'project', 'extend', 'summarize', 'count', 'take', 'top', 'sort', 'by', 'asc', 'desc', 'union', 'let',
  'print', 'datatable', 'and', 'or', 'not', 'has', '!has', 'has_any', 'has_all', 'contains', 'in', '!in', 'in~',
  'between', 'matches regex', 'startswith', 'endswith', 'dynamic', 'datetime', 'timespan', 'ago', 'now()', 'iff',
  'case', 'toscalar', 'strcat', 'extract', 'parse_json', 'todynamic', 'tolong', 'toint', 'bin', 'null', 'true',
  '"x"', "'y'", '@"c:\\"', '```z```', '""', '1', '-1', '0x7fffffffffffffff', '9223372036854775808', '1e308', '1.5',
  '1d', '-1ms', 'datetime(null)', 'int(null)', 'real(nan)', 'real(-inf)', 'dynamic(null)', 'Timestamp', 'FileName',
  'DeviceProcessEvents', 'DeviceFileEvents', '//', '\n', ' ', '\u00a0', '\ud800', '\u0000', '\t', '["a b"]', "['x']",
];

export type Mutation =
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'bytes'; at: number; text: string }
  | { kind: 'nest'; at: number; depth: number; opener: string };

const position = fc.nat({ max: 10_000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, token: fc.constantFrom(...VOCABULARY) }),
  fc.record({ kind: fc.constant('delete' as const), at: position }),
  fc.record({ kind: fc.constant('swap' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('bytes' as const), at: position, text: fc.string({ unit: 'binary', maxLength: 6 }) }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: position,
    depth: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.constantFrom(200, 5000)),
    opener: fc.constantFrom('(', 'not(', 'strlen(', '[', 'dynamic(['),
  }),
);

/** Applies mutations to the token list of `q` (positions are taken modulo the current length). */
export function mutate(q: string, mutations: readonly Mutation[]): string {
  let t = roughTokens(q);
  for (const m of mutations) {
    const n = t.length;
    const at = (i: number): number => (n === 0 ? 0 : i % (n + 1));
    switch (m.kind) {
      case 'insert':
        t.splice(at(m.at), 0, ' ', m.token, ' ');
        break;
      case 'delete':
        if (n > 0) t.splice(m.at % n, 1);
        break;
      case 'swap':
        if (n > 1) [t[m.a % n], t[m.b % n]] = [t[m.b % n]!, t[m.a % n]!];
        break;
      case 'duplicate': {
        const s = n === 0 ? 0 : m.at % n;
        t.splice(s, 0, ...t.slice(s, s + m.length));
        break;
      }
      case 'truncate':
        t = t.slice(0, at(m.at));
        break;
      case 'bytes':
        t.splice(at(m.at), 0, m.text);
        break;
      case 'nest': {
        const s = n === 0 ? 0 : m.at % n;
        const closer = m.opener === '[' ? ']' : m.opener === 'dynamic([' ? '])' : ')';
        t.splice(s + 1, 0, closer.repeat(m.depth));
        t.splice(s, 0, m.opener.repeat(m.depth));
        break;
      }
    }
  }
  return t.join('');
}
