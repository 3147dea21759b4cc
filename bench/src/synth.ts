import { createHash } from 'node:crypto';
import { TICKS_PER_DAY, TICKS_PER_MINUTE, TICKS_PER_SECOND, formatDatetime, parseIsoDatetime } from '@kqlr/common';
import { Rng } from './rng.js';
import type { FileEventRow, SynthHost, SynthProcess } from './row.js';
import {
  NORMAL_PROCESSES, UNIT_WRITERS, decoyPath, normalPath, pickUser, unitPath, type ProcessTemplate,
} from './synth-catalog.js';

export interface SynthOptions {
  rows: number;
  seed?: number;
  hosts?: number;
}

/** Last instant of the generated window; `--now` for every contender. */
export const WINDOW_END_TICKS: bigint = parseIsoDatetime('2024-05-17T00:00:00Z')!;
export const WINDOW_TICKS = 3n * TICKS_PER_DAY;
export const DEFAULT_SEED = 0x5eed;

const ROLES = ['web', 'db', 'app', 'k8s-node', 'ci-runner', 'bastion', 'cache', 'mq'];

function makeHosts(rng: Rng, count: number): SynthHost[] {
  const hosts: SynthHost[] = [];
  for (let i = 0; i < count; i++) {
    const aws = i % 5 === 4;
    const short = aws ? `ip-172-31-${rng.int(256)}-${i}` : `${ROLES[i % ROLES.length]}-${String(i).padStart(3, '0')}`;
    const fqdn = aws ? `${short}.eu-central-1.compute.internal` : `${short}.prod.contoso.internal`;
    hosts.push({
      fqdn,
      short,
      deviceId: createHash('sha1').update(fqdn).digest('hex'),
      recordId: 1000 + rng.int(100000),
      machineGuidPart: rng.hex(8),
    });
  }
  return hosts;
}

const ACTIONS: readonly (readonly [string, number])[] = [
  ['FileCreated', 45], ['FileModified', 30], ['FileDeleted', 15], ['FileRenamed', 10],
];

type RowKind = 'normal' | 'unit' | 'decoy';

/**
 * Deterministic DeviceFileEvents rows in arrival order: Timestamp drifts forward over three days
 * with ±10 min jitter (streamed exports are in receive order, not event order). About 0.5% of rows
 * touch unit files, 0.3% are decoys. Two rows sit on the `ago(24h)` boundary (exactly at it, and
 * one tick after) so a contender that truncates the 7th fraction digit disagrees.
 */
export function* synthesizeRows(options: SynthOptions): Generator<FileEventRow> {
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const hosts = makeHosts(rng, options.hosts ?? 200);
  const pools = hosts.map(() => new Map<ProcessTemplate, SynthProcess>());
  const start = WINDOW_END_TICKS - WINDOW_TICKS;
  const cutoff = WINDOW_END_TICKS - TICKS_PER_DAY;
  const boundaryAt = Math.floor((options.rows * 2) / 3);
  const n = options.rows;
  let reportId = 1;

  const processFor = (hostIndex: number, template: ProcessTemplate, at: bigint): SynthProcess => {
    const pool = pools[hostIndex]!;
    let proc = pool.get(template);
    if (!proc || rng.chance(0.03)) {
      const pid = 300 + rng.int(4_000_000);
      const user = pickUser(rng, template);
      proc = {
        guid: `{${hosts[hostIndex]!.machineGuidPart}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(8)}0000}`,
        pid,
        image: template.image,
        fileName: template.image.slice(template.image.lastIndexOf('/') + 1),
        commandLine: template.commandLine(rng, user),
        user,
        creationTicks: at - BigInt(rng.int(3600)) * TICKS_PER_SECOND - BigInt(rng.int(10_000_000)),
        parentPid: 1 + rng.int(pid),
        parentImage: template.parentImage,
        parentCommandLine: template.parentImage,
        announced: false,
      };
      pool.set(template, proc);
    }
    return proc;
  };

  for (let i = 0; i < n; i++) {
    const hostIndex = rng.int(hosts.length);
    const host = hosts[hostIndex]!;
    const drift = (WINDOW_TICKS * BigInt(i)) / BigInt(Math.max(n, 1));
    const jitter = BigInt(rng.int(20 * 60)) * TICKS_PER_SECOND - 10n * TICKS_PER_MINUTE;
    let ts = start + drift + jitter + BigInt(rng.int(10_000_000));
    if (ts < start) ts = start + BigInt(rng.int(10_000_000));
    if (ts >= WINDOW_END_TICKS) ts = WINDOW_END_TICKS - 1n - BigInt(rng.int(10_000_000));

    let kind: RowKind = rng.weighted<RowKind>([['normal', 992], ['unit', 5], ['decoy', 3]]);
    let action = rng.weighted(ACTIONS);
    if (i === boundaryAt || i === boundaryAt + 1) {
      kind = 'unit';
      action = 'FileCreated';
      ts = cutoff + (i === boundaryAt ? 0n : 1n);
    }
    const template = kind === 'normal' ? rng.pick(NORMAL_PROCESSES) : rng.pick(UNIT_WRITERS);
    const proc = processFor(hostIndex, template, ts);
    const folderPath =
      kind === 'normal' ? normalPath(rng, proc.user) : kind === 'unit' ? unitPath(rng, proc.user) : decoyPath(rng);
    const hashed = action !== 'FileDeleted' || rng.chance(0.5);
    yield {
      timestamp: ts,
      timestampText: formatDatetime(ts),
      deviceId: host.deviceId,
      deviceName: host.fqdn,
      actionType: action,
      fileName: folderPath.slice(folderPath.lastIndexOf('/') + 1),
      folderPath,
      sha1: hashed ? rng.hex(40) : null,
      fileSize: hashed ? rng.int(5_000_000) : null,
      accountDomain: host.fqdn,
      accountName: proc.user,
      processFileName: proc.fileName,
      processFolderPath: proc.image,
      processId: proc.pid,
      processCommandLine: proc.commandLine,
      reportId: reportId++,
      host,
      process: proc,
    };
  }
}
