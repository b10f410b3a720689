// What the lab observes: who holds the VIP, whether dnsmasq runs, the lease files, sshd's accepted logins.
import { readFile, stat } from 'node:fs/promises';
import { parseLeaseText, type LeaseFileView } from './leases.js';
import { hasAddress, isAlive } from '@routerd/testkit';
import { ROUTER_IDS, ROUTERS, routerDirs, VIP, type RouterId } from './topology.js';

export async function vipHolders(): Promise<RouterId[]> {
  const holders: RouterId[] = [];
  for (const id of ROUTER_IDS) if (await hasAddress(ROUTERS[id].ns, 'eth1', `${VIP}/32`)) holders.push(id);
  return holders;
}

/** The host path of a router's lease file (its /var/lib/routerd/dnsmasq/dnsmasq.leases). */
export function leaseFilePath(id: RouterId): string {
  return `${routerDirs(id).state}/dnsmasq/dnsmasq.leases`;
}

export interface LeaseFileState {
  exists: boolean;
  text: string;
  inode: number | undefined;
  view: LeaseFileView | undefined;
}

export async function leaseFile(id: RouterId): Promise<LeaseFileState> {
  const path = leaseFilePath(id);
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let view: LeaseFileView | undefined;
    try {
      view = parseLeaseText(text);
    } catch {
      view = undefined;
    }
    return { exists: true, text, inode: info.ino, view };
  } catch {
    return { exists: false, text: '', inode: undefined, view: undefined };
  }
}

/** dnsmasq's PID when the router's dnsmasq runs (its pid file names a live dnsmasq). */
export async function dnsmasqPid(id: RouterId): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(`${routerDirs(id).run}/dnsmasq.pid`, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    return comm === 'dnsmasq' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Lines of a router's sshd log that record a login accepted from the given address. */
export async function acceptedLogins(id: RouterId, from: string): Promise<string[]> {
  try {
    const text = await readFile(`${routerDirs(id).log}/sshd.log`, 'utf8');
    return text.split('\n').filter((line) => line.includes('Accepted publickey') && line.includes(` from ${from} `));
  } catch {
    return [];
  }
}
