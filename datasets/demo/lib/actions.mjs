// Small building blocks the scenarios share: an SSH login with a root shell, a child command, systemctl.
import { ms } from './model.mjs';

const SSH_KEY = 'ED25519 SHA256:Qm9yZWFsaXMtZGVtby1rZXktbm90LXJlYWwtMDAwMDAwMDA';

/**
 * sshd accepts a key and the user gets a login shell. With `root: true` the user already ran `sudo -i`
 * shortly before `at`, and the root shell is returned, so scenario steps at `at + n` have a live parent.
 */
export function login(host, at, { user, from, root = false, logonId }) {
  const start = root ? at - ms(10_000) : at;
  const session = host.session({ logonId: logonId ?? (host.uids[user] ?? 1000), terminal: 1 + Number((at / 10_000_000n) % 7n) });
  host.syslog(start - ms(40), `sshd[${host.sshd.pid + 11}]`, `Accepted publickey for ${user} from ${from} port 5${String(at % 10000n).padStart(4, '0')} ssh2: ${SSH_KEY}`);
  const shell = host.spawn({ at: start, parent: host.sshd, image: '/usr/bin/bash', cmd: '-bash', user, cwd: user === 'root' ? '/root' : `/home/${user}`, session });
  if (!root) return shell;
  const sudo = host.spawn({ at: at - ms(1_000), parent: shell, image: '/usr/bin/sudo', cmd: 'sudo -i', user: 'root' });
  host.syslog(at - ms(990), 'sudo', `  ${user} : TTY=pts/0 ; PWD=/home/${user} ; USER=root ; COMMAND=/bin/bash`);
  return host.spawn({ at: at - ms(950), parent: sudo, image: '/usr/bin/bash', cmd: '-bash', user: 'root', cwd: '/root' });
}

/**
 * A child process. With a `lifeMs` of at most 2 s its exit (Sysmon EventID 5) is logged too; longer-lived
 * processes end without a record, as when a log is cut before they exit (keeps the files small).
 */
export function run(host, at, parent, image, cmd, { user, lifeMs, cwd } = {}) {
  const proc = host.spawn({ at, parent, image, cmd, user, cwd });
  if (lifeMs !== undefined && lifeMs <= 2_000) host.exit(proc, at + ms(lifeMs));
  return proc;
}

export const systemctl = (host, at, parent, args, options) => run(host, at, parent, '/usr/bin/systemctl', `systemctl ${args}`, options);
