// Where the repository and the built entry points are.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const AGENT_PROJECTS = ['apps/vip-watcher', 'apps/dnsmasq-lease-watcher', 'apps/syncer', 'apps/dhcp-promoter'] as const;
/** Run as commands, not agents: the receiver as sshd's forced command, routerctl to render its key line. */
export const COMMAND_PROJECTS = ['apps/lease-receiver', 'apps/routerctl'] as const;
export const RECEIVER_BIN = join(REPO_ROOT, 'apps', 'lease-receiver', 'dist', 'main.js');
export const ROUTERCTL_BIN = join(REPO_ROOT, 'apps', 'routerctl', 'dist', 'main.js');
