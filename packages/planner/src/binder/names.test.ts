import { describe, expect, it } from 'vitest';
import { bind, bindOk, expectErrors, plan, schemaOf } from '../../test-support/bind.js';

describe('name resolution (§3)', () => {
  it('resolves columns of the row scope', () => {
    expect(schemaOf('Small | project a, b')).toBe('a:long, b:string');
  });
  it('inlines scalar lets', () => {
    expect(plan('let n = 5; Small | where a > n')).toBe('01)Filter: a > 5\n02)--TableScan: Small');
  });
  it('lets a column win over a let of the same name', () => {
    // If the let won, `b == "x"` would compare a long with a string and fail.
    expect(plan('let b = 5; Small | where b == "x"')).toBe('01)Filter: b == "x"\n02)--TableScan: Small');
  });
  it('requires a let before its use', () => {
    expectErrors('let a = ⟨b⟩; let b = 1; print a', 'unknown-name');
  });
  it('rejects a re-declared let at the second name', () => {
    expectErrors('let x = 1; let ⟨x⟩ = 2; print x', 'let-redeclared');
  });
  it('lets a let hide a table', () => {
    expect(schemaOf('let Small = datatable(z:long)[1]; Small | project z')).toBe('z:long');
  });
  it('uses a tabular let as a source', () => {
    expect(schemaOf('let t = Small | where a > 1; t | project b')).toBe('b:string');
  });
  it('reports an unknown table with a suggestion', () => {
    const [d] = expectErrors('⟨DeviceFileEvent⟩ | take 1', 'unknown-table');
    expect(d!.hint).toBe("did you mean 'DeviceFileEvents'?");
  });
  it('reports an unknown function with a suggestion', () => {
    const [d] = expectErrors('Small | where ⟨strln⟩(b) > 1', 'unknown-function');
    expect(d!.hint).toBe("did you mean 'strlen'?");
  });
  it('reports an unknown column naming the table, with a suggestion', () => {
    const [d] = expectErrors('DeviceFileEvents | where ⟨Filename⟩ == "x"', 'unknown-column');
    expect(d!.message).toBe("unknown column 'Filename' in DeviceFileEvents");
    expect(d!.hint).toBe("did you mean 'FileName'?");
  });
  it('reports an unknown name outside a row scope', () => {
    const [d] = expectErrors('print ⟨y⟩', 'unknown-name');
    expect(d!.message).toBe("unknown name 'y'");
  });
  it('treats a bare null as an unknown name', () => {
    const [d] = expectErrors('DeviceFileEvents | where FileName == ⟨null⟩', 'unknown-column');
    expect(d!.message).toContain("'null'");
  });
  it('hints that a function name needs parentheses', () => {
    const [d] = expectErrors('DeviceFileEvents | where Timestamp > ⟨now⟩', 'unknown-column');
    expect(d!.hint).toBe("'now' is a function: call it as now(...)");
  });
  it('explains that an earlier operator removed the column', () => {
    const [d] = expectErrors('Small | project a | extend x = 1 | where ⟨b⟩ == "x"', 'unknown-column');
    expect(d!.hint).toBe("'b' was removed by an earlier project");
    const [e] = expectErrors('Small | project-away b | project-away ⟨b⟩', 'unknown-column');
    expect(e!.hint).toBe("'b' was removed by an earlier project-away");
    const [f] = expectErrors('Small | count | project ⟨a⟩', 'unknown-column');
    expect(f!.hint).toBe("'a' was removed by an earlier count");
  });
  it('rejects a table used as a scalar and a scalar let used as a table', () => {
    expectErrors('Small | where a in (1) and ⟨Other⟩ == 1', 'scalar-expected');
    expectErrors('let n = 1; ⟨n⟩ | take 1', 'tabular-expected');
  });
  it('reports several independent errors in one run', () => {
    expectErrors('Small | where ⟨Foo⟩ == 1 | where ⟨Bar⟩ == 2', 'unknown-column', 'unknown-column');
  });
  it('does not cascade from an unknown column', () => {
    expectErrors('Small | extend x = ⟨Foo⟩ + 1 | where x > 2 | project x, a', 'unknown-column');
  });
  it('does not cascade from an unknown table', () => {
    expectErrors('⟨Nope⟩ | where x > 1 | project y | sort by z', 'unknown-table');
  });
  it('does not cascade from a failed let', () => {
    expectErrors('let t = ⟨Nope⟩ | take 1; t | where a > 1', 'unknown-table');
    expectErrors('let n = ⟨foo⟩ + 1; Small | where a > n', 'unknown-name');
  });
  it('still reports a function error after an unknown table', () => {
    expectErrors('⟨Nope⟩ | where ⟨strlen(1, 2)⟩ > 1', 'unknown-table', 'argument-count');
  });
  it('returns diagnostics without throwing and a null result on error', () => {
    const { result, diagnostics } = bind('Small | where Zzz');
    expect(result).toBeNull();
    expect(diagnostics).toHaveLength(1);
  });
});
