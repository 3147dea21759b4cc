import { describe, expect, it } from 'vitest';
import { bindOk } from '../../test-support/bind.js';
import { printBoundQuery } from './print-bound.js';

describe('printBoundQuery (golden)', () => {
  it('shows every expression type, unfolded ago(), and the now source', () => {
    const text = printBoundQuery(bindOk('Small | where c > ago(1d) and b has "x" | extend n = strlen(b) + 1 | take 3'));
    expect(text).toBe(
      [
        'now=2024-05-01T00:00:00.0000000Z (wallclock)',
        'Limit 3',
        '  Projection(extend) a=a#0:long, b=b#1:string, c=c#2:datetime, d=d#3:dynamic, n={+ {strlen b#1:string}:long 1:long}:long',
        '    Filter {and {> c#2:datetime {ago timespan(1.00:00:00):timespan}:datetime}:bool {has b#1:string "x":string}:bool}:bool',
        '      TableScan Small [a:long, b:string, c:datetime, d:dynamic]',
      ].join('\n'),
    );
  });
  it('shows union maps, membership lists and subqueries', () => {
    const text = printBoundQuery(
      bindOk('let L = dynamic(["a"]); union withsource=S (Small | project b), Other | where b in~ (L) or b in (Other | project b)'),
    );
    expect(text).toBe(
      [
        'now=2024-05-01T00:00:00.0000000Z (wallclock)',
        'Filter {or {in~ b#1:string dynamic(["a"]):dynamic}:bool {in b#1:string (subquery)}:bool}:bool',
        '  subquery:',
        '    Projection(project) b=b#0:string',
        '      TableScan Other [b:string, e:bool, a:string]',
        '  Union kind=outer withsource=S labels=[union_arg0, Other] maps=[[0,-1,-1],[0,1,2]] [S:string, b:string, e:bool, a:string]',
        '    Projection(project) b=b#1:string',
        '      TableScan Small [a:long, b:string, c:datetime, d:dynamic]',
        '    TableScan Other [b:string, e:bool, a:string]',
      ].join('\n'),
    );
  });
});
