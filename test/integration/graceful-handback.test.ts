// The graceful failover's race, with the real pieces of the new master: its lease receiver behind a real
// sshd (the forced command `routerctl render authorized-keys` prints), a real rsync handback from the
// demoted peer, and its promoter agent on a real nats-server. keepalived's backup takes the VIP only
// after its skew (0.61 s at priority 100) once the old master left; a handback that lands before that
// finds this node not serving, and its receiver merges it at once. The new mastership must then start
// from that file at once, not wait all of `settle` (60 s here, beyond the test's timeout) for a
// handback that never comes again. Fault test: it fails on the promoter before the handback trace.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCleanupStack, type CleanupStack } from '@routerd/agent';
import { decode, promotionStatusSchema, sampleVipRoleEvent, vipSubject, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import { dhcpPromoterAgent } from '@routerd/dhcp-promoter';
import { parseReceiverReport } from '@routerd/leases';
import { inboxPaths, joinRshCommand } from '@routerd/model';
import { configYaml, haLanResources, loadTestConfig } from '@routerd/model/testing';
import { createLogger } from '@routerd/agent';
import { startNatsServer, startSshd, type NatsServer, type Sshd } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLAN_OPTIONS, run } from './harness/receiver-standby.js';
import { RECEIVER_BIN, ROUTERCTL_BIN } from './harness/paths.js';

const NOW = Math.floor(Date.now() / 1000);
/** Documentation addresses; expiries hours ahead. */
const line = (hours: number, n: number) => `${NOW + hours * 3600} 02:00:00:00:31:${n.toString(16).padStart(2, '0')} 192.0.2.${140 + n} host${n} *\n`;
/** This node's file: what the old master last pushed. */
const SYNCED = line(4, 1);
/** The old master's last file, after its server stopped: it granted lease 2 since its last push. */
const HANDBACK = line(4, 1) + line(5, 2);

describe('system › graceful failover: a handback merged by the receiver before the VIP came', () => {
  let root: string;
  let live: string;
  let flag: string;
  let configFile: string;
  let nats: NatsServer;
  let sshd: Sshd;
  let nc: NatsConnection;
  let agent: CleanupStack;
  const statuses: PromotionStatus[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rdgh-'));
    live = join(root, 'state', 'dnsmasq', 'dnsmasq.leases');
    flag = join(root, 'dhcp-server.running');
    configFile = join(root, 'router.yaml');
    await mkdir(join(root, 'state', 'dnsmasq'), { recursive: true });
    await writeFile(live, SYNCED);
    // The DHCP server stands in as a flag: start makes it, stop removes it, and the receiver's serving
    // check and the promoter's check both read it (this node's one configuration). rdgh0 does not
    // exist: the VIP is never on it, so the receiver judges "serving" by the check alone.
    const start = join(root, 'start.sh');
    await writeFile(start, `#!/bin/sh\ncp "${live}" "${join(root, 'loaded')}"\ntouch "${flag}"\n`);
    await chmod(start, 0o755);
    sshd = await startSshd();
    const promotion = { start: [start], stop: ['rm', '-f', flag], check: ['test', '-e', flag], settle: '60s' };
    const resources = haLanResources({
      ifname: 'rdgh0',
      // The peer is the sshd: a pull, were one made, would reach this node's own receiver.
      targets: [{ name: 'router-a', host: sshd.host, user: sshd.user, sshOptions: [...sshd.sshOptions, '-o', 'ControlMaster=no'] }],
      leaseFile: live,
      promotion,
    });
    await writeFile(configFile, configYaml(resources, { router: 'router-b' }));
    const rendered = await run([process.execPath, ROUTERCTL_BIN, 'render', 'authorized-keys', '--peer', '127.0.0.1', '--key', `${sshd.identityFile}.pub`, '--config', configFile, '--receiver', RECEIVER_BIN]);
    if (rendered.code !== 0) throw new Error(`routerctl render authorized-keys exited ${String(rendered.code)}: ${rendered.stderr}`);
    await writeFile(join(sshd.dir, 'authorized_keys'), rendered.stdout);

    nats = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: nats.url, name: 'graceful-handback-test' });
    nc.subscribe('routerd.router-b.promotion.>', {
      callback: (_error, msg) => {
        const status = decode(promotionStatusSchema, msg.data, msg.subject);
        if (status.ok) statuses.push(status.value);
      },
    });
    await nc.flush();
    agent = createCleanupStack();
    await dhcpPromoterAgent({ heartbeatMs: 500 })({
      name: 'dhcp-promoter',
      node: 'router-b',
      nc,
      config: loadTestConfig(await readFile(configFile, 'utf8')),
      log: createLogger({ name: 'dhcp-promoter', node: 'router-b', level: 'warn', destination: { write: () => undefined } }),
      options: { config: configFile, nats: nats.url, node: 'router-b' },
      flags: {},
      env: {},
      dirs: { stateDir: join(root, 'state'), runtimeDir: join(root, 'run') },
      defer: agent.defer,
    });
  });

  afterAll(async () => {
    await agent?.unwind();
    await nc?.close();
    await nats?.cleanup();
    await sshd?.cleanup();
    await rm(root, { recursive: true, force: true });
  });

  let seq = 0;
  const publishRole = (role: VipRoleEvent['role']) => {
    const event: VipRoleEvent = { ...sampleVipRoleEvent, node: 'router-b', name: 'lan-vip', role, heartbeatMs: 500, seq: (seq += 1), observedAt: new Date().toISOString() };
    nc.publish(vipSubject('router-b', 'lan-vip'), JSON.stringify(event));
  };

  it('system › the new master starts from the handback its receiver merged while backup, without waiting settle for another', async () => {
    publishRole('backup');
    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ role: 'backup', phase: 'Stopped' }), { timeout: 10_000, interval: 50 });

    // The demoted peer's handback, as its syncer sends it: this node does not serve yet, so its receiver merges it.
    const source = join(root, 'peer.leases');
    await writeFile(source, HANDBACK);
    const rsh = joinRshCommand(['ssh', ...sshd.sshOptions]);
    const sent = await run(['rsync', ...PLAN_OPTIONS, '-e', rsh, source, `${sshd.host}:${live}.routerd-handback`]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(parseReceiverReport(sent.stderr)).toMatchObject({ type: 'merged', leases: 2 });
    expect(await readFile(inboxPaths(live).handback, 'utf8').catch(() => undefined)).toBeUndefined();

    // keepalived's skew later, the VIP: master.
    publishRole('master');
    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ role: 'master', phase: 'Serving' }), { timeout: 20_000, interval: 50 });
    expect(await readFile(join(root, 'loaded'), 'utf8')).toBe(HANDBACK);
    expect(statuses.at(-1)?.lastReconcile).toMatchObject({
      trigger: 'promotion',
      files: [{ path: live, peer: 'router-a', result: 'handback-merged', message: "router-a's handback was merged by this node's receiver meanwhile" }],
    });
  });
});
