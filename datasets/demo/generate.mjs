#!/usr/bin/env node
// Regenerates the demo files from the seeded model: `node datasets/demo/generate.mjs`.
// Plain Node 20, no dependencies; the same seed always writes the same bytes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO } from './params.mjs';
import { buildEstate } from './lib/estate.mjs';
import { defenderRows, portalCsv, streamingJsonl } from './lib/defender.mjs';
import { sysmonRecords, syslogText } from './lib/sysmon.mjs';


const here = dirname(fileURLToPath(import.meta.url));
const { world } = buildEstate(DEMO);
const rows = defenderRows(world);
const records = sysmonRecords(world);
const files = {
  'defender-streaming.jsonl': streamingJsonl(rows, { tenantId: DEMO.tenantId }),
  'defender-portal-DeviceFileEvents.csv': portalCsv(rows),
  'sysmon-syslog.log': syslogText(world, records),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(here, name), text);
const count = (table) => rows.filter((r) => r.table === table).length;
console.log(`defender: ${count('DeviceFileEvents')} DeviceFileEvents, ${count('DeviceProcessEvents')} DeviceProcessEvents; sysmon: ${records.length} records`);
