// A router's power: off is every process in its network namespace killed at once (dnsmasq, rsync and
// ssh sessions included), its /run emptied and the addresses and firewall rules a boot would not
// restore dropped; on starts its units in their order. A cold start also empties its state dir.
import { readdir, rm, stat, mkdir, chown } from 'node:fs/promises';
import { isAlive, killQuietly, netnsPids, waitFor, notYet } from '@routerd/testkit';
import { run } from '../exec.js';
import { routerServices, startRouterProcess } from '../lab.js';
import { keepalived } from '../router-argv.js';
import type { LabState } from '../state-file.js';
import { ROUTERS, routerDirs, VIP, type RouterId } from '../topology.js';
import { healSplitBrainOn } from './split-brain.js';

async function emptyDir(dir: string, keep: readonly string[] = []): Promise<void> {
  for (const entry of await readdir(dir).catch(() => [] as string[])) if (!keep.includes(entry)) await rm(`${dir}/${entry}`, { recursive: true, force: true });
}

/** Kills everything of router `id` except the lab's observers (`spare`), and waits until it is gone. */
export async function powerOff(id: RouterId, spare: ReadonlySet<number>): Promise<number> {
  const ns = ROUTERS[id].ns;
  const victims = (await netnsPids(ns)).filter((pid) => !spare.has(pid));
  for (const pid of victims) killQuietly(pid, 'SIGKILL');
  await waitFor(`every process of ${id} gone`, async () => {
    const left = (await netnsPids(ns)).filter((pid) => !spare.has(pid) && isAlive(pid));
    return left.length === 0 ? true : notYet(`still running: ${left.join(', ')}`);
  }, { timeoutMs: 10_000, intervalMs: 50 });
  await emptyDir(routerDirs(id).run);
  // A killed keepalived leaves the VIP on the interface; a reboot would not.
  await run(['ip', '-n', ns, 'addr', 'del', `${VIP}/32`, 'dev', 'eth1'], { check: false });
  await healSplitBrainOn(id);
  return victims.length;
}

/** A reinstall: the state dir loses everything but the ssh keys (provisioned, not state). */
export async function emptyStateDir(id: RouterId): Promise<void> {
  const dir = routerDirs(id).state;
  const owner = await stat(`${dir}/.ssh`);
  await emptyDir(dir, ['.ssh']);
  for (const sub of ['dnsmasq', 'dhcpv6-client']) {
    await mkdir(`${dir}/${sub}`, { recursive: true });
    await chown(`${dir}/${sub}`, owner.uid, owner.gid);
  }
}

/** Starts the router's units in their order, keepalived last (as `up` does). */
export async function powerOn(state: LabState, id: RouterId, options: { sync: boolean; promoter: boolean }): Promise<void> {
  for (const spec of routerServices(id, options)) await startRouterProcess(state, id, spec);
  await startRouterProcess(state, id, keepalived(ROUTERS[id]));
}
