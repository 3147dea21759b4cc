// The four Linux hosts of the synthetic estate and their long-running processes (started before the
// log window, so they appear only as parents). Each host has its own syslog prefix style (§4.4).
import { hashText } from './model.mjs';
import { TICKS_PER_HOUR } from './time.mjs';

const HOSTS = [
  { name: 'web01', os: 'Ubuntu 22.04', syslogStyle: { style: 'rfc3339', offsetMinutes: 0 }, guidPrefix: '3f1c0a7e', sysmonPid: 788 },
  { name: 'app02', os: 'Ubuntu 20.04 (Docker host)', syslogStyle: { style: 'rfc3339', offsetMinutes: 120 }, guidPrefix: 'a94d22b1', sysmonPid: 1109, sysmonTagPid: 1109 },
  { name: 'db01', os: 'RHEL 9.4', syslogStyle: { style: 'traditional', offsetMinutes: 0 }, guidPrefix: '5be8d403', sysmonPid: 1021 },
  { name: 'dev03', os: 'Ubuntu 24.04 (developer workstation)', syslogStyle: { style: 'traditional', offsetMinutes: 0, pri: true }, guidPrefix: 'c07f6e95', sysmonPid: 642 },
];

export function addHosts(world, { domain = 'contoso.local' } = {}) {
  const hosts = {};
  for (const spec of HOSTS) {
    const fqdn = `${spec.name}.${domain}`;
    const host = world.addHost({
      ...spec,
      fqdn,
      deviceId: hashText('sha1', `device:${fqdn}`),
      reportIdBase: world.rng.int(10_000, 90_000),
      recordIdBase: world.rng.int(100_000, 900_000),
      uids: { admin: 1000, ubuntu: 1000, jsmith: 1001, deploy: 1002, 'www-data': 33 },
    });
    const boot = world.now - BigInt(world.rng.int(80, 400)) * TICKS_PER_HOUR;
    host.systemd = host.spawn({ at: boot, image: '/usr/lib/systemd/systemd', cmd: '/sbin/init', logged: false, pid: 1 });
    host.sshd = host.spawn({ at: boot + 40_000_000n, parent: host.systemd, image: '/usr/sbin/sshd', cmd: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', logged: false });
    host.cron = host.spawn({
      at: boot + 41_000_000n,
      parent: host.systemd,
      image: '/usr/sbin/cron',
      cmd: spec.name === 'db01' ? '/usr/sbin/crond -n' : '/usr/sbin/cron -f -P',
      logged: false,
    });
    hosts[spec.name] = host;
  }
  return hosts;
}
