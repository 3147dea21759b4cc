import type { Rng } from './rng.js';

/**
 * What the synthetic Linux hosts do: process templates and the paths they touch. The systemd
 * paths and names exercise every edge of the T1543.002 rule (kql-semantics.md §5.3): punctuation-
 * edged has_any needles (plain substring), name needles that need term boundaries
 * (`systemd-network` vs `systemd-networkd`), endswith case folding (`.SERVICE`), and decoys that
 * differ by one character (`/etc/systemd/system.conf`, `.timer`, `x.service.d/override.conf`).
 */
export interface ProcessTemplate {
  image: string;
  /** Builds a command line; null means the event carries none. */
  commandLine: (rng: Rng, user: string) => string | null;
  users: readonly string[];
  parentImage: string;
}

const USERS = ['root', 'ubuntu', 'svc-app', 'deploy', 'postgres', 'www-data'] as const;
const PACKAGES = ['nginx-common', 'openssl', 'libc6', 'python3.11-minimal', 'containerd.io', 'tzdata', 'curl'];

export const NORMAL_PROCESSES: readonly ProcessTemplate[] = [
  { image: '/usr/bin/python3.11', commandLine: () => '/usr/bin/python3.11 /opt/app/worker.py --queue jobs,retry', users: ['svc-app'], parentImage: '/usr/lib/systemd/systemd' },
  { image: '/usr/sbin/rsyslogd', commandLine: () => '/usr/sbin/rsyslogd -n -iNONE', users: ['syslog', 'root'], parentImage: '/usr/lib/systemd/systemd' },
  { image: '/usr/bin/containerd', commandLine: () => '/usr/bin/containerd', users: ['root'], parentImage: '/usr/lib/systemd/systemd' },
  { image: '/usr/bin/dockerd', commandLine: () => '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock', users: ['root'], parentImage: '/usr/lib/systemd/systemd' },
  { image: '/usr/bin/node', commandLine: () => 'node /srv/app/server.js --port=8080 --title="Upload service"', users: ['www-data'], parentImage: '/usr/bin/bash' },
  { image: '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', commandLine: () => '/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xmx2g -cp /opt/kafka/libs/* kafka.Kafka /opt/kafka/config/server.properties', users: ['svc-app'], parentImage: '/usr/lib/systemd/systemd' },
  { image: '/usr/sbin/logrotate', commandLine: () => '/usr/sbin/logrotate /etc/logrotate.conf', users: ['root'], parentImage: '/usr/sbin/cron' },
  { image: '/usr/bin/pip3', commandLine: (r) => `/usr/bin/python3 /usr/bin/pip3 install --user requests==2.${r.int(32)}.0`, users: ['ubuntu', 'deploy'], parentImage: '/usr/bin/bash' },
  { image: '/usr/bin/dash', commandLine: (r) => `sh -c "printf 'a\\tb\\\\n' > /tmp/out-${r.int(100)}.txt"`, users: ['ubuntu', ''], parentImage: '/usr/sbin/cron' },
  { image: '/usr/lib/postgresql/15/bin/postgres', commandLine: () => null, users: ['postgres'], parentImage: '/usr/lib/systemd/systemd' },
];

/** Processes that write unit files (legitimately or not). */
export const UNIT_WRITERS: readonly ProcessTemplate[] = [
  { image: '/usr/bin/bash', commandLine: (r) => `bash -c "echo '[Unit]' > /etc/systemd/system/art-systemd-service-${r.int(9)}.service"`, users: ['root'], parentImage: '/usr/bin/sudo' },
  { image: '/usr/bin/cat', commandLine: () => 'cat', users: ['root'], parentImage: '/usr/bin/bash' },
  { image: '/usr/bin/dpkg', commandLine: (r) => `/usr/bin/dpkg --status-fd 35 --configure ${r.pick(PACKAGES)}:amd64`, users: ['root'], parentImage: '/usr/bin/apt-get' },
  { image: '/usr/bin/systemctl', commandLine: () => 'systemctl daemon-reload', users: ['root'], parentImage: '/usr/bin/bash' },
  { image: '/usr/bin/python3.11', commandLine: (r) => `/usr/bin/python3 /root/.ansible/tmp/ansible-tmp-${1715600000 + r.int(99999)}.53-${r.int(9999)}/AnsiballZ_systemd.py`, users: ['root', 'deploy'], parentImage: '/usr/bin/sh' },
  { image: '/usr/bin/vim.basic', commandLine: () => 'vim /etc/systemd/system/app.service', users: ['deploy', 'root'], parentImage: '/usr/bin/bash' },
  { image: '/usr/bin/tee', commandLine: () => null, users: ['ubuntu', ''], parentImage: '/usr/bin/sudo' },
];

export function pickUser(rng: Rng, template: ProcessTemplate): string {
  return rng.pick(template.users.length > 0 ? template.users : USERS);
}

/** A path an ordinary workload touches; about 0.4 distinct values per row (hex components). */
export function normalPath(rng: Rng, user: string): string {
  const home = user === '' || user === 'root' ? '/root' : `/home/${user}`;
  switch (rng.int(12)) {
    case 0: return `/var/tmp/tmp${rng.hex(6)}.tmp`;
    case 1: return rng.pick(['/var/log/syslog', '/var/log/auth.log', '/var/log/kern.log']);
    case 2: return `/var/log/nginx/access.log.${1 + rng.int(9)}`;
    case 3: return `/var/lib/docker/overlay2/${rng.hex(64)}/diff/usr/lib/x86_64-linux-gnu/libssl.so.3`;
    case 4: return `${home}/.cache/pip/http/${rng.hex(1)}/${rng.hex(2)}/${rng.hex(40)}`;
    case 5: return `/srv/app/uploads/${rng.pick(['résumé', 'Überweisung', 'report, final', 'naïve plan'])}-${rng.hex(8)}.pdf`;
    case 6: return rng.pick(['/etc/nginx/sites-enabled/default', '/etc/hosts', '/etc/resolv.conf', '/etc/systemd/journald.conf']);
    case 7: return `/usr/share/doc/${rng.pick(PACKAGES)}/changelog.Debian.gz`;
    case 8: return `/var/lib/kafka/data/events-${rng.int(12)}/${String(rng.int(1e6)).padStart(20, '0')}.log`;
    case 9: return `/var/cache/apt/archives/partial/${rng.pick(PACKAGES)}_1.${rng.int(30)}_amd64.deb`;
    case 10: return `/var/lib/postgresql/15/main/base/${16384 + rng.int(8)}/${rng.int(40000)}`;
    default: return `/tmp/out-${rng.int(100)}.txt`;
  }
}

const UNIT_DIRS: readonly (readonly [string, number])[] = [
  ['/etc/systemd/system/', 30],
  ['/lib/systemd/system/', 20],
  ['/usr/lib/systemd/system/', 20],
  ['/run/systemd/system/', 10],
  ['{home}/.config/systemd/user/', 8],
  ['/etc/systemd/user/', 5],
  ['/etc/systemd/system/multi-user.target.wants/', 4],
  // Needles edged by punctuation match anywhere, also inside a longer path.
  ['/var/backups/etc/systemd/system/', 2],
  // has_any folds case.
  ['/ETC/SYSTEMD/SYSTEM/', 1],
];

const UNIT_NAMES: readonly (readonly [string, number])[] = [
  ['nginx.service', 10], ['docker.service', 8], ['containerd.service', 6], ['ssh.service', 5],
  ['app-worker.service', 8], ['kafka.service', 4], ['node-exporter.service', 4], ['art-systemd-service.service', 3],
  ['run-r{hex}.service', 6], ['snap.lxd.daemon.service', 2],
  // IsSuspiciousName true (term boundaries hold)
  ['syslogd.service', 2], ['systemd-network.service', 2], ['systemd-resolve.service', 1], ['kthreadd.service', 1],
  ['netns.service', 1], ['cron2.service', 1], ['update-rc.service', 1], ['sshd2.service', 1], ['rsyslogd.service', 2],
  ['systemd-network-generator.service', 2], ['dbus-kthreadd.service', 1], ['kthreadd@1.service', 1],
  // IsSuspiciousName false (a term character fuses with the needle)
  ['systemd-networkd.service', 4], ['systemd-resolved.service', 4], ['xsyslogd.service', 1], ['cron2d.service', 1],
  ['sshd22.service', 1], ['netnsd.service', 1],
  // endswith folds case
  ['Evil.SERVICE', 1], ['SYSLOGD.Service', 1],
];

/** A unit file the rule should see (has_any true, endswith ".service" true). */
export function unitPath(rng: Rng, user: string): string {
  const home = user === '' || user === 'root' ? '/root' : `/home/${user}`;
  const dir = rng.weighted(UNIT_DIRS).replace('{home}', home);
  const name = rng.weighted(UNIT_NAMES).replace('{hex}', rng.hex(8));
  return dir + name;
}

/** Paths one character away from a match: the rule must reject every one. */
const DECOYS: readonly string[] = [
  '/etc/systemd/system.conf',
  '/etc/systemd/system/backup.timer',
  '/etc/systemd/system/nginx.service.d/override.conf',
  '/usr/lib/systemd/systemd-networkd',
  '/lib/systemd/systemd-networkd.service',
  '/etc/systemd/system-generators/gen.service',
  '/etc/systemd/systemx/a.service',
  '/home/ubuntu/.config/systemd/users/x.service',
  '/home/ubuntu/config/systemd/user/x.service',
  '/etc/systemd/system/foo.service.bak',
  '/etc/systemd/system/foo.services',
  '/run/systemd/system/session-4.scope',
  '/opt/app/app.service',
];

export function decoyPath(rng: Rng): string {
  return rng.pick(DECOYS);
}
