import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from './ast.js';
import { printAst } from './print-ast.js';
import { ast, parse } from './test-helpers.js';

// Golden tests: the expected trees were written by hand from kql-semantics.md (precedence §5.1,
// literal values §1.2, operator shapes §4), not copied from the printer's output.

describe('printAst goldens', () => {
  it('detection rule with let, set, in, has_any, between and sort', () => {
    const text = [
      'set query_now = datetime(2024-05-01T00:00:00Z);',
      'let Names = dynamic(["sshd2", "cron2"]);',
      'let Window = 1h;',
      'DeviceProcessEvents',
      '| where Timestamp between (ago(Window) .. now())',
      '| where FileName in~ ("bash", "sh") and ProcessCommandLine has_any (Names)',
      '| project DeviceName, Cmd = ProcessCommandLine',
      '| sort by DeviceName asc nulls last',
      '| take 100',
    ].join('\n');
    expect(ast(text)).toBe(
      '(query' +
        ' (set query_now datetime(2024-05-01T00:00:00.0000000Z))' +
        ' (let Names dynamic(["sshd2","cron2"]))' +
        ' (let Window timespan(01:00:00))' +
        ' (pipe DeviceProcessEvents' +
        ' (where (between Timestamp (call ago Window) (call now)))' +
        ' (where (and (in~ FileName ["bash" "sh"]) (has_any ProcessCommandLine [Names])))' +
        ' (project DeviceName (= Cmd ProcessCommandLine))' +
        ' (sort-by (key DeviceName asc nulls-last))' +
        ' (take 100)))',
    );
  });

  it('union of a datatable and a filtered table, counted', () => {
    const text = 'union withsource=Src (datatable(a:long, b:string)[1, "x", -2, @"y\\z",]), (T | where a != 0) | count';
    expect(ast(text)).toBe(
      '(query (pipe (union kind=outer withsource=Src' +
        ' (paren (datatable (a:long b:string) [1 "x" -2 "y\\\\z"]))' +
        ' (paren (pipe T (where (!= a 0)))))' +
        ' (count)))',
    );
  });

  it('extend with dynamic access, arithmetic on timespans and string operators', () => {
    const text =
      'T | extend k = tostring(o.props["key"][0]), d = (now() - Timestamp) / 1d, r = s matches regex @"^a\\d+$" or not(s startswith_cs "B")';
    expect(ast(text)).toBe(
      '(query (pipe T (extend' +
        ' (= k (call tostring ([] ([] (. o props) "key") 0)))' +
        ' (= d (/ (paren (- (call now) Timestamp)) timespan(1.00:00:00)))' +
        ' (= r (or (matches-regex s "^a\\\\d+$") (call not (startswith_cs s "B")))))))',
    );
  });

  it('project-away, project-rename and piped union', () => {
    const text = "T | project-away tmp*, ['x y'] | project-rename New = Old | union kind=inner (U | take 1), V";
    expect(ast(text)).toBe(
      '(query (pipe T (project-away tmp* ["x y"]) (project-rename (= New Old))' +
        ' (union kind=inner (paren (pipe U (take 1))) V)))',
    );
  });

  it('print with typed literals and typed nulls', () => {
    const text = 'print a = int(-2), long(null), real(-inf), 1.5, 0x10, true, timespan(1.02:03:04.5), guid(null), typeof(string)';
    expect(ast(text)).toBe(
      '(query (print (= a int(-2)) long(null) real(-inf) real(1.5) 16 true timespan(1.02:03:04.5000000) guid(null) (typeof string)))',
    );
  });

  it('dynamic keys print sorted (property-bag order is not significant)', () => {
    expect(ast('print dynamic({"b": 1, "a": [true, null, "x"]})')).toBe('(query (print dynamic({"a":[true,null,"x"],"b":1})))');
  });

  it('an error placeholder prints as (error)', () => {
    expect(printAst(parse('T | where'))).toBe('(query (pipe T (where (error))))');
  });

  it('prints any syntax node, not only queries', () => {
    const q = parse('T | sort by a desc | extend x = 1');
    const pipe = q.body;
    if (pipe?.kind !== 'PipeExpression') throw new Error('shape');
    const sort = pipe.operators[0]!;
    const extend = pipe.operators[1]!;
    expect(printAst(sort)).toBe('(sort-by (key a desc))');
    if (sort.kind !== 'SortOperator' || extend.kind !== 'ExtendOperator') throw new Error('shape');
    expect(printAst(sort.keys[0] as SyntaxNode)).toBe('(key a desc)');
    expect(printAst(extend.expressions[0]!)).toBe('(= x 1)');
    expect(printAst(extend.expressions[0]!.name!)).toBe('x');
  });
});
