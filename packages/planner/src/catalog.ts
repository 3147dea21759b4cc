import { DEFENDER_TABLES, type TableSchema } from '@kqlr/common/core';

/**
 * The tables a query may read. A table's schema comes from the catalog only (never from data),
 * so binding is independent of what files happen to exist. Names are case-sensitive, as in Kusto.
 */
export interface Catalog {
  getTable(name: string): TableSchema | undefined;
  tableNames(): string[];
}

export function createCatalog(tables: readonly TableSchema[]): Catalog {
  const byName = new Map<string, TableSchema>();
  for (const table of tables) {
    if (table.name === undefined) throw new Error('catalog tables need a name');
    if (byName.has(table.name)) throw new Error(`duplicate catalog table '${table.name}'`);
    byName.set(table.name, table);
  }
  return {
    getTable: (name) => byName.get(name),
    tableNames: () => [...byName.keys()],
  };
}

/** The Microsoft Defender Advanced Hunting tables kql-replay knows (common/defender-schema.ts). */
export function defenderCatalog(): Catalog {
  return createCatalog(Object.values(DEFENDER_TABLES));
}
