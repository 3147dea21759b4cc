// Everyday activity around the scenarios: cron jobs, log rotation, transient units, SSH noise, and the
// time-window edge cases (an old unit, one exactly at now-24h, one a millisecond inside).
import { run, systemctl } from './actions.mjs';
import { mark, ms } from './model.mjs';
import { TICKS_PER_HOUR } from './time.mjs';

const CRON = {
  web01: ['/bin/sh -c "command -v debian-sa1 > /dev/null && debian-sa1 1 1"', '/usr/lib/sysstat/debian-sa1', 'debian-sa1 1 1'],
  app02: ['/bin/sh -c "/usr/local/bin/docker-prune.sh >/dev/null 2>&1"', '/usr/bin/bash', '/bin/bash /usr/local/bin/docker-prune.sh'],
  db01: ['/bin/sh -c "/usr/lib64/sa/sa1 1 1"', '/usr/lib64/sa/sa1', '/bin/bash /usr/lib64/sa/sa1 1 1'],
  dev03: ['/bin/sh -c "test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }"', '/usr/bin/run-parts', 'run-parts --report /etc/cron.daily'],
};

export function everydayNoise(world, hosts) {
  const { rng, now } = world;
  for (const host of Object.values(hosts)) {
    const [shCmd, image, childCmd] = CRON[host.name];
    for (let hoursAgo = 40; hoursAgo > 0; hoursAgo -= 24) {
      const at = now - BigInt(hoursAgo) * TICKS_PER_HOUR + ms(rng.int(1, 1_500));
      host.syslog(at - ms(2), `CRON[${rng.int(2000, 60000)}]`, `(root) CMD (${shCmd.slice(12, -1)})`);
      const sh = run(host, at, host.cron, '/usr/bin/dash', shCmd, { lifeMs: 900 });
      run(host, at + ms(5), sh, image, childCmd);
    }
    // logrotate at midnight: new log files, a FileCreated outside any systemd folder.
    for (const day of [1]) {
      const midnight = now - (now % (24n * TICKS_PER_HOUR)) - BigInt(day - 1) * 24n * TICKS_PER_HOUR + ms(rng.int(100, 9_000));
      if (midnight > now) continue;
      const logrotate = run(host, midnight, host.systemd, '/usr/sbin/logrotate', '/usr/sbin/logrotate /etc/logrotate.conf', { lifeMs: 1_500 });
      host.file({ at: midnight + ms(400), proc: logrotate, action: 'FileCreated', path: host.name === 'db01' ? '/var/log/messages' : '/var/log/syslog', size: 0, sysmon: false });
      host.syslog(midnight + ms(2_000), 'systemd[1]', 'logrotate.service: Deactivated successfully.');
    }
    for (let i = 0; i < 6; i += 1) {
      const at = now - BigInt(rng.int(1, 47)) * TICKS_PER_HOUR + ms(rng.int(0, 3_000_000));
      host.syslog(at, `sshd[${rng.int(3000, 90000)}]`, `Invalid user ${rng.pick(['oracle', 'test', 'admin1', 'git', 'ubnt'])} from 198.51.100.${rng.int(2, 250)} port ${rng.int(30000, 65000)}`);
    }
    host.syslog(now - 30n * TICKS_PER_HOUR + ms(rng.int(0, 3_600_000)), 'kernel', `[${rng.int(100000, 900000)}.${rng.int(100000, 999999)}] perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79750`);
  }
}

/** systemd-run creates a transient unit under /run/systemd/transient/, not /run/systemd/system/. */
export function transientUnit(host, at) {
  const scenario = 'systemd-run-transient';
  const shell = host.spawn({ at, parent: host.cron, image: '/usr/bin/dash', cmd: '/bin/sh -c "systemd-run --unit=cache-warmup --on-active=5m /usr/local/bin/cache-warmup"' });
  const runner = run(host, at + ms(10), shell, '/usr/bin/systemd-run', 'systemd-run --unit=cache-warmup --on-active=5m /usr/local/bin/cache-warmup', { lifeMs: 200 });
  mark(host.file({ at: at + ms(40), proc: host.systemd, action: 'FileCreated', path: '/run/systemd/transient/cache-warmup.service', content: '# This is a transient unit file\n[Service]\nExecStart=/usr/local/bin/cache-warmup\n' }), 'benign', 'near-miss-other-folder', scenario);
  return runner;
}

/** The time window: `Timestamp > ago(24h)` is strict. */
export function windowEdges(world, hosts) {
  const { now } = world;
  const day = 24n * TICKS_PER_HOUR;
  const web01 = hosts.web01;
  const oldCp = run(web01, now - 30n * TICKS_PER_HOUR, web01.sshd, '/usr/bin/cp', 'cp /root/old-exporter.service /etc/systemd/system/', { user: 'root' });
  mark(web01.file({ at: now - 30n * TICKS_PER_HOUR + ms(3), proc: oldCp, action: 'FileCreated', path: '/etc/systemd/system/old-exporter.service', content: '[Service]\nExecStart=/usr/local/bin/old-exporter\n' }), 'benign', 'near-miss-outside-window', 'old-unit-30h');
  const db01 = hosts.db01;
  const dnf = run(db01, now - day - ms(60_000), db01.systemd, '/usr/bin/python3.9', '/usr/bin/python3 /usr/bin/dnf-automatic /etc/dnf/automatic.conf --timer', { lifeMs: 120_000 });
  mark(db01.file({ at: now - day, exact: true, proc: dnf, action: 'FileCreated', path: '/usr/lib/systemd/system/tuned.service', content: '[Unit]\nDescription=Dynamic System Tuning Daemon\n' }), 'benign', 'near-miss-window-boundary', 'dnf-automatic-boundary');
  mark(db01.file({ at: now - day + ms(1), exact: true, proc: dnf, action: 'FileCreated', path: '/usr/lib/systemd/system/tuned-ppd.service', content: '[Unit]\nDescription=PPD-to-tuned API translation daemon\n' }), 'benign', 'fp-package-manager', 'dnf-automatic-boundary');
}

/**
 * A Java service restarted with a very long class path: the Sysmon record is longer than rsyslog's
 * default 8 KB message limit, so its syslog line is cut and the XML is not well-formed (§4.4).
 */
export function longCommandLine(host, at) {
  const jars = Array.from({ length: 260 }, (_, i) => `/opt/kafka/libs/dependency-${String(i).padStart(3, '0')}-2.8.1.jar`).join(':');
  return host.spawn({ at, parent: host.systemd, image: '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', cmd: `java -Xmx1G -Xms1G -server -cp ${jars} kafka.Kafka /opt/kafka/config/server.properties`, user: 'kafka', cwd: '/opt/kafka' });
}

/** A non-event message of the sysmon program (printed when its configuration is reloaded). */
export function sysmonStatusLine(host, at) {
  host.syslog(at, 'sysmon', 'Sysmon configuration changed, reloading rules');
}
