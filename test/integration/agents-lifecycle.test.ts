// How the agents start, reload and stop as processes: SIGHUP keeps a good configuration over a bad one,
// SIGTERM exits 0 and leaves no child behind (the promoter leaves the DHCP server as it is), a bad
// configuration at start exits 2 saying why (the units do not restart it).
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processesMentioning, waitFor } from '@routerd/testkit';
import { describe, expect, it } from 'vitest';
import { startAgent } from './harness/agent-process.js';
import { AGENTS, LEASE_A, LEASE_B, NODE, useSystem, type SystemRig } from './harness/system.js';

let rig: SystemRig;
useSystem((started) => (rig = started), { firstSync: true });

/** Two schema problems the validator reports together, each with line:column, resource id and field path. */
function invalidConfig(valid: string): string {
  const broken = valid.replace('address: "192.0.2.1/32"', 'address: "192.0.2.1/24"').replace(/host: "127\.0\.0\.1"/, 'host: "-oProxyCommand=x"');
  if (broken.includes('192.0.2.1/32') || !broken.includes('-oProxyCommand=x')) throw new Error('invalidConfig: the valid configuration no longer has the fields this test breaks');
  return broken;
}
const ADDRESS_PROBLEM = 'net.routerd.net/v1alpha1/VirtualAddress/lan-vip spec.address: expected an ipv4 address with prefix /32';
const HOST_PROBLEM = 'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases spec.targets[0].host: must not start with "-"';

describe('system › lifecycle (four agents as processes)', () => {
  it('system › SIGHUP with an invalid configuration: every agent logs why and keeps running on the old one', async () => {
    await writeFile(rig.configFile, invalidConfig(rig.validConfig));
    for (const name of AGENTS) rig.agent(name).signal('SIGHUP');
    for (const name of AGENTS) {
      const agent = rig.agent(name);
      await agent.waitForLog('invalid configuration; keeping the previous configuration');
      const messages = agent.logLines().map((line) => String(line.msg));
      expect(messages.some((m) => m.includes(ADDRESS_PROBLEM))).toBe(true);
      expect(messages.some((m) => m.includes(HOST_PROBLEM))).toBe(true);
      expect(agent.exited()).toBe(false);
    }
    // Still syncing on the old configuration: the VIP, the watch and both targets work as before.
    await rig.rewriteLeases(LEASE_A + LEASE_B);
    await rig.untilStandbys(LEASE_A + LEASE_B, 'a write made after the rejected reload');

    await writeFile(rig.configFile, rig.validConfig);
    for (const name of AGENTS) rig.agent(name).signal('SIGHUP');
    for (const name of AGENTS) await rig.agent(name).waitForLog('configuration reloaded');
  });

  it('system › SIGTERM to the syncer mid-push: exits 0 within a few seconds, no rsync, ssh or ControlMaster left', async () => {
    const masters = await waitFor('an ssh ControlMaster of the syncer', async () => {
      const clients = await rig.syncClients();
      return clients.some((c) => c.includes('[mux]')) ? clients : undefined;
    });
    expect(masters.length).toBeGreaterThanOrEqual(1);
    // A big file (about 3 MB): its push takes long enough for the signal to arrive during it.
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    const big = Array.from({ length: 60_000 }, (_, i) => `1795649016 02:00:${hex(i >> 16)}:${hex((i >> 8) & 0xff)}:${hex(i & 0xff)}:00 192.0.2.${i % 200} * *\n`).join('');
    const bigSha = createHash('sha256').update(big).digest('hex');
    const seen = rig.bus.events.length;
    await rig.rewriteLeases(big);
    await waitFor('the syncer to publish Syncing for the big file', () =>
      rig.bus.events.slice(seen).some((e) => e.type === 'sync' && e.event.phase === 'Syncing' && e.event.source?.sha256 === bigSha) ? true : undefined,
    );
    const syncer = rig.agent('syncer');
    syncer.signal('SIGTERM');
    expect(await syncer.waitExit(8000)).toEqual({ code: 0, signal: null });
    expect(await rig.syncClients()).toEqual([]);
    rig.start('syncer');
    await rig.untilStandbys(big, 'the big file once the syncer is back', 20_000);
  });

  it('system › SIGTERM to each agent: each exits 0, the ip monitor child gone, the DHCP server left running', async () => {
    // A new mastership first reconciles with the standbys within settle (3 s), then starts: slower on a loaded machine.
    await waitFor('lan-dhcp Serving', () => (rig.bus.lastPromotion()?.phase === 'Serving' ? true : undefined), { timeoutMs: 30_000 });
    expect(await rig.dhcpServerRunning()).toBe(true);
    const watcher = rig.agent('vip-watcher');
    expect((await processesMentioning(rig.netns.name)).some((p) => p.cmdline.includes('monitor'))).toBe(true);
    watcher.signal('SIGTERM');
    expect(await watcher.waitExit(8000)).toEqual({ code: 0, signal: null });
    expect(await processesMentioning(rig.netns.name)).toEqual([]);

    const leaseWatcher = rig.agent('dnsmasq-lease-watcher');
    leaseWatcher.signal('SIGTERM');
    expect(await leaseWatcher.waitExit(8000)).toEqual({ code: 0, signal: null });
    const syncer = rig.agent('syncer');
    syncer.signal('SIGTERM');
    expect(await syncer.waitExit(8000)).toEqual({ code: 0, signal: null });
    expect(await rig.syncClients()).toEqual([]);

    // An agent restart must not interrupt DHCP (docs/promotion.md): the promoter's stop runs no stop command.
    const promoter = rig.agent('dhcp-promoter');
    promoter.signal('SIGTERM');
    expect(await promoter.waitExit(8000)).toEqual({ code: 0, signal: null });
    expect(await rig.dhcpServerRunning()).toBe(true);
    expect((await processesMentioning(rig.root)).map((p) => p.cmdline)).toEqual([]);
  });

  it('system › an invalid configuration: each agent exits 2 at start with the validate messages on its output', async () => {
    const file = join(rig.root, 'invalid.yaml');
    await writeFile(file, invalidConfig(rig.validConfig));
    const extra = { 'vip-watcher': ['--netns', rig.netns.name, '--keepalived-pidfile', rig.keepalived.pidFile], 'dnsmasq-lease-watcher': [], syncer: [], 'dhcp-promoter': [] };
    const started = AGENTS.map((name) => startAgent(name, ['--config', file, '--nats', rig.nats.url, '--node', NODE, ...extra[name]], rig.agentEnv(name)));
    for (const agent of started) {
      expect(await agent.waitExit(10_000)).toEqual({ code: 2, signal: null });
      const messages = agent.logLines().map((line) => String(line.msg));
      expect(messages.find((m) => m.includes(ADDRESS_PROBLEM))).toMatch(new RegExp(`^${file}:13:\\d+: `));
      expect(messages.find((m) => m.includes(HOST_PROBLEM))).toMatch(/found "-oProxyCommand=x"$/);
      expect(messages.at(-1), `${agent.agent} output:\n${agent.output()}`).toBe('invalid configuration; not starting');
    }
  });
});
