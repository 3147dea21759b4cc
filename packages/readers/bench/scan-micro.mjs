// Times a readers-only scan of one file with and without the seed rule's text needles
// (node scan-micro.mjs FILE [TABLE]).
import { openInputs } from '../dist/index.js';
const [file, table = 'DeviceFileEvents'] = process.argv.slice(2);
const needles = ['/etc/systemd/system/', '/lib/systemd/system/', '/usr/lib/systemd/system/', '/run/systemd/system/', '.config/systemd/user/', '/etc/systemd/user/'];
const columns = ['Timestamp', 'DeviceName', 'ActionType', 'FolderPath', 'FileName', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'InitiatingProcessAccountName'];
for (const withNeedles of [true, false, true, false]) {
  const set = await openInputs([{ path: file, table }]);
  const t0 = performance.now();
  let rows = 0;
  for await (const b of set.tables.get(table).scan({ columns, ...(withNeedles ? { textNeedles: needles } : {}) })) rows += b.numRows;
  console.log(withNeedles ? 'needles   ' : 'no needles', (performance.now() - t0).toFixed(0).padStart(6), 'ms', rows, 'rows');
}
