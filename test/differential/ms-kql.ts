/**
 * Typed wrapper around Microsoft's KQL parser/type checker (`@kusto/language-service-next`, the
 * Kusto.Language C# library compiled to JavaScript with Bridge.NET).
 *
 * The package is a pair of classic scripts, not a module: `bridge.js` installs the .NET runtime
 * shim as the globals `Bridge` and `System`, then `Kusto.Language.Bridge.js` registers the
 * `Kusto` namespace on the same global. Loading order therefore matters, and the package must be
 * loaded through `require` (CJS) so that `module.exports` exists and Bridge picks `global`.
 * Bridge adds only those three globals (checked: no built-in prototype is patched), so loading it
 * in the same process as our parser does not change our behaviour.
 *
 * Only the handful of members used here are typed; Bridge.NET keeps .NET names (`Count`,
 * `getItem`, overloaded constructors as `ctor`, `$ctor4`, ...).
 */
import { createRequire } from 'node:module';
import { DEFENDER_TABLES, type KqlType } from '@kqlr/common';

export interface MsDiagnostic {
  /** Kusto.Language diagnostic code, `KS` + digits (e.g. `KS142` unknown name). */
  code: string;
  /** `Error`, `Warning`, `Suggestion` or `Information`, as Kusto.Language spells them. */
  severity: string;
  message: string;
  /** UTF-16 offset into the query text. */
  start: number;
  length: number;
}

export interface MsVerdict {
  /** True when Kusto.Language reports no error-severity diagnostic. */
  accepted: boolean;
  /** Every diagnostic, in Kusto.Language's order (errors, warnings and suggestions). */
  diagnostics: MsDiagnostic[];
}

interface BridgeList<T> {
  Count: number;
  getItem(index: number): T;
}

interface KustoDiagnostic {
  Code: string | null;
  Severity: string | null;
  Message: string | null;
  Start: number;
  Length: number;
}

interface KustoCode {
  GetDiagnostics(): BridgeList<KustoDiagnostic>;
}

interface KustoSymbol {
  readonly Name: string | null;
}

interface KustoGlobalState {
  WithDatabase(database: KustoSymbol): KustoGlobalState;
}

interface KustoLanguage {
  KustoCode: { ParseAndAnalyze(text: string, globals: KustoGlobalState): KustoCode };
  GlobalState: { Default: KustoGlobalState };
  Symbols: {
    ScalarTypes: Record<string, KustoSymbol>;
    ColumnSymbol: { ctor: new (name: string, type: KustoSymbol) => KustoSymbol };
    TableSymbol: { $ctor4: new (name: string, columns: KustoSymbol[]) => KustoSymbol };
    DatabaseSymbol: { ctor: new (name: string, members: KustoSymbol[]) => KustoSymbol };
  };
}

/** Our scalar types -> the `Kusto.Language.Symbols.ScalarTypes` member of the same type. */
const SCALAR_TYPE_NAMES: Readonly<Record<KqlType, string>> = {
  bool: 'Bool',
  int: 'Int',
  long: 'Long',
  real: 'Real',
  decimal: 'Decimal',
  string: 'String',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  guid: 'Guid',
  dynamic: 'Dynamic',
};

/** The tables Microsoft sees: exactly the Defender schemas kql-replay knows. */
export const MS_TABLE_NAMES: readonly string[] = ['DeviceFileEvents', 'DeviceProcessEvents'];

let cached: { kusto: KustoLanguage; globals: KustoGlobalState } | undefined;

function loadKusto(): KustoLanguage {
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  const root = (globalThis as { Kusto?: { Language?: KustoLanguage } }).Kusto;
  if (!root?.Language) throw new Error('@kusto/language-service-next did not register Kusto.Language');
  return root.Language;
}

function buildGlobals(kusto: KustoLanguage): KustoGlobalState {
  const { ScalarTypes, ColumnSymbol, TableSymbol, DatabaseSymbol } = kusto.Symbols;
  const tables = MS_TABLE_NAMES.map((name) => {
    const schema = DEFENDER_TABLES[name];
    if (!schema) throw new Error(`no Defender schema for ${name}`);
    const columns = schema.columns.map((c) => {
      const type = ScalarTypes[SCALAR_TYPE_NAMES[c.type]];
      if (!type) throw new Error(`no Kusto scalar type for ${c.type}`);
      return new ColumnSymbol.ctor(c.name, type);
    });
    return new TableSymbol.$ctor4(name, columns);
  });
  return kusto.GlobalState.Default.WithDatabase(new DatabaseSymbol.ctor('defender', tables));
}

function microsoft(): { kusto: KustoLanguage; globals: KustoGlobalState } {
  if (!cached) {
    const kusto = loadKusto();
    cached = { kusto, globals: buildGlobals(kusto) };
  }
  return cached;
}

/**
 * Parses and type-checks `text` with Kusto.Language against a database holding
 * DeviceFileEvents and DeviceProcessEvents. Only error-severity diagnostics reject the query;
 * Kusto.Language also reports warnings and suggestions, which are returned but do not count.
 */
export function analyzeWithMicrosoft(text: string): MsVerdict {
  const { kusto, globals } = microsoft();
  const list = kusto.KustoCode.ParseAndAnalyze(text, globals).GetDiagnostics();
  const diagnostics: MsDiagnostic[] = [];
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    diagnostics.push({
      code: d.Code ?? '',
      severity: d.Severity ?? '',
      message: d.Message ?? '',
      start: d.Start,
      length: d.Length,
    });
  }
  return { accepted: !diagnostics.some((d) => d.severity === 'Error'), diagnostics };
}
