// Unit file texts. Their bytes give the SHA1/SHA256/MD5 and FileSize of the Defender rows.
export const unit = ({ description, execStart, user, after = 'network.target', wantedBy = 'multi-user.target', extra = [] }) =>
  [
    '[Unit]',
    `Description=${description}`,
    `After=${after}`,
    '',
    '[Service]',
    ...(user ? [`User=${user}`] : []),
    `ExecStart=${execStart}`,
    'Restart=always',
    ...extra,
    '',
    '[Install]',
    `WantedBy=${wantedBy}`,
    '',
  ].join('\n');

/** The file Atomic Red Team T1543.002 test 1 writes (the `Type=simple` echo has no redirection). */
export const ART_TEST1_LINES = [
  '[Unit]',
  'Description=Atomic Red Team Systemd Service',
  '[Service]',
  'ExecStart=/bin/touch /tmp/art-systemd-execstart-marker',
  'ExecStartPre=/bin/touch /tmp/art-systemd-execstartpre-marker',
  'ExecStartPost=/bin/touch /tmp/art-systemd-execstartpost-marker',
  'ExecReload=/bin/touch /tmp/art-systemd-execreload-marker',
  'ExecStop=/bin/touch /tmp/art-systemd-execstop-marker',
  'ExecStopPost=/bin/touch /tmp/art-systemd-execstoppost-marker',
  '[Install]',
  'WantedBy=default.target',
];
