import { basename } from 'node:path';
import { DEFENDER_TABLES } from '@kqlr/common';
import { InputError } from '../../input-error.js';
import { checkTableName } from '../../detect/bind-table.js';
import { inferTable, tableNameHelp } from '../../detect/infer-table.js';
import { arrowSchemaOf } from './columnar-source.js';
import { parquetSchemaOf } from './parquet-source.js';

/**
 * The table of an Arrow / Parquet file: named by the user, else the `kql.table` schema metadata
 * (written by `kqlr convert`), else a file name that is a table name (`DeviceFileEvents.parquet`,
 * what convert writes), else the columns as for a CSV header.
 */
export async function bindColumnarTables(path: string, format: 'arrow' | 'parquet', gzip: boolean, userTable?: string): Promise<{ tables: string[]; rule: string }> {
  if (format === 'parquet' && gzip) throw new InputError(`${path}: gzip-compressed Parquet is not supported (Parquet compresses internally); gunzip it first`, path);
  const schema = format === 'arrow' ? await arrowSchemaOf(path, gzip) : await parquetSchemaOf(path);
  if (userTable !== undefined) {
    checkTableName(userTable, path);
    return { tables: [userTable], rule: 'named by the user' };
  }
  const tagged = schema.metadata.get('kql.table');
  if (tagged !== undefined && tagged in DEFENDER_TABLES) return { tables: [tagged], rule: 'kql.table schema metadata' };
  const stem = basename(path).replace(/\..*$/, '');
  if (stem in DEFENDER_TABLES) return { tables: [stem], rule: `file name ${basename(path)}` };
  const inf = inferTable(schema.fields.map((f) => f.name));
  if (inf.kind === 'table') return { tables: [inf.table], rule: inf.rule };
  throw new InputError(tableNameHelp(path, inf.rule), path);
}
