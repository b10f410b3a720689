// Integration: a real nats-server running what `routerctl render nats` prints, each identity signed in
// with the seed it wrote. Who may publish and subscribe to what is nats-server's verdict, not ours.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNatsCredential } from '@routerd/agent/credential';
import {
  askEndpoint,
  BUS_IDENTITIES,
  dhcpPromoterStatusEndpoint,
  leaseSubject,
  leaseWatcherFilesEndpoint,
  promotionSubject,
  reconcileSubject,
  sampleLeaseFileEvent,
  samplePromotionStatus,
  sampleSyncStatus,
  sampleVipRoleEvent,
  serveEndpoint,
  syncerStatusEndpoint,
  syncSubject,
  vipSubject,
  vipWatcherRolesEndpoint,
  type BusIdentity,
} from '@routerd/bus';
import { startNatsServer, waitUntil, type NatsServer } from '@routerd/testkit';
import { connect, Events, nkeyAuthenticator, RequestStrategy, type NatsConnection, type Status } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { DEFAULT_NATS_CREDS } from '../live/options.js';
import { memoryIo } from '../testing/memory-io.js';

const NODE = 'r1';
const quiet = { warn: () => undefined, error: () => undefined };

/** One subject each identity publishes in its work. */
const OWN: Record<Exclude<BusIdentity, 'routerctl' | 'metrics-exporter'>, string> = {
  'vip-watcher': vipSubject(NODE, 'lan-vip'),
  'lease-watcher': leaseSubject(NODE, 'DHCPv4Server', 'lan-dhcpv4'),
  syncer: syncSubject(NODE, 'DHCPv4ServerLeaseSync', 'lan-v4-leases'),
  'dhcp-promoter': promotionSubject(NODE, 'lan-dhcp'),
};
const AGENTS = Object.keys(OWN) as (keyof typeof OWN)[];

interface Client {
  nc: NatsConnection;
  statuses: Status[];
}

describe('routerctl render nats › permissions on a real nats-server', () => {
  let dir: string;
  let server: NatsServer;
  const clients = new Map<BusIdentity, Client>();
  const seen: string[] = [];

  const client = (identity: BusIdentity): Client => {
    const found = clients.get(identity);
    if (found === undefined) throw new Error(`no connection for ${identity}`);
    return found;
  };

  /** Resolves once nats-server has reported `identity`'s publish to `subject` as a violation. */
  const publishRefused = (identity: BusIdentity, subject: string) =>
    waitUntil(() => client(identity).statuses.some((s) => s.type === Events.Error && s.permissionContext?.operation === 'publish' && s.permissionContext.subject === subject));

  /** Publishes `subject` as `identity`, then a marker of its own on the same connection: once the marker is seen, so would `subject` have been. */
  async function publishThenMark(identity: keyof typeof OWN, subject: string): Promise<void> {
    const { nc } = client(identity);
    nc.publish(subject, '{}');
    nc.publish(OWN[identity], 'marker');
    await nc.flush();
    await waitUntil(() => seen.includes(`${OWN[identity]} marker`));
    seen.splice(0);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'routerd-nats-permissions-'));
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['render', 'nats', '--creds-dir', 'creds', '--node', NODE], io)).toBe(0);
    await writeFile(join(dir, 'bus.conf'), io.out());
    server = await startNatsServer({ configFile: join(dir, 'bus.conf') });
    for (const identity of BUS_IDENTITIES) {
      const { seed } = await readNatsCredential(join(dir, 'creds', `${identity}.nk`));
      const nc = await connect({ servers: server.url, name: identity, authenticator: nkeyAuthenticator(seed), reconnect: false });
      const statuses: Status[] = [];
      void (async () => {
        for await (const status of nc.status()) statuses.push(status);
      })();
      clients.set(identity, { nc, statuses });
    }
    const watch = client('routerctl').nc.subscribe('routerd.>', { callback: (_error, msg) => seen.push(`${msg.subject} ${msg.string()}`) });
    expect(watch.getSubject()).toBe('routerd.>');
    await client('routerctl').nc.flush();
  });

  afterAll(async () => {
    for (const { nc } of clients.values()) await nc.close();
    await server?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('permissions › a client without a credential cannot connect at all', async () => {
    await expect(connect({ servers: server.url, name: 'anonymous', reconnect: false })).rejects.toThrow(/authorization violation/i);
  });

  it.each(AGENTS)('permissions › %s publishes its own events, which routerctl sees', async (identity) => {
    client(identity).nc.publish(OWN[identity], 'event');
    await client(identity).nc.flush();
    await waitUntil(() => seen.includes(`${OWN[identity]} event`));
    seen.splice(0);
  });

  it.each(AGENTS)("permissions › %s cannot publish another agent's subjects: a permissions error, and nothing delivered", async (identity) => {
    const others = AGENTS.filter((other) => other !== identity).map((other) => OWN[other]);
    if (identity === 'vip-watcher' || identity === 'lease-watcher') others.push(reconcileSubject(NODE, 'DHCPv4Server', 'lan-dhcpv4'));
    for (const subject of [...others, vipSubject('r2', 'lan-vip')].filter((s) => s !== OWN[identity])) {
      await publishThenMark(identity, subject);
      await publishRefused(identity, subject);
    }
    expect(client(identity).nc.isClosed()).toBe(false);
  });

  it('permissions › the syncer and the promoter both publish reconcile events', async () => {
    const subject = reconcileSubject(NODE, 'DHCPv4Server', 'lan-dhcpv4');
    for (const identity of ['syncer', 'dhcp-promoter'] as const) {
      client(identity).nc.publish(subject, identity);
      await client(identity).nc.flush();
      await waitUntil(() => seen.includes(`${subject} ${identity}`));
    }
    seen.splice(0);
  });

  it('permissions › an agent cannot subscribe to what it does not read', async () => {
    const subject = leaseSubject(NODE, 'DHCPv4Server', 'lan-dhcpv4');
    const errors: string[] = [];
    client('vip-watcher').nc.subscribe(subject, { callback: (error) => void (error === null ? undefined : errors.push(error.message)) });
    await waitUntil(() => errors.length > 0);
    expect(errors[0]).toMatch(new RegExp(`permissions violation for subscription to "${subject.replaceAll('.', '\\.')}"`, 'i'));
  });

  it('permissions › the metrics exporter receives the sync, vip and promotion statuses, and may publish nothing, not even its own node\'s events', async () => {
    const exporter = client('metrics-exporter').nc;
    const received: string[] = [];
    const errors: string[] = [];
    for (const subject of ['routerd.r1.sync.*.*', 'routerd.r1.vip.*', 'routerd.r1.promotion.*']) {
      exporter.subscribe(subject, { callback: (_error, msg) => received.push(msg.subject) });
    }
    exporter.subscribe(leaseSubject(NODE, 'DHCPv4Server', 'lan-dhcpv4'), { callback: (error) => void (error === null ? undefined : errors.push(error.message)) });
    await exporter.flush();
    for (const identity of ['syncer', 'vip-watcher', 'dhcp-promoter'] as const) {
      client(identity).nc.publish(OWN[identity], 'status');
      await client(identity).nc.flush();
    }
    await waitUntil(() => received.length === 3);
    expect(received.sort()).toEqual([OWN['dhcp-promoter'], OWN.syncer, OWN['vip-watcher']].sort());
    await waitUntil(() => errors.length > 0);
    expect(errors[0]).toMatch(/permissions violation for subscription/i);
    for (const subject of [OWN.syncer, OWN['vip-watcher'], 'routerd.r1.metrics.anything']) {
      exporter.publish(subject, 'forged');
      await exporter.flush();
      await publishRefused('metrics-exporter', subject);
    }
    seen.splice(0);
  });

  it("permissions › each agent's service answers routerctl's askEndpoint, and routerctl discovers them", async () => {
    const services = [
      await serveEndpoint(client('vip-watcher').nc, vipWatcherRolesEndpoint, { node: NODE, items: () => [sampleVipRoleEvent], log: quiet }),
      await serveEndpoint(client('lease-watcher').nc, leaseWatcherFilesEndpoint, { node: NODE, items: () => [sampleLeaseFileEvent], log: quiet }),
      await serveEndpoint(client('syncer').nc, syncerStatusEndpoint, { node: NODE, items: () => [sampleSyncStatus], log: quiet }),
      await serveEndpoint(client('dhcp-promoter').nc, dhcpPromoterStatusEndpoint, { node: NODE, items: () => [samplePromotionStatus], log: quiet }),
    ];
    try {
      for (const identity of AGENTS) await client(identity).nc.flush();
      const ctl = client('routerctl').nc;
      const ask = { node: NODE, request: {}, timeoutMs: 2000 };
      expect(await askEndpoint(ctl, vipWatcherRolesEndpoint, ask)).toEqual([sampleVipRoleEvent]);
      expect(await askEndpoint(ctl, leaseWatcherFilesEndpoint, ask)).toEqual([sampleLeaseFileEvent]);
      expect(await askEndpoint(ctl, syncerStatusEndpoint, ask)).toEqual([sampleSyncStatus]);
      expect(await askEndpoint(ctl, dhcpPromoterStatusEndpoint, ask)).toEqual([samplePromotionStatus]);
      const get = memoryIo({ cwd: dir, env: { ROUTERD_NATS_CREDS: join(dir, 'creds', 'routerctl.nk') } });
      expect(await runCli(['get', 'vip', '--nats', server.url, '--node', NODE], get)).toBe(0);
      expect(get.out()).toContain('lan-vip');
      const pings = await ctl.services.client({ maxWait: 1000, strategy: RequestStrategy.Timer }).ping();
      const names: string[] = [];
      for await (const ping of pings) names.push(ping.name);
      expect(names.sort()).toEqual(['routerd-dhcp-promoter', 'routerd-lease-watcher', 'routerd-syncer', 'routerd-vip-watcher']);
    } finally {
      for (const service of services) await service.stop();
    }
  });

  it('permissions › routerctl without its credential, or with a missing one, is exit 2 naming the file and the fix', async () => {
    const missing = join(dir, 'elsewhere', 'routerctl.nk');
    const given = memoryIo({ cwd: dir });
    expect(await runCli(['get', 'vip', '--nats', server.url, '--nats-creds', missing], given)).toBe(2);
    expect(given.err()).toBe(`routerctl: cannot read the NATS credential ${missing}: no such file; render it with \`routerctl render nats --creds-dir ${join(dir, 'elsewhere')}\` (docs/operations.md, "NATS")\n`);
    if (existsSync(DEFAULT_NATS_CREDS)) return;
    const none = memoryIo({ cwd: dir });
    expect(await runCli(['get', 'vip', '--nats', server.url], none)).toBe(2);
    expect(none.err()).toMatch(new RegExp(`^routerctl: NATS at ${server.url} refused routerctl without a credential \\(${DEFAULT_NATS_CREDS} does not exist\\): .*Authorization Violation.*; render it with`, 'i'));
  });

  it("permissions › routerctl is read-only: it cannot publish an agent's subject, and the syncer never sees it", async () => {
    const forged = vipSubject(NODE, 'lan-vip');
    const received: string[] = [];
    const syncer = client('syncer').nc;
    syncer.subscribe(forged, { callback: (_error, msg) => received.push(msg.string()) });
    await syncer.flush();
    const ctl = client('routerctl').nc;
    ctl.publish(forged, 'forged master');
    await ctl.flush();
    await publishRefused('routerctl', forged);
    client('vip-watcher').nc.publish(forged, 'real');
    await client('vip-watcher').nc.flush();
    await waitUntil(() => received.includes('real'));
    expect(received).toEqual(['real']);
  });
});
