// The control file and the maintainer scripts.
import { PACKAGE_NAME, SYSUSERS_FILE, TMPFILES_FILE } from './layout.js';

/**
 * The oldest nodejs the bundles run on: execa 9 wants ^18.19 (its engines), and pino 10 calls
 * diagnostics_channel.tracingChannel, new in 18.19. Debian 12's 18.20.4 runs them (package.test.ts).
 */
export const MIN_NODE = '18.19';

/**
 * What the commands run: node; nats-server for the bus; rsync and ssh for the syncer's pushes; systemd for
 * the units and for systemd-sysusers and systemd-tmpfiles in postinst.
 */
export const DEPENDS: readonly string[] = [`nodejs (>= ${MIN_NODE})`, 'nats-server', 'rsync', 'openssh-client', 'iproute2', 'systemd'];
/** The standby's sshd runs the receiver; keepalived holds the VIP; dnsmasq serves DHCP. Each may live elsewhere. */
export const RECOMMENDS: readonly string[] = ['openssh-server', 'keepalived', 'dnsmasq-base'];

export interface ControlFields {
  version: string;
  maintainer: string;
  /** The root package.json's description: the synopsis line. */
  synopsis: string;
  /** The installed size in KiB (Debian policy 5.6.20). */
  installedSizeKiB: number;
}

const LONG_DESCRIPTION = [
  'Small agents on a NATS bus push the active router\'s DHCP lease files (dnsmasq, DHCPv6',
  'prefix delegation) to the standby with rsync over ssh, only while this node holds the',
  'keepalived VIP, and start the DHCP server from the synced leases on failover.',
  '.',
  'The commands are bundled JavaScript run by the system\'s node: routerctl, the',
  'operator\'s CLI, and the routerd-* agents with their systemd units. Installing starts',
  'nothing; see /usr/share/doc/routerd-lease-sync/operations.md.',
];

export function controlFile(fields: ControlFields): string {
  const synopsis = fields.synopsis.replace(/\.$/, '');
  return [
    `Package: ${PACKAGE_NAME}`,
    `Version: ${fields.version}`,
    'Architecture: all',
    `Maintainer: ${fields.maintainer}`,
    `Installed-Size: ${fields.installedSizeKiB}`,
    `Depends: ${DEPENDS.join(', ')}`,
    `Recommends: ${RECOMMENDS.join(', ')}`,
    'Section: net',
    'Priority: optional',
    `Description: ${synopsis}`,
    ...LONG_DESCRIPTION.map((line) => ` ${line}`),
    '',
  ].join('\n');
}

const SYSUSERS_NAME = SYSUSERS_FILE.slice(SYSUSERS_FILE.lastIndexOf('/') + 1);
const TMPFILES_NAME = TMPFILES_FILE.slice(TMPFILES_FILE.lastIndexOf('/') + 1);

/**
 * Creates the routerd user and the package's folders, and makes a running systemd see the new units;
 * each step is idempotent. It never enables or starts a unit: the operator decides (docs/operations.md).
 */
export const POSTINST = `#!/bin/sh
set -e
if [ "$1" = configure ]; then
  systemd-sysusers ${SYSUSERS_NAME}
  systemd-tmpfiles --create ${TMPFILES_NAME} || echo "${PACKAGE_NAME}: systemd-tmpfiles --create ${TMPFILES_NAME} failed; run it again once the cause is fixed" >&2
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
  fi
fi
`;

/** Forgets the removed units. The routerd user and /var/lib/routerd stay: they hold the lease state and the ssh keys. */
export const POSTRM = `#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
  fi
fi
`;
