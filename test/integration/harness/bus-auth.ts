// The rig's bus as installed (docs/operations.md, "NATS"): `routerctl render nats` into a temp dir of
// its own, one nkey seed per identity beside the configuration; no anonymous client gets in. Not in
// the rig's root: nats-server's command line names its config, and the tests take any process that
// mentions the root for one an agent left behind.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
  /** Removes the configuration and the credentials (after nats-server stopped). */
  remove(): Promise<void>;
}

export async function renderBus(node: string): Promise<RenderedBus> {
  const dir = await mkdtemp(join(tmpdir(), 'rdbus-'));
  const credsDir = join(dir, 'nats');
  const configFile = join(dir, 'nats-server.conf');
  const argv = [ROUTERCTL_BIN, 'render', 'nats', '--creds-dir', credsDir, '--node', node];
  const { stdout } = await promisify(execFile)(process.execPath, argv, { timeout: 30_000 }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`system rig: \`routerctl ${argv.slice(1).join(' ')}\` failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`, { cause: error });
  });
  await writeFile(configFile, stdout);
  return { configFile, credsDir, credential: (identity) => join(credsDir, `${identity}.nk`), remove: () => rm(dir, { recursive: true, force: true }) };
}
