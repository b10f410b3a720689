// The syncer in-process with the example configuration (examples/dhcp-lease-sync-ha.yaml), a real
// nats-server and a fake rsync: its DHCPv4 and DHCPv6 syncs share one dnsmasq file and one peer,
// and a demotion hands that file back once, not once per sync.
import { readFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandResult, RunCommand } from '@routerd/agent';
import { loadConfig, requireConfig } from '@routerd/model';
import { startNatsServer, waitFor, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncer } from './syncer.js';
import { heartbeat, NODE, promotionHeartbeat } from './testing/bus-events.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/dhcp-lease-sync-ha.yaml', import.meta.url));
const LEASES = '1795649016 02:00:00:00:30:10 192.0.2.130 cl 01:02:00:00:00:30:10\n';
const SERVERS = [
  { kind: 'DHCPv4Server', name: 'lan-dhcpv4' },
  { kind: 'DHCPv6Server', name: 'lan-dhcpv6' },
] as const;

let nats: NatsServer;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'syncer-shared-handback-test' });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await nats?.cleanup();
});

describe('syncer › one handback per file and peer', () => {
  it('syncer › fault: the example\'s DHCPv4 and DHCPv6 syncs of one dnsmasq file hand it back once on a demotion', { timeout: 30_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'syncer-shared-handback-'));
    const stateDir = join(root, 'state');
    await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
    await writeFile(join(stateDir, 'dnsmasq', 'dnsmasq.leases'), LEASES);
    const runs: string[][] = [];
    const run: RunCommand = async (argv) => {
      runs.push([...argv]);
      return { exitCode: 0, output: '', durationMs: 1, timedOut: false, aborted: false } satisfies CommandResult;
    };
    const config = requireConfig(loadConfig([{ file: EXAMPLE, text: await readFile(EXAMPLE, 'utf8') }]));
    const syncer = await createSyncer({ nc, node: NODE, config, dirs: { stateDir, runtimeDir: join(root, 'run') }, log: pino({ level: 'silent' }), run, handbackWaitMs: 600_000 });
    const lan = () => syncer.statuses().filter((s) => s.kind !== 'DHCPv6PrefixDelegationLeaseSync');
    const handbacks = () => runs.filter((argv) => argv.at(-1)?.endsWith('.routerd-handback'));
    const stops: (() => void)[] = [];
    try {
      stops.push(heartbeat(nc, 'master'), promotionHeartbeat(nc, 'Serving', [...SERVERS]));
      await waitFor('both syncs pushed', () => (lan().length === 2 && lan().every((s) => s.phase === 'Synced') ? true : undefined));
      stops.splice(0).forEach((stop) => stop());
      stops.push(heartbeat(nc, 'backup'), promotionHeartbeat(nc, 'Stopped', [...SERVERS]));
      await waitFor('a handback', () => (handbacks().length > 0 ? true : undefined));
      await waitFor('both messages', () => (lan().every((s) => s.targets[0]?.message?.startsWith('handback to standby: ')) ? true : undefined));
      // Before: one from each sync, the second landing after the new master served (a needless heal).
      expect(handbacks()).toHaveLength(1);
      expect(handbacks()[0]?.at(-1)).toBe(`routerd@routerd-standby.lan.example:${join(stateDir, 'dnsmasq', 'dnsmasq.leases')}.routerd-handback`);
      const messages = lan().map((s) => `${s.kind}: ${s.targets[0]?.message}`).sort();
      expect(messages).toEqual([
        'DHCPv4ServerLeaseSync: handback to standby: sent (no receiver report)',
        'DHCPv6ServerLeaseSync: handback to standby: sent by DHCPv4ServerLeaseSync/lan-v4-leases, which hands back the same file to the same place',
      ]);
      // Statuses keep coming: nothing more is sent in this demotion.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(handbacks()).toHaveLength(1);
    } finally {
      stops.forEach((stop) => stop());
      await syncer.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
