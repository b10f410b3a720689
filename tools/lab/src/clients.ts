// DHCP clients in their own namespaces: busybox udhcpc for v4, ISC dhclient -6 for v6 (Debian's busybox has no udhcpc6).
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { notYet, sleep, startProcess, stopPid, waitFor } from '@routerd/testkit';
import { run } from './exec.js';
import { inClient } from './router-argv.js';
import { clientDir, clientSpec, LAB_DIR } from './topology.js';

const HOOK = `${LAB_DIR}/udhcpc-hook.sh`;
// udhcpc calls its script for every event: record the lease and put the address on the interface
// (so dnsmasq's ping check sees it), never touch the host's resolv.conf as Debian's default script would.
const HOOK_TEXT = `#!/bin/sh
# udhcpc hook of the routerd lab: record each event, configure the address.
case "$1" in
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/$mask" dev "$interface"
    echo "$1 $ip $serverid $lease" >> "$RDLAB_EVENTS" ;;
  deconfig) ip -4 addr flush dev "$interface" ;;
  *) echo "$1 $message" >> "$RDLAB_EVENTS" ;;
esac
`;

export interface V4Lease {
  ok: boolean;
  address: string | undefined;
  serverId: string | undefined;
  /** Every event udhcpc reported (bound, nak ...), in order. */
  events: string[];
  durationMs: number;
}

/** One DISCOVER/REQUEST exchange (udhcpc -q); `request` asks for a given address (udhcpc -r). */
export async function dhcp4(id: string, options: { request?: string } = {}): Promise<V4Lease> {
  const c = clientSpec(id);
  await mkdir(clientDir(id), { recursive: true });
  await writeFile(HOOK, HOOK_TEXT);
  await chmod(HOOK, 0o755);
  const events = `${clientDir(id)}/udhcpc.events`;
  await writeFile(events, '');
  const argv = inClient(c.ns, ['udhcpc', '-i', 'eth0', '-f', '-q', '-n', '-t', '4', '-T', '2', '-A', '1', '-s', HOOK, ...(options.request === undefined ? [] : ['-r', options.request])]);
  const began = Date.now();
  const result = await run(argv, { check: false, timeoutMs: 30_000, env: { ...(process.env as Record<string, string>), RDLAB_EVENTS: events } });
  const durationMs = Date.now() - began;
  const lines = (await readFile(events, 'utf8')).split('\n').filter((l) => l !== '');
  const bound = lines.filter((l) => l.startsWith('bound ')).pop()?.split(' ');
  return { ok: result.exitCode === 0 && bound !== undefined, address: bound?.[1], serverId: bound?.[2], events: lines, durationMs };
}

export async function ignorePing(id: string): Promise<void> {
  await run(['ip', 'netns', 'exec', clientSpec(id).ns, 'sysctl', '-q', '-w', 'net.ipv4.icmp_echo_ignore_all=1']);
}

export interface V6Lease {
  ok: boolean;
  address: string | undefined;
  serverDuid: string | undefined;
  durationMs: number;
}

/** The last lease6 block of a dhclient lease file: its address and the server's DUID. */
export function lastV6Lease(text: string): { address: string; serverDuid: string | undefined } | undefined {
  const blocks = text.split('lease6 {');
  const last = blocks.length > 1 ? blocks[blocks.length - 1] : undefined;
  if (last === undefined) return undefined;
  const address = /iaaddr ([0-9a-f:]+) \{/.exec(last)?.[1];
  const serverDuid = /option dhcp6\.server-id ([^;]+);/.exec(last)?.[1];
  return address === undefined ? undefined : { address, serverDuid };
}

/** dhclient -6 in the foreground until it holds a new lease, then ended (its lease file keeps its DUID). */
export async function dhcp6(id: string, timeoutMs = 20_000): Promise<V6Lease> {
  const c = clientSpec(id);
  const dir = clientDir(id);
  await mkdir(dir, { recursive: true });
  const leases = `${dir}/dhclient6.leases`;
  const before = await readFile(leases, 'utf8').catch(() => '');
  const count = (text: string) => text.split('lease6 {').length;
  const began = Date.now();
  const argv = inClient(c.ns, ['dhclient', '-6', '-d', '-v', '-lf', leases, '-pf', `${dir}/dhclient6.pid`, '-sf', '/bin/true', 'eth0']);
  const { pid } = startProcess('dhclient', argv, { logFile: `${dir}/dhclient6.log`, outlive: true });
  try {
    const lease = await waitFor(`a DHCPv6 lease for ${id}`, async () => {
      const text = await readFile(leases, 'utf8').catch(() => '');
      const found = count(text) > count(before) ? lastV6Lease(text) : undefined;
      return found === undefined ? notYet('no new lease6 block') : found;
    }, { timeoutMs, intervalMs: 100 });
    return { ok: true, address: lease.address, serverDuid: lease.serverDuid, durationMs: Date.now() - began };
  } catch {
    return { ok: false, address: undefined, serverDuid: undefined, durationMs: Date.now() - began };
  } finally {
    await stopPid(pid);
    await sleep(50);
  }
}
