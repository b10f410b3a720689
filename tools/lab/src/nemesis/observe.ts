// What the nemesis waits for after a fault: one master serving DHCP, the other not, every unit up.
import { sleep } from '@routerd/testkit';
import { dnsmasqPid, leaseFile, vipHolders } from '../lab-view.js';
import { ROUTERS, type RouterId } from '../topology.js';
import type { Supervisor } from './supervisor.js';

export type Convergence = { ok: true; master: RouterId; ms: number } | { ok: false; ms: number; detail: string };

/** Converged means it stays so this long: a VRRP election right after a heal takes about a second. */
export const STABLE_MS = 2_000;

/** Waits for one master serving DHCP and the other not, every unit up, for STABLE_MS; ms is when that began. */
export async function awaitConverged(supervisor: Supervisor, timeoutMs: number): Promise<Convergence> {
  const began = Date.now();
  let detail = '';
  let stable: { master: RouterId; since: number } | undefined;
  for (;;) {
    const holders = await vipHolders();
    const running = supervisor.allRunning();
    const [only] = holders;
    if (holders.length === 1 && only !== undefined) {
      const [own, other] = await Promise.all([dnsmasqPid(only), dnsmasqPid(ROUTERS[only].peer)]);
      if (own !== undefined && other === undefined && running.ok) {
        if (stable?.master !== only) stable = { master: only, since: Date.now() };
        if (Date.now() - stable.since >= STABLE_MS) return { ok: true, master: only, ms: stable.since - began };
        await sleep(100);
        continue;
      }
      detail = `VIP on ${only}, its dnsmasq ${own === undefined ? 'not running' : 'running'}, ${ROUTERS[only].peer}'s ${other === undefined ? 'stopped' : 'running'}${running.ok ? '' : `; down: ${running.down.join(', ')}`}`;
    } else {
      detail = `VIP on [${holders.join(', ')}]${running.ok ? '' : `; down: ${running.down.join(', ')}`}`;
    }
    stable = undefined;
    if (Date.now() - began >= timeoutMs) return { ok: false, ms: Date.now() - began, detail };
    await sleep(100);
  }
}

/** One line: who holds the VIP and whose dnsmasq runs, e.g. while a fault is on. */
export async function routersNow(): Promise<string> {
  const holders = await vipHolders();
  const serving: RouterId[] = [];
  for (const id of ['r1', 'r2'] as const) if ((await dnsmasqPid(id)) !== undefined) serving.push(id);
  return `VIP on [${holders.join(', ')}], dnsmasq on [${serving.join(', ')}]`;
}

/** The router a DHCP server id names. */
export function routerOf(serverId: string): string {
  return serverId === ROUTERS.r1.v4 ? 'r1' : serverId === ROUTERS.r2.v4 ? 'r2' : serverId;
}

/** The v4 leases of a router's file (none when it is missing or unreadable). */
export async function v4Leases(id: RouterId): Promise<{ mac: string; address: string; expiry: number }[]> {
  return (await leaseFile(id)).view?.v4 ?? [];
}
