import { describe, expect, it } from 'vitest';
import { expectErrors, typeOf } from '../../test-support/bind.js';

describe('expression types (§2, §5, §6)', () => {
  it.each([
    ['1 + 1', 'long'],
    ['int(1) + int(2)', 'long'],
    ['-int(1)', 'int'],
    ['1.5 + 1', 'real'],
    ['7 / 2', 'long'],
    ['datetime(2024-01-02) - datetime(2024-01-01)', 'timespan'],
    ['datetime(2024-01-01) + 1d', 'datetime'],
    ['1d / 5h', 'real'],
    ['86400 * 1s', 'timespan'],
    ['1d / 2', 'timespan'],
    ['now()', 'datetime'],
    ['now(-1h)', 'datetime'],
    ['ago(1.5h)', 'datetime'],
    ['strlen("abc")', 'long'],
    ['tolower("A")', 'string'],
    ['strcat("x", 1, 2.5)', 'string'],
    ['extract("a", 0, "abc")', 'string'],
    ['extract("(\\\\d+)", 1, "a12", typeof(long))', 'long'],
    ['split("a_b", "_")', 'dynamic'],
    ['split("a_b", "_", 1)', 'dynamic'],
    ['tostring(1)', 'string'],
    ['tolong("1")', 'long'],
    ['todatetime("2024-01-01")', 'datetime'],
    ['isempty("")', 'bool'],
    ['isnull(1)', 'bool'],
    ['not(true)', 'bool'],
    ['dynamic([1, 2])[0]', 'dynamic'],
    ['dynamic({"a": 1}).a', 'dynamic'],
    ['dynamic({"a": 1})["a"]', 'dynamic'],
    ['"abc" has "b"', 'bool'],
    ['"abc" !startswith_cs "a"', 'bool'],
    ['"abc" matches regex "b+"', 'bool'],
    ['1 between (0 .. 2)', 'bool'],
    ['datetime(2024-01-01) between (datetime(2023-12-31) .. 1d)', 'bool'],
    ['"a" in ("a", "b")', 'bool'],
    ['"a" has_any (dynamic(["a"]), "b")', 'bool'],
    ['1 < 2 == true', 'bool'],
    ['true and false or true', 'bool'],
    ['dynamic([1]) == 1', 'bool'],
    // Kusto.Language: tolower/toupper/split take any scalar source (converted with tostring).
    ['tolower(5)', 'string'],
    ['toupper(1.5)', 'string'],
    ['tolower(true)', 'string'],
    ['toupper(datetime(2020-01-01))', 'string'],
    ['tolower(1h)', 'string'],
    ['tolower(guid(00000000-0000-0000-0000-000000000000))', 'string'],
    ['split(123, "2")', 'dynamic'],
    ['split(int(1), "a", 0)', 'dynamic'],
    ['split(dynamic("a b"), " ")', 'dynamic'],
    // Unary -/+ on a datetime keep the datetime (Kusto.Language accepts -now(), +datetime(...)).
    ['-now()', 'datetime'],
    ['-ago(1d)', 'datetime'],
    ['+datetime(2020-01-01)', 'datetime'],
    // The has family rejects a dynamic right side; these string operators accept one.
    ['"a" =~ dynamic("a")', 'bool'],
    ['"a" contains dynamic("a")', 'bool'],
    ['"a" startswith dynamic("a")', 'bool'],
    ['"a" matches regex dynamic("a")', 'bool'],
    ['dynamic("a") has "a"', 'bool'],
    // The extract regex may be any row-independent string: a scalar let, strcat of constants.
    ['extract(strcat("(", "a)"), 1, "a")', 'string'],
  ])('%s is %s', (expr, type) => {
    expect(typeOf(expr)).toBe(type);
  });
});

describe('type errors (§5, §6, §7)', () => {
  it('a string operator needs a string left operand', () => {
    expectErrors('DeviceFileEvents | where ⟨FileSize⟩ has "5"', 'operand-type');
    expectErrors('DeviceFileEvents | where ⟨Timestamp⟩ contains "x"', 'operand-type');
    expectErrors('DeviceFileEvents | where ⟨FileSize⟩ in~ ("a")', 'operand-type');
    expectErrors('DeviceFileEvents | where ⟨FileSize⟩ has_any ("a")', 'operand-type');
  });
  it('a string operator needs a string right operand', () => {
    expectErrors('DeviceFileEvents | where FileName =~ ⟨1⟩', 'operand-type');
    expectErrors('DeviceFileEvents | where FileName matches regex ⟨5⟩', 'operand-type');
  });
  it('the message names the operator, side and types', () => {
    const [d] = expectErrors('DeviceFileEvents | where ⟨FileSize⟩ has "5"', 'operand-type');
    expect(d!.message).toBe("the left operand of 'has' must be string or dynamic, found long");
  });
  it('datetime compared with timespan is an error at the operator, with a hint', () => {
    const [d] = expectErrors('DeviceFileEvents | where Timestamp ⟨>⟩ 1h', 'type-mismatch');
    expect(d!.hint).toContain('now() - Timestamp < 1h');
    expectErrors('print x = datetime(2024-01-01) ⟨==⟩ 1d', 'type-mismatch');
  });
  it('rejects ordering numbers against strings and strings against strings', () => {
    expectErrors('DeviceFileEvents | where FileSize ⟨>⟩ "5"', 'type-mismatch');
    expectErrors('print x = "a" ⟨<⟩ "b"', 'type-mismatch');
    expectErrors('print x = datetime(2020-01-01) ⟨>⟩ "2019-01-01"', 'type-mismatch');
  });
  it('rejects arithmetic outside the tables', () => {
    expectErrors('print x = "a" ⟨+⟩ 1', 'type-mismatch');
    expectErrors('print x = 1h ⟨-⟩ datetime(2024-01-01)', 'type-mismatch');
  });
  it('ago() needs a timespan', () => {
    expectErrors('print x = ago(⟨24⟩)', 'argument-type');
    expectErrors('print x = ago(⟨"1d"⟩)', 'argument-type');
    expectErrors('print x = ⟨ago()⟩', 'argument-count');
  });
  it('now() takes an optional timespan', () => {
    expectErrors('print x = now(⟨1⟩)', 'argument-type');
  });
  it('checks function arguments', () => {
    expectErrors('DeviceFileEvents | extend n = strlen(⟨FileSize⟩)', 'argument-type');
    expectErrors('DeviceFileEvents | extend n = extract("a", ⟨"1"⟩, FileName)', 'argument-type');
    expectErrors('print x = ⟨strcat()⟩', 'argument-count');
    expectErrors('print x = extract("a", 0, "b", ⟨1⟩)', 'argument-type');
  });
  it('logic needs bools', () => {
    expectErrors('DeviceFileEvents | where not(⟨FileName⟩)', 'argument-type');
    expectErrors('DeviceFileEvents | where ⟨FileName⟩ and true', 'operand-type');
  });
  it('only dynamic values can be indexed', () => {
    expectErrors('DeviceFileEvents | extend x = ⟨FileName⟩[0]', 'not-dynamic');
    expectErrors('DeviceFileEvents | extend x = ⟨FileName⟩.a', 'not-dynamic');
  });
  it('typeof is only an extract argument', () => {
    expectErrors('print x = strlen(⟨typeof(long)⟩)', 'typeof-misplaced');
  });
  it('unary minus needs a number, timespan or datetime', () => {
    expectErrors('print x = ⟨-"a"⟩', 'operand-type');
    expectErrors('print x = ⟨-true⟩', 'operand-type');
    expectErrors('print x = ⟨+guid(00000000-0000-0000-0000-000000000000)⟩', 'operand-type');
  });
  it('strlen still needs a string or dynamic', () => {
    expectErrors('print x = strlen(⟨1⟩)', 'argument-type');
    expectErrors('print x = strlen(⟨1h⟩)', 'argument-type');
  });
  it('split delimiter, extract source and extract regex must be strings, not dynamic (Kusto.Language KS107)', () => {
    expectErrors('print x = split("a", ⟨dynamic("a")⟩)', 'argument-type');
    expectErrors('print x = extract("(a)", 1, ⟨dynamic("a")⟩)', 'argument-type');
    expectErrors('print x = extract(⟨dynamic("a")⟩, 1, "a")', 'argument-type');
    expectErrors('Small | extend x = extract("a", 0, ⟨d⟩)', 'argument-type');
  });
  it('the extract regex must be a constant, not a column (Kusto.Language KS129)', () => {
    const [d] = expectErrors('DeviceFileEvents | extend x = extract(⟨FolderPath⟩, 0, FileName)', 'argument-not-constant');
    expect(d!.message).toBe("argument 'regex' of 'extract' must be a constant, not a value of the row");
    expectErrors('DeviceFileEvents | extend x = extract(⟨strcat(FolderPath, "x")⟩, 0, FileName)', 'argument-not-constant');
    expectErrors('print r = "a" | extend x = extract(⟨r⟩, 0, "a")', 'argument-not-constant');
    expect(typeOf('extract(r, 0, "a")', 'let r = "(a)"; ')).toBe('string');
  });
  it('the has family rejects a dynamic right operand (Kusto.Language KS106)', () => {
    expectErrors('DeviceFileEvents | where FileName has ⟨dynamic("a")⟩', 'operand-type');
    expectErrors('DeviceFileEvents | where FileName !hasprefix_cs ⟨dynamic("a")⟩', 'operand-type');
    expectErrors('DeviceFileEvents | where FileName hassuffix ⟨dynamic("a")⟩', 'operand-type');
  });
  it('between needs compatible range types', () => {
    expectErrors('print x = ⟨"b" between ("a" .. "c")⟩', 'type-mismatch');
  });
  it('a string operator binds tighter than *, so 2 * 3 has "a" is a type error', () => {
    expectErrors('print x = 2 * ⟨3⟩ has "a"', 'operand-type');
  });
  it('in/!in elements must compare with the left side', () => {
    expectErrors('DeviceFileEvents | where Timestamp in (⟨1h⟩)', 'type-mismatch');
  });
});
