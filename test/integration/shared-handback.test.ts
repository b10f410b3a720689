// The example's two syncs of one dnsmasq file (DHCPv4 and DHCPv6, examples/dhcp-lease-sync-ha.yaml)
// hand that file back once on a demotion, with the real pieces: the demoted node's syncer (real rsync
// over a real sshd), the standby's lease receiver as sshd's forced command (`routerctl render
// authorized-keys`), a real nats-server. A handback per sync made the second land after the new master
// served (its promoter then stopped DHCP for a needless heal) or be refused once the first was merged.
// Fault test: it fails on the syncer before the handback registry (two handbacks).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, type RunCommand } from '@routerd/agent';
import { encode, promotionStatusSchema, promotionSubject, samplePromotionStatus, sampleVipRoleEvent, vipRoleEventSchema, vipSubject, type PromotionPhase, type VipRoleEvent } from '@routerd/bus';
import { configYaml, haLanResources, loadTestConfig, masterGate, resource } from '@routerd/model/testing';
import { createSyncer, type Syncer } from '@routerd/syncer';
import { startNatsServer, startSshd, waitFor, type NatsServer, type Sshd } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './harness/receiver-standby.js';
import { RECEIVER_BIN, ROUTERCTL_BIN } from './harness/paths.js';

const NODE = 'router-a';
const NOW = Math.floor(Date.now() / 1000);
/** Documentation addresses; expiries hours ahead. */
const V4 = `${NOW + 4 * 3600} 02:00:00:00:32:01 192.0.2.150 host1 *\n`;
const V4_LAST = `${NOW + 5 * 3600} 02:00:00:00:32:02 192.0.2.151 host2 *\n`;

describe('system › one handback per lease file and peer', () => {
  let root: string;
  let leaseFile: string;
  let standbyFile: string;
  let nats: NatsServer;
  let sshd: Sshd;
  let nc: NatsConnection;
  let syncer: Syncer | undefined;
  const runs: string[][] = [];
  const timers: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rdsh-'));
    const stateDir = join(root, 'state');
    leaseFile = join(stateDir, 'dnsmasq', 'dnsmasq.leases');
    standbyFile = join(root, 'standby', 'dnsmasq', 'dnsmasq.leases');
    await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
    await mkdir(join(root, 'standby', 'dnsmasq'), { recursive: true });
    await writeFile(leaseFile, V4);
    // The standby sees its own state dir at the same path as the pusher's, as two routers do.
    sshd = await startSshd({ bindMounts: [{ source: join(root, 'standby'), target: stateDir }] });
    const target = { name: 'standby', host: sshd.host, user: sshd.user, sshOptions: [...sshd.sshOptions] };
    // rdsh0 does not exist: the standby never holds the VIP, and its promotion's check (no flag) says
    // its server does not run, so its receiver merges each push and handback at once.
    const promotion = { servers: ['DHCPv4Server/lan-dhcpv4', 'DHCPv6Server/lan-dhcpv6'], start: ['true'], stop: ['true'], check: ['test', '-e', join(root, 'no-flag')] };
    const resources = [
      ...haLanResources({ ifname: 'rdsh0', targets: [target], leaseFile, promotion }),
      resource('DHCPv6Server', 'lan-dhcpv6', { interface: 'lan', mode: 'stateful', addressPool: { start: '2001:db8:30::100', end: '2001:db8:30::1ff' }, leaseFile }),
      resource('DHCPv6ServerLeaseSync', 'lan-v6-leases', { source: { resource: 'DHCPv6Server/lan-dhcpv6' }, targets: [target], when: masterGate() }),
    ];
    const configFile = join(root, 'router.yaml');
    await writeFile(configFile, configYaml(resources, { router: 'shared-handback-test' }));
    const rendered = await run([process.execPath, ROUTERCTL_BIN, 'render', 'authorized-keys', '--peer', '127.0.0.1', '--key', `${sshd.identityFile}.pub`, '--config', configFile, '--receiver', RECEIVER_BIN]);
    if (rendered.code !== 0) throw new Error(`routerctl render authorized-keys exited ${String(rendered.code)}: ${rendered.stderr}`);
    await writeFile(join(sshd.dir, 'authorized_keys'), rendered.stdout);
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url, name: 'shared-handback-test' });
    const recording: RunCommand = (argv, options) => {
      runs.push([...argv]);
      return runCommand(argv, options);
    };
    syncer = await createSyncer({ nc, node: NODE, config: loadTestConfig(resources), dirs: { stateDir, runtimeDir: join(root, 'run') }, log: pino({ level: 'silent' }), run: recording, handbackWaitMs: 600_000 });
  }, 60_000);

  afterAll(async () => {
    timers.forEach((t) => clearInterval(t));
    await syncer?.stop();
    await nc?.close();
    await sshd?.cleanup();
    await nats?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  }, 60_000);

  /** What the vip-watcher and the promoter of this node would publish, every 200 ms from now on. */
  const publishEvery = (role: VipRoleEvent['role'], phase: PromotionPhase) => {
    timers.forEach((t) => clearInterval(t));
    timers.length = 0;
    let seq = 0;
    const publish = () => {
      const now = new Date().toISOString();
      const event: VipRoleEvent = { ...sampleVipRoleEvent, node: NODE, role, heartbeatMs: 200, seq: (seq += 1), observedAt: now };
      nc.publish(vipSubject(NODE, 'lan-vip'), encode(vipRoleEventSchema, event, vipSubject(NODE, 'lan-vip')));
      const status = { ...samplePromotionStatus, node: NODE, role, phase, heartbeatMs: 200, seq, lastTransitionAt: now, observedAt: now };
      nc.publish(promotionSubject(NODE, 'lan-dhcp'), encode(promotionStatusSchema, status, promotionSubject(NODE, 'lan-dhcp')));
    };
    publish();
    timers.push(setInterval(publish, 200));
  };

  it('system › fault: demoted, the DHCPv4 and DHCPv6 syncs of one file hand it back once, merged by the standby\'s receiver', { timeout: 60_000 }, async () => {
    const lan = () => syncer?.statuses() ?? [];
    publishEvery('master', 'Serving');
    await waitFor('both syncs pushed', () => (lan().length === 2 && lan().every((s) => s.phase === 'Synced') ? true : undefined), { timeoutMs: 20_000 });
    expect(await readFile(standbyFile, 'utf8')).toBe(V4);
    // dnsmasq's last lease, written before it stopped: only the handback carries it.
    await writeFile(leaseFile, V4 + V4_LAST);
    publishEvery('backup', 'Stopped');
    await waitFor('both targets report the handback', () => (lan().every((s) => s.targets[0]?.message?.startsWith('handback to standby: ')) ? true : undefined), { timeoutMs: 20_000 });
    const handbacks = runs.filter((argv) => argv.at(-1)?.endsWith('.routerd-handback'));
    expect(handbacks).toHaveLength(1);
    expect(lan().map((s) => [s.kind, s.phase, s.targets[0]?.message]).sort()).toEqual([
      ['DHCPv4ServerLeaseSync', 'Pending', expect.stringMatching(/^handback to standby: merged, 2 leases/)],
      ['DHCPv6ServerLeaseSync', 'Pending', 'handback to standby: sent by DHCPv4ServerLeaseSync/lan-v4-leases, which hands back the same file to the same place'],
    ]);
    expect(await readFile(standbyFile, 'utf8')).toContain(V4_LAST);
  });
});
