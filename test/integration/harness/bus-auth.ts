// The rig's bus as installed (docs/operations.md, "NATS"): `routerctl render nats` into the rig's temp
// dir, one nkey seed per identity beside the configuration; no anonymous client gets in.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BusIdentity } from '@routerd/bus';
import type { AgentName } from './agent-process.js';
import { ROUTERCTL_BIN } from './paths.js';

/** Each agent's bus identity (its credential file is `<identity>.nk`). */
export const IDENTITY_OF: Readonly<Record<AgentName, BusIdentity>> = {
  'vip-watcher': 'vip-watcher',
  'dnsmasq-lease-watcher': 'lease-watcher',
  syncer: 'syncer',
  'dhcp-promoter': 'dhcp-promoter',
};

export interface RenderedBus {
  /** nats-server's configuration, as `routerctl render nats` printed it. */
  configFile: string;
  credsDir: string;
  /** The seed file of `identity` (mode 0600, owned by the user running the tests). */
  credential(identity: BusIdentity): string;
}

export async function renderBus(root: string, node: string): Promise<RenderedBus> {
  const credsDir = join(root, 'nats');
  const configFile = join(root, 'nats-server.conf');
  const argv = [ROUTERCTL_BIN, 'render', 'nats', '--creds-dir', credsDir, '--node', node];
  const { stdout } = await promisify(execFile)(process.execPath, argv, { timeout: 30_000 }).catch((error: unknown) => {
    throw new Error(`system rig: \`routerctl ${argv.slice(1).join(' ')}\` failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`, { cause: error });
  });
  await writeFile(configFile, stdout);
  return { configFile, credsDir, credential: (identity) => join(credsDir, `${identity}.nk`) };
}
