// Integration and fault test: the agent with a real nats-server, real rsync over a real sshd whose
// filesystem view is the peer's state dir, real lease files, and a start script that records what the
// DHCP server would load. A peer with newer leases: the new master's server must start from them (P6),
// from the handback when one comes (P5), and a handback while serving is merged once (P4).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCleanupStack, runCommand, type RunCommand } from '@routerd/agent';
import { decode, promotionStatusSchema, reconcileEventSchema, sampleVipRoleEvent, vipSubject, type PromotionStatus, type ReconcileEvent, type VipRoleEvent } from '@routerd/bus';
import { inboxPaths } from '@routerd/model';
import { configYaml, haLanResources, loadTestConfig } from '@routerd/model/testing';
import { startNatsServer, startSshd, type NatsServer, type Sshd } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dhcpPromoterAgent } from './agent.js';
import { memoryLogger } from './testing/fakes.js';
import { lease } from './testing/inbox.js';

const NOW = Math.floor(Date.now() / 1000);
/** This node's stale file: lease 1 about to expire. The peer renewed it and granted lease 2 since. */
const STALE = lease(NOW, 1, 1);
const PEERS = lease(NOW, 8, 1) + lease(NOW, 8, 2);

describe('dhcp-promoter › agent reconciling with a real peer over ssh', () => {
  let root: string;
  let stateDir: string;
  let peerState: string;
  let live: string;
  let nats: NatsServer;
  let sshd: Sshd;
  let nc: NatsConnection;
  const statuses: PromotionStatus[] = [];
  const events: ReconcileEvent[] = [];
  const pulls: number[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'promoter-reconcile-'));
    stateDir = join(root, 'state');
    peerState = join(root, 'peer');
    live = join(stateDir, 'dnsmasq', 'dnsmasq.leases');
    for (const action of ['start', 'stop']) {
      const script = join(root, `${action}.sh`);
      // start: what a dnsmasq loads at its start is the live file as it is then.
      const body = action === 'start' ? `cp "${live}" "${join(root, 'loaded')}"\necho start >> "${join(root, 'marker')}"\ntouch "${join(root, 'running')}"` : `echo stop >> "${join(root, 'marker')}"\nrm -f "${join(root, 'running')}"`;
      writeFileSync(script, `#!/bin/sh\n${body}\n`);
      chmodSync(script, 0o755);
    }
    nats = await startNatsServer({ jetstream: false });
    mkdirSync(join(peerState, 'dnsmasq'), { recursive: true });
    mkdirSync(stateDir, { recursive: true });
    // The peer's view: its own state dir where ours is, as on a second router.
    sshd = await startSshd({ bindMounts: [{ source: peerState, target: stateDir }] });
    nc = await connect({ servers: nats.url, name: 'promoter-reconcile-test' });
    nc.subscribe('routerd.r1.>', {
      callback: (_error, msg) => {
        const status = decode(promotionStatusSchema, msg.data, msg.subject);
        if (status.ok) statuses.push(status.value);
        const event = decode(reconcileEventSchema, msg.data, msg.subject);
        if (event.ok) events.push(event.value);
      },
    });
    await nc.flush();
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await sshd?.cleanup();
    await nats?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  beforeEach(() => {
    // stateDir itself is the peer's mount point in sshd's namespace: only what is in it is replaced.
    rmSync(join(stateDir, 'dnsmasq'), { recursive: true, force: true });
    mkdirSync(join(stateDir, 'dnsmasq'), { recursive: true });
    writeFileSync(live, STALE);
    writeFileSync(join(peerState, 'dnsmasq', 'dnsmasq.leases'), PEERS);
    for (const file of ['loaded', 'marker', 'running']) rmSync(join(root, file), { force: true });
    statuses.length = 0;
    events.length = 0;
  });

  const read = (file: string) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined);
  let seq = 0;
  const publishRole = (role: VipRoleEvent['role']) => {
    const event: VipRoleEvent = { ...sampleVipRoleEvent, node: 'r1', name: 'lan-vip', role, heartbeatMs: 1000, seq: (seq += 1), observedAt: new Date().toISOString() };
    nc.publish(vipSubject('r1', 'lan-vip'), JSON.stringify(event));
  };

  /** Runs the agent as main.ts would, with the lease functions given; returns its SIGTERM steps. */
  async function startAgent(settle: string) {
    const resources = haLanResources({
      ifname: 'lan0',
      // No ControlMaster: a pull of the promoter's own leaves no ssh master behind.
      targets: [{ name: 'router-b', host: sshd.host, user: sshd.user, sshOptions: [...sshd.sshOptions, '-o', 'ControlMaster=no'] }],
      promotion: { start: [join(root, 'start.sh')], stop: [join(root, 'stop.sh')], check: ['test', '-e', join(root, 'running')], settle },
    });
    const config = loadTestConfig(configYaml(resources));
    // Times each pull: how long a pull over a new ssh connection takes, against settle.
    const exec: RunCommand = async (argv, options) => {
      const started = performance.now();
      const result = await runCommand(argv, options);
      if (argv[0] === 'rsync') pulls.push(performance.now() - started);
      return result;
    };
    const steps = createCleanupStack();
    await dhcpPromoterAgent({ heartbeatMs: 500, exec })({
      name: 'dhcp-promoter',
      node: 'r1',
      nc,
      config,
      log: memoryLogger().log,
      options: { config: 'test.yaml', nats: nats.url, node: 'r1' },
      flags: {},
      env: {},
      dirs: { stateDir, runtimeDir: join(root, 'run') },
      defer: steps.defer,
    });
    return steps;
  }

  const serving = () => vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ phase: 'Serving', role: 'master' }), { timeout: 10_000, interval: 50 });

  it("dhcp-promoter › fault: a new master whose file is stale starts its server from the peer's newer file, pulled within settle", async () => {
    const steps = await startAgent('2s');
    try {
      await vi.waitFor(() => expect(statuses.at(-1)?.phase).toBe('Stopped'), { timeout: 5000 });
      publishRole('master');
      await serving();
      // Without the pull the server would load STALE: lease 2 lost, lease 1 about to expire.
      expect(read('loaded')).toBe(PEERS);
      expect(read('marker')).toBe('start\n');
      expect(statuses.at(-1)).toMatchObject({ message: 'merged 2 leases from router-b, 0 conflicts', lastReconcile: { trigger: 'promotion', files: [{ path: live, result: 'pull-merged', leases: 2 }] } });
      expect(events.map((e) => [e.action, e.peer, e.kind])).toEqual([['pull-merged', 'router-b', 'DHCPv4Server']]);
      expect(existsSync(inboxPaths(live).pulled)).toBe(false);
      expect(readFileSync(inboxPaths(live).base, 'utf8')).toBe(PEERS);
      process.stdout.write(`dhcp-promoter: a pull over a new ssh connection took ${pulls.map((ms) => `${Math.round(ms)} ms`).join(', ')} (settle 2s)\n`);
    } finally {
      await steps.unwind();
    }
  }, 30_000);

  it('dhcp-promoter › the handback that comes during settle is merged and the server starts at once; one that comes while serving is merged by stop, merge, start', async () => {
    const steps = await startAgent('5s');
    try {
      await vi.waitFor(() => expect(statuses.at(-1)?.phase).toBe('Stopped'), { timeout: 5000 });
      const { handback } = inboxPaths(live);
      mkdirSync(inboxPaths(live).dir, { recursive: true });
      publishRole('master');
      writeFileSync(handback, PEERS);
      await serving();
      expect(read('loaded')).toBe(PEERS);
      expect(existsSync(handback)).toBe(false);
      expect(statuses.at(-1)?.lastReconcile?.files).toMatchObject([{ result: 'handback-merged' }]);
      // Well before the 5 s settle: the handback ended the wait.
      expect(statuses.at(-1)?.lastReconcile?.durationMs).toBeLessThan(5000);

      // A split brain healed: the demoted peer hands back a lease it granted meanwhile.
      const healed = PEERS + lease(NOW, 8, 3);
      writeFileSync(handback, healed);
      await vi.waitFor(() => expect(read('loaded')).toBe(healed), { timeout: 10_000, interval: 50 });
      await serving();
      expect(read('marker')).toBe('start\nstop\nstart\n');
      expect(statuses.at(-1)).toMatchObject({ message: 'merged 3 leases from router-b, 0 conflicts', lastReconcile: { trigger: 'heal' } });
      expect(events.map((e) => e.action)).toEqual(['handback-merged', 'handback-merged']);
      expect(existsSync(handback)).toBe(false);
    } finally {
      await steps.unwind();
    }
  }, 30_000);
});
