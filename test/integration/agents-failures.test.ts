// The agents survive what production throws at them: a dead vip-watcher closes the gate (a stale
// role never pushes), and a restarted nats-server is found again without help.
import { killQuietly, processesMentioning, sleep, waitFor } from '@routerd/testkit';
import { describe, expect, it } from 'vitest';
import { AGENTS, LEASE_A, LEASE_B, LEASE_C, useSystem, type SystemRig } from './harness/system.js';

let rig: SystemRig;
useSystem((started) => (rig = started), { firstSync: true });

describe('system › failures (four agents, nats-server, two sshd standbys, a netns)', () => {
  it('system › vip-watcher killed: pushing stops once the role goes stale (WhenUnknown); restarted: pushing resumes', async () => {
    const watcher = rig.agent('vip-watcher');
    watcher.signal('SIGKILL');
    expect(await watcher.waitExit(5000)).toEqual({ code: null, signal: 'SIGKILL' });
    // A SIGKILL leaves its `ip -n NS monitor address` child behind (systemd's cgroup kill would take it).
    for (const orphan of await processesMentioning(rig.netns.name)) killQuietly(orphan.pid);

    const stale = await waitFor(
      'status Pending/WhenUnknown once the last role is older than its freshness bound',
      async () => {
        const s = await rig.bus.syncStatus();
        return s.phase === 'Pending' && s.reason === 'WhenUnknown' ? s : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(stale.gate.truth).toBe('unknown');
    await rig.rewriteLeases(LEASE_A + LEASE_C);
    await sleep(2000);
    expect(await rig.readStandby(0)).toBe(LEASE_A);
    expect(await rig.readStandby(1)).toBe(LEASE_A);

    rig.start('vip-watcher');
    await rig.untilStandbys(LEASE_A + LEASE_C, 'the write made while the role was stale, once the vip-watcher is back', 15_000);
    await waitFor('status Synced', async () => ((await rig.bus.syncStatus()).phase === 'Synced' ? true : undefined));
  });

  it('system › nats-server restarted on the same port: the agents reconnect by themselves and a later write is synced', async () => {
    const seenBefore = rig.bus.events.length;
    await rig.nats.restart();
    // Every agent is connected again when each publishes or answers: role heartbeat, lease state, syncer status.
    await waitFor('a role event after the restart', () => (rig.bus.events.slice(seenBefore).some((e) => e.type === 'vip') ? true : undefined), { timeoutMs: 15_000 });
    await waitFor('the syncer to answer after the restart', () => rig.bus.syncStatus(), { timeoutMs: 15_000 });
    await rig.rewriteLeases(LEASE_B + LEASE_C);
    await waitFor('a lease event for the new write', () => (rig.bus.lastLease()?.v4Count === 2 && rig.bus.events.slice(seenBefore).some((e) => e.type === 'lease') ? true : undefined), { timeoutMs: 15_000 });
    await rig.untilStandbys(LEASE_B + LEASE_C, 'the write made after the restart', 15_000);
    await waitFor('status Synced', async () => ((await rig.bus.syncStatus()).phase === 'Synced' ? true : undefined));
    for (const name of AGENTS) expect(rig.agent(name).exited()).toBe(false);
  });
});
