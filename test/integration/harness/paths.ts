// Where the repository and the agents' built entry points are.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const AGENT_PROJECTS = ['apps/vip-watcher', 'apps/dnsmasq-lease-watcher', 'apps/syncer', 'apps/dhcp-promoter'] as const;
