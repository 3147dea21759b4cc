import { describe, expect, it } from 'vitest';
import { runQuery } from '@kqlr/engine';
import { checkQueryLimits, QUERY_LIMITS } from '../../packages/parser/src/limits.js';

const N = QUERY_LIMITS.maxNestingDepth;
const parens = (n: number): string => 'print x=' + '('.repeat(n) + '1' + ')'.repeat(n);
const nots = (n: number): string => 'print x=' + 'not('.repeat(n) + 'true' + ')'.repeat(n);

describe('query limits (checked before parsing)', () => {
  it('accepts nesting at the limit, and the whole pipeline runs it', async () => {
    expect(checkQueryLimits(parens(N))).toEqual([]);
    expect(checkQueryLimits(nots(N))).toEqual([]);
    const p = await runQuery(parens(N), { now: 0n });
    expect(p.ok && p.rows).toEqual([[1n]]);
    // An even number of not(...) around true is true.
    const q = await runQuery(nots(N), { now: 0n });
    expect(q.ok && q.rows).toEqual([[N % 2 === 0]]);
  });

  it.each([
    ['parentheses', parens],
    ['not(...)', nots],
  ])('reports nesting one level past the limit (%s) with the span of the first bracket too deep', (_, make) => {
    const text = make(N + 1);
    const d = checkQueryLimits(text);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'query-too-deep', severity: 'error', message: `query nesting is deeper than ${N} levels` });
    const opening = [...text].flatMap((c, i) => (c === '(' ? [i] : []));
    expect(d[0]!.span).toEqual({ start: opening[N]!, end: opening[N]! + 1 });
  });

  it('stops 100,000 nested parentheses and not(...) fast, without a stack overflow', () => {
    for (const text of [parens(100_000), nots(100_000), 'print x=dynamic(' + '['.repeat(100_000) + ')']) {
      const t = performance.now();
      const d = checkQueryLimits(text);
      expect(performance.now() - t).toBeLessThan(1000);
      expect(d.map((x) => x.code)).toEqual(['query-too-deep']);
    }
  });

  it('does not count brackets inside strings and comments', () => {
    const deep = '('.repeat(N + 5);
    const texts = [
      `print x="${deep}"`,
      `print x='${deep}'`,
      `print x=@"${deep}\\"`,
      `print x=\`\`\`${deep}\n${deep}\`\`\``,
      `// ${deep}\nprint x=1`,
      `print x="a\\"${deep}"`,
    ];
    for (const t of texts) expect(checkQueryLimits(t)).toEqual([]);
  });

  it('reports a query longer than the length limit', () => {
    const text = 'print x=1 ' + ' '.repeat(QUERY_LIMITS.maxQueryLength);
    const d = checkQueryLimits(text);
    expect(d.map((x) => [x.code, x.message])).toEqual([
      ['query-too-long', `query is longer than ${QUERY_LIMITS.maxQueryLength} characters (${text.length})`],
    ]);
  });

  it('reports a string literal longer than its limit, with the literal as span', () => {
    const literal = '"' + 'a'.repeat(QUERY_LIMITS.maxStringLiteralLength) + '"';
    const text = `print x=${literal}`;
    const d = checkQueryLimits(text);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'string-literal-too-long', span: { start: 8, end: 8 + literal.length } });
    expect(d[0]!.message).toContain(`longer than ${QUERY_LIMITS.maxStringLiteralLength} characters`);
    expect(checkQueryLimits(`print x="${'a'.repeat(100_000)}"`)).toEqual([]);
  });

  it('reports too many pipes and too long operator chains', () => {
    const pipes = 'print x=1' + ' | where x > 0'.repeat(QUERY_LIMITS.maxPipeOperators + 1);
    expect(checkQueryLimits(pipes).map((x) => x.code)).toEqual(['too-many-pipes']);
    expect(checkQueryLimits('print x=1' + ' | where x > 0'.repeat(QUERY_LIMITS.maxPipeOperators))).toEqual([]);
    const chain = (n: number): string => 'print x=true' + ' and true'.repeat(n);
    expect(checkQueryLimits(chain(QUERY_LIMITS.maxOperatorChain + 1)).map((x) => x.code)).toEqual(['expression-too-long']);
    expect(checkQueryLimits(chain(QUERY_LIMITS.maxOperatorChain))).toEqual([]);
    // Separators restart the count: a long list is not a chain.
    expect(checkQueryLimits('print x=pack_array(' + Array.from({ length: 5000 }, () => '1+1').join(',') + ')')).toEqual([]);
  });

  it('a chain at the limit compiles and runs (the limit leaves stack to spare)', async () => {
    const r = await runQuery('print x=1' + '+1'.repeat(QUERY_LIMITS.maxOperatorChain), { now: 0n });
    expect(r.ok && r.rows).toEqual([[BigInt(QUERY_LIMITS.maxOperatorChain + 1)]]);
    const p = await runQuery('print x=1' + ' | where x > 0'.repeat(QUERY_LIMITS.maxPipeOperators), { now: 0n });
    expect(p.ok && p.rows).toEqual([[1n]]);
  });

  it('a query too deep for the stack past the pre-parse check is a diagnostic, not a crash', async () => {
    // 3,000 chained lets: no bracket nesting or long chain in the text, but inlining builds a tree
    // 3,000 levels deep, which overflows the binder's recursion; the engine reports it.
    const lets = Array.from({ length: 3000 }, (_, i) => `let a${i + 1} = a${i} + 1;`).join('\n');
    const text = `let a0 = 1;\n${lets}\nprint a3000`;
    expect(checkQueryLimits(text)).toEqual([]);
    const r = await runQuery(text, { now: 0n });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'resource-limit', severity: 'error', message: expect.stringContaining('call stack limit') })]);
    const small = await runQuery(`let a0 = 1;\n${lets.split('\n').slice(0, 300).join('\n')}\nprint a300`, { now: 0n });
    expect(small.ok && small.rows).toEqual([[301n]]);
  });
});

describe('query limits through parseQuery and the engine', () => {
  it('parseQuery reports the nesting limit as a diagnostic with a span, for 100,000 not(', async () => {
    const { parseQuery } = await import('@kqlr/parser');
    const text = nots(100_000);
    const r = parseQuery(text);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'query-too-deep', message: `query nesting is deeper than ${N} levels` })]);
    expect(r.diagnostics[0]!.span.start).toBe(text.indexOf('(') + 4 * N);
    const run = await runQuery(parens(5000), { now: 0n });
    expect(run.ok).toBe(false);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['query-too-deep']);
  });
});
