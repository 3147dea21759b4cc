import { describe, it } from 'vitest';
import { expectErrors } from '../../test-support/bind.js';

// kql-semantics.md §7: every semantic must-fail case, with its code and where it is reported
// (`⟨...⟩` marks the expected span). Syntax-level cases belong to the parser's tests.
const CASES: [string, string, ...string[]][] = [
  ['unknown column', 'DeviceFileEvents | where ⟨NoSuchColumn⟩ == 1', 'unknown-column'],
  ['unknown table', '⟨NoSuchTable⟩ | take 1', 'unknown-table'],
  ['unknown variable', 'print ⟨nosuchvar⟩', 'unknown-name'],
  ['unknown function', 'print ⟨nosuchfn⟩(1)', 'unknown-function'],
  ['re-declared let', 'let x = 1; let ⟨x⟩ = 2; print x', 'let-redeclared'],
  ['column defined earlier in the same extend', 'Small | extend x = 1, y = ⟨x⟩ + 1', 'unknown-column'],
  ['column defined earlier in the same project', 'Small | project x = 1, y = ⟨x⟩ + 1', 'unknown-column'],
  ['column defined earlier in the same print', 'print x = 1, y = ⟨x⟩ + 1', 'unknown-name'],
  ['column referred to after project dropped it', 'Small | project a | project ⟨b⟩', 'unknown-column'],
  ['project of a missing column', 'Small | project ⟨zz⟩', 'unknown-column'],
  ['project-away of a missing name', 'Small | project-away ⟨zz⟩', 'unknown-column'],
  ['project-rename of a missing name', 'Small | project-rename y = ⟨zz⟩', 'unknown-column'],
  ['duplicate output column in project', 'Small | project a, ⟨a⟩', 'duplicate-column'],
  ['duplicate output column in extend', 'Small | extend x = 1, ⟨x⟩ = 2', 'duplicate-column'],
  ['duplicate output column in print', 'print x = 1, ⟨x⟩ = 2', 'duplicate-column'],
  ['duplicate output column in project-rename', 'Small | project-rename ⟨a⟩ = b', 'duplicate-column'],
  ['duplicate column in a datatable schema', 'datatable(a:long, ⟨a⟩:string)[1, "x"]', 'duplicate-column'],
  ['where predicate that is not bool', 'Small | where ⟨b⟩', 'expected-bool'],
  ['take with a non-integer', 'Small | take ⟨"2"⟩', 'take-not-integer'],
  ['datetime compared with timespan', 'DeviceFileEvents | where Timestamp ⟨>⟩ 1h', 'type-mismatch'],
  ['string operator with a non-string left operand', 'DeviceFileEvents | where ⟨FileSize⟩ has "5"', 'operand-type'],
  ['ago() of a non-timespan', 'print ago(⟨24⟩)', 'argument-type'],
  ['set query_now with a string', 'set query_now = ⟨"2024-05-01"⟩; print 1', 'set-query-now'],
  ['set query_now with an expression', 'set query_now = ⟨ago(1d)⟩; print 1', 'set-query-now'],
  ['bare null as a value', 'print x = ⟨null⟩', 'unknown-name'],
  ['sort by dynamic', 'Small | sort by ⟨d⟩', 'sort-key-type'],
];

describe('§7 semantic must-fail cases', () => {
  it.each(CASES)('%s', (_title, query, ...codes) => {
    expectErrors(query, ...codes);
  });
});
