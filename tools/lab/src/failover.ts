// Moving the VIP (graceful keepalived stop, cut link) and waiting for the DHCP server to follow it.
import { notYet, stopPid, waitFor } from '@routerd/testkit';
import { LabError } from './errors.js';
import { labStartDnsmasq, labStopDnsmasq, startKeepalived } from './lab.js';
import { dnsmasqPid, leaseFile, vipHolders } from './lab-view.js';
import { setLanPort } from './netns.js';
import type { LabState } from './state-file.js';
import { ROUTERS, type RouterId } from './topology.js';

export function peerOf(id: RouterId): RouterId {
  return ROUTERS[id].peer;
}

/** The one router holding the VIP; anything else is a lab failure. */
export async function currentMaster(): Promise<RouterId> {
  const holders = await vipHolders();
  const [only] = holders;
  if (holders.length !== 1 || only === undefined) throw new LabError(`lab: expected the VIP on exactly one router, found it on [${holders.join(', ')}]`);
  return only;
}

export async function waitVipOn(id: RouterId, why: string, timeoutMs = 15_000): Promise<number> {
  const began = Date.now();
  await waitFor(`the VIP on ${id} only (${why})`, async () => {
    const holders = await vipHolders();
    return holders.length === 1 && holders[0] === id ? true : notYet(`VIP on [${holders.join(', ')}]`);
  }, { timeoutMs, intervalMs: 20 });
  return Date.now() - began;
}

function keepalivedPid(state: LabState, id: RouterId): number {
  const found = state.processes.filter((p) => p.router === id && p.name === 'keepalived').pop();
  if (found === undefined) throw new LabError(`lab: no keepalived recorded for ${id}`);
  return found.pid;
}

export async function stopKeepalived(state: LabState, id: RouterId): Promise<void> {
  if (!(await stopPid(keepalivedPid(state, id), 5_000))) throw new LabError(`lab: keepalived on ${id} did not stop`);
}

export async function restartKeepalived(state: LabState, id: RouterId): Promise<void> {
  await startKeepalived(state, id);
}

export const cutLink = (id: RouterId) => setLanPort(id, 'down');
export const restoreLink = (id: RouterId) => setLanPort(id, 'up');

export interface Promotion {
  /** From the VIP move until the new master's dnsmasq runs. */
  dnsmasqStartedMs: number;
  /** From the VIP move until the old master's dnsmasq is gone. */
  oldStoppedMs: number;
  /** The new master's lease file right after its dnsmasq started (dnsmasq rewrites it from what it loaded). */
  leaseTextAtStart: string;
}

/** After a VIP move: the new master's dnsmasq runs, the old one's does not (by the promoter, or the lab driver standing in). */
export async function awaitPromotion(state: LabState, newMaster: RouterId, oldMaster: RouterId): Promise<Promotion> {
  const began = Date.now();
  if (state.promotion === 'lab-driver') {
    await labStopDnsmasq(state, oldMaster);
    await labStartDnsmasq(state, newMaster);
  }
  let dnsmasqStartedMs = -1;
  let oldStoppedMs = -1;
  await waitFor(`dnsmasq running on ${newMaster} and stopped on ${oldMaster}`, async () => {
    const [started, old] = await Promise.all([dnsmasqPid(newMaster), dnsmasqPid(oldMaster)]);
    if (started !== undefined && dnsmasqStartedMs < 0) dnsmasqStartedMs = Date.now() - began;
    if (old === undefined && oldStoppedMs < 0) oldStoppedMs = Date.now() - began;
    return dnsmasqStartedMs >= 0 && oldStoppedMs >= 0 ? true : notYet(`${newMaster} dnsmasq ${started ?? 'not running'}, ${oldMaster} dnsmasq ${old ?? 'not running'}`);
  }, { timeoutMs: 20_000, intervalMs: 50 });
  return { dnsmasqStartedMs, oldStoppedMs, leaseTextAtStart: (await leaseFile(newMaster)).text };
}

/** Waits until the standby's lease file is byte-identical to the master's and satisfies `has`. */
export async function waitSynced(master: RouterId, standby: RouterId, what: string, has: (text: string) => boolean, timeoutMs = 15_000): Promise<number> {
  const began = Date.now();
  await waitFor(`${standby}'s lease file identical to ${master}'s with ${what}`, async () => {
    const [a, b] = await Promise.all([leaseFile(master), leaseFile(standby)]);
    return a.exists && a.text === b.text && has(b.text) ? true : notYet(`${master}: ${JSON.stringify(a.text.slice(0, 200))}; ${standby}: ${JSON.stringify(b.text.slice(0, 200))}`);
  }, { timeoutMs, intervalMs: 20 });
  return Date.now() - began;
}
