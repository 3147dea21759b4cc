// The activity model both renderers share: hosts, a process tree per host, and what happened when.
// One model renders to Defender rows (MDE's view) and to Sysmon for Linux records (Sysmon's view), so
// the formats describe the same activity and differ only where the sensors differ.
import { createHash } from 'node:crypto';
import { createRng } from './rng.mjs';
import { TICKS_PER_MS } from './time.mjs';

export const hashText = (algorithm, text) => createHash(algorithm).update(text).digest('hex');
export const basename = (path) => path.slice(path.lastIndexOf('/') + 1);

/** Stable pseudo image hashes: a real binary is not available, so hash its path. */
function imageFacts(image) {
  return {
    sha1: hashText('sha1', `image:${image}`),
    sha256: hashText('sha256', `image:${image}`),
    md5: hashText('md5', `image:${image}`),
    size: 20_000 + (parseInt(hashText('md5', image).slice(0, 6), 16) % 2_000_000),
  };
}

export function createWorld({ seed, now }) {
  const rng = createRng(seed);
  const world = { rng, now, hosts: [], events: [] };
  world.addHost = (spec) => {
    const host = createHost(world, spec);
    world.hosts.push(host);
    return host;
  };
  return world;
}

function createHost(world, spec) {
  const { rng } = world;
  let nextPid = spec.firstPid ?? 900;
  const host = { ...spec, processes: [] };
  const guid = () =>
    `{${spec.guidPrefix}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(8)}0000}`;
  const push = (event) => {
    // Sub-millisecond ticks make Defender's 7-digit fractions realistic; `exact` keeps boundary instants.
    const at = event.exact ? event.at : event.at + BigInt(rng.int(0, 9_999));
    const stored = { host, ...event, at };
    world.events.push(stored);
    return stored;
  };

  /**
   * A new process. `logged: false` means it started before the log window (systemd, sshd): it exists as a
   * parent but has no process-creation row of its own.
   */
  host.spawn = ({ at, parent = null, image, cmd, user = parent?.user ?? 'root', cwd = parent?.cwd ?? '/', session, logged = true, pid }) => {
    nextPid += rng.int(1, 37);
    const proc = {
      host,
      pid: pid ?? nextPid,
      guid: guid(),
      image,
      fileName: basename(image),
      cmd,
      user,
      cwd,
      start: at,
      parent,
      session: session ?? parent?.session ?? { logonId: 0, logonGuid: `{${spec.guidPrefix}-0000-0000-0000-000000000000}`, terminal: 4294967295 },
      uniqueId: String(BigInt(rng.int(100_000, 999_999)) * 1_000_000n + BigInt(rng.int(0, 999_999))),
      ...imageFacts(image),
    };
    host.processes.push(proc);
    if (logged) {
      proc.event = push({ kind: 'process', at, proc });
      proc.start = proc.event.at;
    }
    return proc;
  };

  /** A login session (sshd -> bash), used as `session` of the processes it starts. */
  host.session = ({ logonId, terminal }) => ({
    logonId,
    logonGuid: `{${spec.guidPrefix}-${rng.hex(4)}-${rng.hex(4)}-${logonId.toString(16).padStart(4, '0')}-000000000000}`,
    terminal,
  });

  /**
   * A file event as MDE reports it. `sysmonProc` is the process Sysmon blames when it differs from MDE's
   * initiating process (Sysmon names the process that opened the file with O_CREAT, e.g. the shell of a
   * `cat > file` redirection). `sysmon: false` when Sysmon would log nothing (config excludes the path, or
   * the open did not newly create a regular file).
   */
  host.file = ({ at, exact = false, proc, action, path, previousPath = null, content = null, size, sysmon = true, sysmonProc = proc, ruleName = '-' }) =>
    push({
      kind: 'file',
      at,
      exact,
      proc,
      sysmonProc,
      action,
      path,
      previousPath,
      content,
      size: size ?? (content === null ? null : Buffer.byteLength(content)),
      sysmon,
      ruleName,
    });

  /** Process exit: only Sysmon reports it (EventID 5). */
  host.exit = (proc, at) => push({ kind: 'exit', at, proc });

  /** Network connection: only Sysmon's EventID 3 is rendered (DeviceNetworkEvents is out of scope). */
  host.connect = ({ at, proc, protocol = 'tcp', sourceIp, sourcePort, destinationIp, destinationPort, initiated = true }) =>
    push({ kind: 'network', at, proc, protocol, sourceIp, sourcePort, destinationIp, destinationPort, initiated });

  /** A line of another program in the host's syslog (sshd, CRON, systemd, kernel). */
  host.syslog = (at, program, message) => push({ kind: 'syslog', at, program, message });

  return host;
}

/** Helpers for scenario code: offsets from an instant in ticks. */
export const ms = (n) => BigInt(Math.round(n)) * TICKS_PER_MS;

/** Attach the ground truth to a model event (a file event, or a process via `proc.event`). */
export function mark(eventOrProc, label, category, scenario, only) {
  const event = eventOrProc.kind ? eventOrProc : eventOrProc.event;
  if (!event) throw new Error(`cannot label an unlogged process in ${scenario}`);
  event.label = { label, category, scenario, only };
  return eventOrProc;
}
