import { describe, expect, it } from 'vitest';
import { createCatalog, defenderCatalog } from './catalog.js';

describe('catalog', () => {
  it('knows the Defender tables with their reference column order', () => {
    const catalog = defenderCatalog();
    expect(catalog.tableNames().sort()).toEqual(['DeviceFileEvents', 'DeviceProcessEvents']);
    const dfe = catalog.getTable('DeviceFileEvents')!;
    expect(dfe.columns[0]).toEqual({ name: 'Timestamp', type: 'datetime' });
    expect(dfe.columns.find((c) => c.name === 'FileSize')?.type).toBe('long');
  });
  it('looks tables up case-sensitively', () => {
    expect(defenderCatalog().getTable('devicefileevents')).toBeUndefined();
  });
  it('builds a catalog from schemas and rejects unnamed or duplicate tables', () => {
    const t = { name: 'T', columns: [{ name: 'a', type: 'long' as const }] };
    expect(createCatalog([t]).getTable('T')).toBe(t);
    expect(() => createCatalog([{ columns: [] }])).toThrow(/name/);
    expect(() => createCatalog([t, t])).toThrow(/duplicate/);
  });
});
