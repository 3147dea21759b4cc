import { InputError, openInputs } from '@kqlr/readers';

const json = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Everything the readers make of a file: every table's rows, the malformed records, or the InputError. */
export async function readEverything(path: string, batchSize: number, table?: string): Promise<string> {
  const malformed: string[] = [];
  const out: string[] = [];
  try {
    const set = await openInputs([table === undefined ? { path } : { path, table }], { batchSize, onMalformed: (m) => malformed.push(`${m.line ?? ''}@${m.offset ?? ''}:${m.reason}`) });
    for (const name of [...set.tables.keys()].sort()) {
      out.push(`table ${name}`);
      for await (const batch of set.tables.get(name)!.scan()) {
        for (const row of batch.toArray()) out.push(json(row.toJSON()));
      }
    }
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // A failed read fails the run: rows streamed before the error (more of them with small
    // batches) are not a result, so only the error is compared.
    return `InputError ${err.message}`;
  }
  return [...out, ...malformed].join('\n');
}

/** Rows of one table of a file, as `readEverything` prints them. */
export async function rowsOfTable(path: string, table: string): Promise<string[]> {
  const set = await openInputs([{ path }]);
  const rows: string[] = [];
  for await (const batch of set.tables.get(table)!.scan()) for (const row of batch.toArray()) rows.push(json(row.toJSON()));
  return rows;
}
