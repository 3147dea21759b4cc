#!/usr/bin/env node
// Writes the two labelled T1543.002 datasets from the same seeded model as datasets/demo (whose files
// they replay, so the data is stored once): `node datasets/labelled/generate.mjs` after
// `node datasets/demo/generate.mjs`. Labels come from the ground truth each scenario attaches to its events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO } from '../demo/params.mjs';
import { buildEstate } from '../demo/lib/estate.mjs';
import { sysmonSees } from '../demo/lib/sysmon.mjs';
import { isoTicks, toMs } from '../demo/lib/time.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { world } = buildEstate(DEMO);

const THRESHOLDS = {
  // What a T1543.002 rule must reach on these data before it ships; see README.md for the counting rules.
  // combined.kql passes both; detection1.kql and detection2.kql alone fail minRecall.
  't1543-002-defender': { minRecall: 0.5, minPrecision: 0.3, maxFalsePositives: 30 },
  't1543-002-sysmon': { minRecall: 0.5, minPrecision: 0.3, maxFalsePositives: 30 },
};

/** The normalised Defender-schema row a label matches: the columns every T1543.002 rule projects. */
function matchOf(event, view) {
  const sysmon = view === 'sysmon';
  const at = sysmon ? toMs(event.at) : event.at;
  const isProcess = event.kind === 'process';
  return {
    DeviceName: sysmon ? event.host.name : event.host.fqdn,
    Timestamp: isoTicks(at),
    ActionType: isProcess ? 'ProcessCreated' : event.action,
    FolderPath: isProcess ? event.proc.image : event.path,
  };
}

function labelsFor(view) {
  const lines = [];
  const seen = new Set();
  for (const event of world.events) {
    if (!event.label || (event.label.only && event.label.only !== view)) continue;
    if (view === 'sysmon' && !sysmonSees(event)) continue;
    const table = event.kind === 'process' ? 'DeviceProcessEvents' : 'DeviceFileEvents';
    const match = matchOf(event, view);
    const key = JSON.stringify([table, match]);
    if (seen.has(key)) throw new Error(`two labelled rows share the match ${key}`);
    seen.add(key);
    const { label, category, scenario } = event.label;
    lines.push({ at: event.at, text: JSON.stringify({ table, match, label, category, scenario }) });
  }
  lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return lines.map((l) => l.text);
}

const DATASETS = [
  {
    folder: 't1543-002-defender',
    view: 'defender',
    description: 'T1543.002 (systemd service persistence) on four Linux hosts as Defender for Endpoint sees them: DeviceFileEvents and DeviceProcessEvents streamed records, 2 days. Synthetic; see README.md.',
    inputs: ['../../demo/defender-streaming.jsonl'],
  },
  {
    folder: 't1543-002-sysmon',
    view: 'sysmon',
    description: 'The same T1543.002 activity as Sysmon for Linux logs it to syslog (EventID 1/3/5/11/23; no FileModified or rename events), 2 days. Synthetic; see README.md.',
    inputs: ['../../demo/sysmon-syslog.log'],
  },
];

for (const dataset of DATASETS) {
  const dir = join(here, dataset.folder);
  mkdirSync(dir, { recursive: true });
  const labels = labelsFor(dataset.view);
  const manifest = {
    name: dataset.folder,
    description: dataset.description,
    now: DEMO.now,
    inputs: dataset.inputs,
    labels: 'labels.jsonl',
    unlabelled: 'benign',
    thresholds: THRESHOLDS[dataset.folder],
  };
  writeFileSync(join(dir, 'dataset.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'labels.jsonl'), `${labels.join('\n')}\n`);
  const counts = labels.map(JSON.parse).reduce((acc, l) => ({ ...acc, [l.label]: (acc[l.label] ?? 0) + 1 }), {});
  console.log(`${dataset.folder}: ${labels.length} labels ${JSON.stringify(counts)}`);
}
