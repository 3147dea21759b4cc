// The whole synthetic estate: four hosts, every scenario at a fixed offset before `now`.
// Both the demo and the labelled datasets are rendered from this one model.
import { createWorld } from './model.mjs';
import { addHosts } from './hosts.mjs';
import { parseInstant, TICKS_PER_MINUTE } from './time.mjs';
import * as bad from './scenarios-malicious.mjs';
import * as good from './scenarios-benign.mjs';
import { everydayNoise, longCommandLine, sysmonStatusLine, transientUnit, windowEdges } from './scenarios-noise.mjs';

/** `[host, hoursAgo, scenario]`: kept in one table so the READMEs can quote it. */
export const SCHEDULE = [
  ['web01', 20, good.aptInstall],
  ['web01', 11, good.ansible],
  ['web01', 8, good.adminEdits],
  ['web01', 5, bad.artTest1],
  ['web01', 4, bad.artTest3],
  ['web01', 3, bad.vendorUnitModified],
  ['app02', 22, good.dockerInstall],
  ['app02', 13, good.chef],
  ['app02', 9, bad.teamTnt],
  ['app02', 7, bad.movedIntoPlace],
  ['app02', 6.5, bad.userLevel],
  ['db01', 18, good.rpmFamily],
  ['db01', 14, bad.rocke],
  ['db01', 12, bad.timerUnit],
  ['db01', 10, good.puppet],
  ['db01', 6, bad.upperCaseSuffix],
  ['dev03', 17, good.salt],
  ['dev03', 10, good.systemdUpgrade],
  ['dev03', 3, good.developer],
  ['dev03', 2, transientUnit],
  ['app02', 15, longCommandLine],
  ['web01', 26, sysmonStatusLine],
];

export function buildEstate({ seed, now }) {
  const world = createWorld({ seed, now: parseInstant(now) });
  const hosts = addHosts(world);
  everydayNoise(world, hosts);
  windowEdges(world, hosts);
  for (const [name, hoursAgo, scenario] of SCHEDULE) {
    scenario(hosts[name], world.now - BigInt(Math.round(hoursAgo * 60)) * TICKS_PER_MINUTE + BigInt(world.rng.int(0, 59_999)) * 10_000n);
  }
  assertCausality(world);
  return { world, hosts };
}

/** Every logged process starts after its parent, and every event happens while its process is alive. */
function assertCausality(world) {
  for (const event of world.events) {
    const proc = event.kind === 'file' ? event.proc : event.proc;
    if (!proc) continue;
    if (event.kind === 'process' && proc.parent && proc.parent.start > proc.start) {
      throw new Error(`${proc.host.name}: "${proc.cmd}" starts before its parent "${proc.parent.cmd}"`);
    }
    if (event.kind !== 'process' && event.at < proc.start) {
      throw new Error(`${proc.host.name}: ${event.kind} ${event.path ?? ''} before "${proc.cmd}" started`);
    }
  }
}
