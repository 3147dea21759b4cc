// Legitimate activity of every false-positive category the seed lists, plus near-misses the rule must
// not match. Labelled benign so that a hit is a false positive and a miss a true negative.
import { login, run, systemctl } from './actions.mjs';
import { mark, ms } from './model.mjs';
import { unit } from './units.mjs';

const benign = (event, category, scenario) => mark(event, 'benign', category, scenario);

/** apt installs nginx: dpkg unpacks the unit, the init script and the deb-systemd-helper state file. */
export function aptInstall(host, at, { pkg = 'nginx', version = '1.18.0-6ubuntu14.4', units = ['nginx.service'], initScript = true, scenario = 'apt-install-nginx', category = 'fp-package-manager' } = {}) {
  const shell = login(host, at, { user: 'admin', from: '10.20.0.15', root: true });
  const apt = run(host, at + ms(12_000), shell, '/usr/bin/apt-get', `apt-get install -y ${pkg}`, { lifeMs: 40_000 });
  const http = run(host, at + ms(12_300), apt, '/usr/lib/apt/methods/http', '/usr/lib/apt/methods/http', { lifeMs: 9_000 });
  host.connect({ at: at + ms(12_400), proc: http, sourceIp: '10.20.0.31', sourcePort: 46210, destinationIp: '192.0.2.83', destinationPort: 80 });
  const dpkg = run(host, at + ms(22_000), apt, '/usr/bin/dpkg', `/usr/bin/dpkg --status-fd 37 --no-triggers --unpack --auto-deconfigure /var/cache/apt/archives/${pkg}_${version}_amd64.deb`, { lifeMs: 3_000 });
  units.forEach((name, i) => {
    const content = unit({ description: `${pkg} ${name}`, execStart: `/usr/sbin/${name.replace(/\..*$/, '')}` });
    benign(host.file({ at: at + ms(22_100 + i * 7), proc: dpkg, action: 'FileCreated', path: `/lib/systemd/system/${name}`, content }), category, scenario);
  });
  if (initScript) {
    benign(host.file({ at: at + ms(22_200), proc: dpkg, action: 'FileCreated', path: `/etc/init.d/${pkg}`, content: `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: ${pkg}\n### END INIT INFO\n` }), 'near-miss-initd-script', scenario);
  }
  const configure = run(host, at + ms(26_000), apt, '/usr/bin/dpkg', '/usr/bin/dpkg --status-fd 37 --configure --pending', { lifeMs: 6_000 });
  const helper = run(host, at + ms(26_500), configure, '/usr/bin/perl', `/usr/bin/perl /usr/bin/deb-systemd-helper enable ${units[0]}`, { lifeMs: 300 });
  benign(host.file({ at: at + ms(26_600), proc: helper, action: 'FileCreated', path: `/var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/${units[0]}`, content: '' }), 'near-miss-other-folder', scenario);
  const invoke = run(host, at + ms(27_000), configure, '/usr/bin/perl', `/usr/bin/perl /usr/bin/deb-systemd-invoke start ${units[0]}`, { lifeMs: 900 });
  benign(systemctl(host, at + ms(27_100), invoke, `--system start ${units[0]}`, { lifeMs: 700 }), category, scenario);
  return { dpkg };
}

/** dnf, yum and rpm on RHEL: the rpm library inside the package manager writes /usr/lib/systemd/system. */
export function rpmFamily(host, at) {
  const shell = login(host, at, { user: 'admin', from: '10.20.0.15', root: true });
  const jobs = [
    { scenario: 'dnf-install-httpd', image: '/usr/bin/python3.9', cmd: '/usr/bin/python3 /usr/bin/dnf install -y httpd', units: ['httpd.service', 'htcacheclean.service'] },
    { scenario: 'yum-install-redis', image: '/usr/bin/python3.9', cmd: '/usr/bin/python3 /usr/bin/yum install -y redis', units: ['redis.service', 'redis-sentinel.service'] },
    { scenario: 'rpm-install-node-exporter', image: '/usr/bin/rpm', cmd: 'rpm -Uvh /root/node_exporter-1.8.1-1.el9.x86_64.rpm', units: ['node_exporter.service'] },
  ];
  jobs.forEach((job, j) => {
    const start = at + ms(60_000 * (j * 25 + 1));
    const proc = run(host, start, shell, job.image, job.cmd, { lifeMs: 30_000 });
    job.units.forEach((name, i) => {
      const content = unit({ description: name, execStart: `/usr/sbin/${name.replace(/\..*$/, '')}` });
      benign(host.file({ at: start + ms(15_000 + i * 9), proc, action: 'FileCreated', path: `/usr/lib/systemd/system/${name}`, content }), 'fp-package-manager', job.scenario);
    });
    // RPM scriptlets run `systemctl preset`, which Detection 2 does not match (no enable/start term).
    const scriptlet = run(host, start + ms(16_000), proc, '/usr/bin/bash', '/bin/sh /var/tmp/rpm-tmp.Xq9Kd2 1', { lifeMs: 200 });
    systemctl(host, start + ms(16_050), scriptlet, `--no-reload preset ${job.units[0]}`, { lifeMs: 100 });
  });
}

/** An administrator edits a unit with vim, copies another with cp, enables it, and touches near-misses. */
export function adminEdits(host, at) {
  const scenario = 'admin-vim-cp';
  const shell = login(host, at, { user: 'admin', from: '10.20.0.15', root: true });
  const vim = run(host, at + ms(15_000), shell, '/usr/bin/vim.basic', 'vim /etc/systemd/system/myapp.service', { lifeMs: 95_000 });
  benign(host.file({ at: at + ms(15_200), proc: vim, action: 'FileCreated', path: '/etc/systemd/system/.myapp.service.swp', content: 'b0VIM 8.2' }), 'near-miss-suffix', scenario);
  // vim probes the folder with a file named 4913 before writing, then deletes it.
  benign(host.file({ at: at + ms(101_000), proc: vim, action: 'FileCreated', path: '/etc/systemd/system/4913', content: '' }), 'near-miss-suffix', scenario);
  benign(host.file({ at: at + ms(101_002), proc: vim, action: 'FileDeleted', path: '/etc/systemd/system/4913', content: '' }), 'near-miss-action', scenario);
  const content = unit({ description: 'MyApp web backend', execStart: '/opt/myapp/bin/myapp --config /etc/myapp/config.yaml', user: 'myapp' });
  benign(host.file({ at: at + ms(101_010), proc: vim, action: 'FileCreated', path: '/etc/systemd/system/myapp.service', content }), 'fp-admin', scenario);
  benign(host.file({ at: at + ms(101_030), proc: vim, action: 'FileDeleted', path: '/etc/systemd/system/.myapp.service.swp', content: 'b0VIM 8.2' }), 'near-miss-action', scenario);
  const cp = run(host, at + ms(130_000), shell, '/usr/bin/cp', 'cp /home/admin/backup-agent.service /etc/systemd/system/');
  benign(host.file({ at: at + ms(130_003), proc: cp, action: 'FileCreated', path: '/etc/systemd/system/backup-agent.service', content: unit({ description: 'Nightly backup agent', execStart: '/usr/local/bin/backup-agent' }) }), 'fp-admin', scenario);
  systemctl(host, at + ms(140_000), shell, 'daemon-reload', { lifeMs: 300 });
  benign(systemctl(host, at + ms(142_000), shell, 'enable --now myapp.service', { lifeMs: 600 }), 'fp-admin', scenario);
  benign(systemctl(host, at + ms(150_000), shell, 'restart nginx.service', { lifeMs: 600 }), 'near-miss-restart', scenario);
  // `systemctl edit` writes a drop-in: inside /etc/systemd/system/, but the file is override.conf.
  const edit = run(host, at + ms(170_000), shell, '/usr/bin/systemctl', 'systemctl edit nginx.service', { lifeMs: 40_000 });
  benign(host.file({ at: at + ms(209_000), proc: edit, action: 'FileCreated', path: '/etc/systemd/system/nginx.service.d/override.conf', content: '[Service]\nLimitNOFILE=65535\n' }), 'near-miss-dropin', scenario);
  const vim2 = run(host, at + ms(230_000), shell, '/usr/bin/vim.basic', 'vim /etc/systemd/system.conf', { lifeMs: 30_000 });
  benign(host.file({ at: at + ms(259_000), proc: vim2, action: 'FileModified', path: '/etc/systemd/system.conf', content: '[Manager]\nDefaultLimitNOFILE=65535\n' }), 'near-miss-folder-prefix', scenario);
  const timer = run(host, at + ms(280_000), shell, '/usr/bin/cp', 'cp /home/admin/backup-agent.timer /etc/systemd/system/');
  benign(host.file({ at: at + ms(280_003), proc: timer, action: 'FileCreated', path: '/etc/systemd/system/backup-agent.timer', content: '[Timer]\nOnCalendar=daily\n\n[Install]\nWantedBy=timers.target\n' }), 'near-miss-timer', scenario);
}

/** Configuration management: Ansible, Chef, Puppet and Salt deploying units. */
export function ansible(host, at) {
  const scenario = 'ansible-node-exporter';
  const session = host.session({ logonId: 1002, terminal: 4294967295 });
  host.syslog(at - ms(30), `sshd[${host.sshd.pid + 3}]`, 'Accepted publickey for deploy from 10.20.0.5 port 40112 ssh2: ED25519 SHA256:YW5zaWJsZS1jb250cm9sbGVyLWRlbW8ta2V5');
  const sh = host.spawn({ at, parent: host.sshd, image: '/usr/bin/dash', cmd: "/bin/sh -c 'sudo -H -S -n  -u root /bin/sh -c '\"'\"'echo BECOME-SUCCESS-qzvtwbfrkmd; /usr/bin/python3 /home/deploy/.ansible/tmp/ansible-tmp-1749630000.52-4121-1337/AnsiballZ_copy.py'\"'\"' && sleep 0'", user: 'deploy', cwd: '/home/deploy', session });
  const py = run(host, at + ms(400), sh, '/usr/bin/python3.10', '/usr/bin/python3 /home/deploy/.ansible/tmp/ansible-tmp-1749630000.52-4121-1337/AnsiballZ_copy.py', { user: 'root', lifeMs: 2_000 });
  const content = unit({ description: 'Prometheus Node Exporter', execStart: '/usr/local/bin/node_exporter', user: 'node_exporter' });
  // Ansible's atomic_move stages `.ansible_tmp<random><name>` in the destination folder, then renames.
  benign(host.file({ at: at + ms(1_200), proc: py, action: 'FileCreated', path: '/etc/systemd/system/.ansible_tmpk2v9qd1mnode_exporter.service', content }), 'fp-config-management', scenario);
  benign(host.file({ at: at + ms(1_210), proc: py, action: 'FileRenamed', path: '/etc/systemd/system/node_exporter.service', previousPath: '/etc/systemd/system/.ansible_tmpk2v9qd1mnode_exporter.service', content }), 'near-miss-action', scenario);
  const sh2 = host.spawn({ at: at + ms(4_000), parent: host.sshd, image: '/usr/bin/dash', cmd: "/bin/sh -c 'sudo -H -S -n  -u root /bin/sh -c '\"'\"'echo BECOME-SUCCESS-lpqhsnxjztw; /usr/bin/python3 /home/deploy/.ansible/tmp/ansible-tmp-1749630004.18-4121-9981/AnsiballZ_systemd.py'\"'\"' && sleep 0'", user: 'deploy', cwd: '/home/deploy', session });
  const py2 = run(host, at + ms(4_300), sh2, '/usr/bin/python3.10', '/usr/bin/python3 /home/deploy/.ansible/tmp/ansible-tmp-1749630004.18-4121-9981/AnsiballZ_systemd.py', { user: 'root', lifeMs: 2_500 });
  systemctl(host, at + ms(4_600), py2, 'daemon-reload', { lifeMs: 300 });
  benign(systemctl(host, at + ms(5_100), py2, 'enable node_exporter.service', { lifeMs: 300 }), 'fp-config-management', scenario);
  benign(systemctl(host, at + ms(5_600), py2, 'start node_exporter.service', { lifeMs: 300 }), 'fp-config-management', scenario);
}

export function chef(host, at) {
  const scenario = 'chef-app-api';
  const chefClient = run(host, at, host.systemd, '/opt/chef/embedded/bin/ruby', '/opt/chef/embedded/bin/ruby --disable-gems /opt/chef/bin/chef-client -c /etc/chef/client.rb -i 1800 -s 300', { lifeMs: 40_000 });
  const content = unit({ description: 'app-api (managed by Chef)', execStart: '/opt/app-api/bin/app-api --port 8080', user: 'appapi' });
  // An existing unit rewritten in place: FileModified for MDE, nothing for Sysmon.
  benign(host.file({ at: at + ms(21_000), proc: chefClient, action: 'FileModified', path: '/etc/systemd/system/app-api.service', content }), 'fp-config-management', scenario);
  systemctl(host, at + ms(21_500), chefClient, '--system daemon-reload', { lifeMs: 300 });
  benign(systemctl(host, at + ms(22_000), chefClient, '--system restart app-api.service', { lifeMs: 900 }), 'near-miss-restart', scenario);
}

export function puppet(host, at) {
  const scenario = 'puppet-consul';
  const agent = run(host, at, host.systemd, '/opt/puppetlabs/puppet/bin/ruby', '/opt/puppetlabs/puppet/bin/ruby /opt/puppetlabs/puppet/bin/puppet agent --onetime --no-daemonize --verbose', { lifeMs: 50_000 });
  const content = unit({ description: 'Consul agent', execStart: '/usr/bin/consul agent -config-dir=/etc/consul.d/', user: 'consul' });
  benign(host.file({ at: at + ms(31_000), proc: agent, action: 'FileCreated', path: '/etc/systemd/system/consul.service', content }), 'fp-config-management', scenario);
  systemctl(host, at + ms(31_400), agent, 'daemon-reload', { lifeMs: 300 });
  benign(systemctl(host, at + ms(31_900), agent, 'enable consul.service', { lifeMs: 300 }), 'fp-config-management', scenario);
  benign(systemctl(host, at + ms(32_300), agent, 'start consul.service', { lifeMs: 600 }), 'fp-config-management', scenario);
}

export function salt(host, at) {
  const scenario = 'salt-filebeat';
  const minion = host.spawn({ at: at - ms(3_600_000 * 30), parent: host.systemd, image: '/usr/bin/python3.12', cmd: '/usr/bin/python3 /usr/bin/salt-minion', logged: false });
  const content = unit({ description: 'Filebeat sends log files to Logstash or directly to Elasticsearch.', execStart: '/usr/share/filebeat/bin/filebeat --environment systemd -c /etc/filebeat/filebeat.yml' });
  benign(host.file({ at, proc: minion, action: 'FileCreated', path: '/etc/systemd/system/filebeat.service', content }), 'fp-config-management', scenario);
  benign(systemctl(host, at + ms(900), minion, 'enable filebeat.service', { lifeMs: 300 }), 'fp-config-management', scenario);
}

/** Docker from the docker.com apt repository: containerd and docker units, then an image pull. */
export function dockerInstall(host, at) {
  const { dpkg } = aptInstall(host, at, { pkg: 'docker-ce', version: '5:26.1.4-1~ubuntu.20.04~focal', units: ['docker.service', 'containerd.service'], initScript: false, scenario: 'docker-install', category: 'fp-container-runtime' });
  const dockerd = host.spawn({ at: at + ms(40_000), parent: host.systemd, image: '/usr/bin/dockerd', cmd: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock' });
  benign(host.file({ at: at + ms(22_150), proc: dpkg, action: 'FileCreated', path: '/lib/systemd/system/docker.socket', content: '[Socket]\nListenStream=/run/docker.sock\n' }), 'near-miss-suffix', 'docker-install');
  // Unpacking an image layer that ships a unit: the path contains /lib/systemd/system/, so has_any matches.
  const layer = '/var/lib/docker/overlay2/6f1e0b2c9a7d4e58b3c1f0a2d9e8b7c6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0/diff/lib/systemd/system/systemd-journald.service';
  benign(host.file({ at: at + ms(95_000), proc: dockerd, action: 'FileCreated', path: layer, content: '[Unit]\nDescription=Journal Service\n' }), 'fp-container-runtime', 'docker-image-layer');
}

/** A developer's user-level test service and a unit file kept in a source repository. */
export function developer(host, at) {
  const scenario = 'developer-test-service';
  const shell = login(host, at, { user: 'jsmith', from: '10.20.3.40' });
  const code = run(host, at + ms(20_000), shell, '/usr/share/code/code', '/usr/share/code/code /home/jsmith/src/myapp', { user: 'jsmith', lifeMs: 600_000 });
  benign(host.file({ at: at + ms(80_000), proc: code, action: 'FileCreated', path: '/home/jsmith/src/myapp/deploy/myapp.service', content: unit({ description: 'myapp', execStart: '/opt/myapp/bin/myapp' }) }), 'near-miss-other-folder', scenario);
  const content = unit({ description: 'myapp (dev)', execStart: '/home/jsmith/src/myapp/target/debug/myapp --dev', after: 'default.target', wantedBy: 'default.target' });
  benign(host.file({ at: at + ms(120_000), proc: code, action: 'FileCreated', path: '/home/jsmith/.config/systemd/user/myapp-dev.service', content }), 'fp-developer', scenario);
  systemctl(host, at + ms(130_000), shell, '--user daemon-reload', { user: 'jsmith', lifeMs: 200 });
  benign(systemctl(host, at + ms(132_000), shell, '--user start myapp-dev.service', { user: 'jsmith', lifeMs: 300 }), 'fp-developer', scenario);
  const rm = run(host, at + ms(900_000), shell, '/usr/bin/rm', 'rm /home/jsmith/.config/systemd/user/myapp-dev.service', { user: 'jsmith' });
  benign(host.file({ at: at + ms(900_002), proc: rm, action: 'FileDeleted', path: '/home/jsmith/.config/systemd/user/myapp-dev.service', content }), 'near-miss-action', scenario);
}

/** A systemd upgrade: a legitimate unit whose name contains the suspicious term `systemd-network`. */
export function systemdUpgrade(host, at) {
  const scenario = 'apt-upgrade-systemd';
  const apt = run(host, at, host.systemd, '/usr/bin/python3.12', '/usr/bin/python3 /usr/bin/unattended-upgrade', { lifeMs: 120_000 });
  const dpkg = run(host, at + ms(30_000), apt, '/usr/bin/dpkg', '/usr/bin/dpkg --status-fd 10 --no-triggers --unpack --auto-deconfigure /var/cache/apt/archives/systemd_255.4-1ubuntu8.6_amd64.deb', { lifeMs: 5_000 });
  for (const [i, name] of ['systemd-networkd.service', 'systemd-network-generator.service', 'systemd-resolved.service'].entries()) {
    benign(host.file({ at: at + ms(30_500 + i * 11), proc: dpkg, action: 'FileCreated', path: `/usr/lib/systemd/system/${name}`, content: `[Unit]\nDescription=${name}\n` }), 'fp-package-manager', scenario);
  }
  const purge = run(host, at + ms(60_000), apt, '/usr/bin/dpkg', '/usr/bin/dpkg --status-fd 10 --no-triggers --remove systemd-timesyncd', { lifeMs: 2_000 });
  benign(host.file({ at: at + ms(60_100), proc: purge, action: 'FileDeleted', path: '/usr/lib/systemd/system/systemd-timesyncd.service', content: '[Unit]\nDescription=Network Time Synchronization\n' }), 'near-miss-action', scenario);
}
