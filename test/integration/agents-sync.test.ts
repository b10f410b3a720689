// The agents as real processes keep both standbys in sync while the namespace holds the VIP, and push
// nothing while it does not; the dhcp-promoter runs the DHCP server's start and stop commands as the
// VIP comes and goes. Observed through NATS and the files.
import { sleep, waitFor } from '@routerd/testkit';
import { describe, expect, it } from 'vitest';
import { LEASE_A, LEASE_B, LEASE_C, useSystem, type SystemRig } from './harness/system.js';

let rig: SystemRig;
useSystem((started) => (rig = started), { firstSync: false });

describe('system › sync (four agents, nats-server, two sshd standbys, a netns)', () => {
  it('system › a lease write reaches both standbys, identical, Synced with the lag; a same-size change within one second too', async () => {
    await rig.untilStandbys(LEASE_A, 'the lease file present at start');
    await waitFor('the VIP published as master', () => (rig.bus.lastVip()?.role === 'master' ? true : undefined));

    const written = Date.now();
    await rig.rewriteLeases(LEASE_A + LEASE_B);
    await rig.untilStandbys(LEASE_A + LEASE_B, 'the in-place rewrite', 15_000);
    // Well inside the 30 s interval: the lease-watcher's event carried it, not the periodic re-sync.
    expect(Date.now() - written).toBeLessThan(15_000);
    const synced = await waitFor('status Synced with the new content', async () => {
      const s = await rig.bus.syncStatus();
      return s.phase === 'Synced' && s.source?.v4Count === 2 ? s : undefined;
    });
    expect(synced.targets.map((t) => [t.name, t.phase])).toEqual([['standby-0', 'Synced'], ['standby-1', 'Synced']]);
    expect(synced.lagMs).toBeGreaterThanOrEqual(0);
    expect(synced.syncedAt).toBeDefined();
    expect(rig.bus.lastLease()).toMatchObject({ exists: true, parsed: true, v4Count: 2 });

    // Same size, same second: rsync's quick check (size + whole-second mtime) must not skip it.
    const one = LEASE_A.replace('192.0.2.130', '192.0.2.140');
    const two = LEASE_A.replace('192.0.2.130', '192.0.2.150');
    expect(one.length).toBe(two.length);
    await rig.rewriteLeases(one);
    await rig.untilStandbys(one, 'the first same-size version');
    await rig.rewriteLeases(two);
    await rig.untilStandbys(two, 'the second same-size version, written within a second of the first');
    expect(rig.bus.bad).toEqual([]);
  });

  it('system › VIP removed from the namespace: nothing is pushed, Pending/WhenFalse; VIP back: synced', async () => {
    const before = await rig.readStandby(0);
    await rig.netns.delAddress();
    const event = await waitFor('a role other than master for lan-vip', () => {
      const vip = rig.bus.lastVip();
      return vip !== undefined && vip.role !== 'master' ? vip : undefined;
    });
    // keepalived runs in the namespace and the VIP is absent: backup.
    expect(event).toMatchObject({ name: 'lan-vip', role: 'backup', ifname: rig.netns.ifname });
    await waitFor('status Pending/WhenFalse', async () => {
      const s = await rig.bus.syncStatus();
      return s.phase === 'Pending' && s.reason === 'WhenFalse' ? s : undefined;
    });
    await rig.rewriteLeases(LEASE_C);
    await sleep(2000);
    expect(await rig.readStandby(0)).toBe(before);
    expect(await rig.readStandby(1)).toBe(before);
    expect(await rig.bus.syncStatus()).toMatchObject({ phase: 'Pending', reason: 'WhenFalse' });

    await rig.netns.addAddress();
    await rig.untilStandbys(LEASE_C, 'the write made while backup, once the VIP is back');
    await waitFor('status Synced', async () => ((await rig.bus.syncStatus()).phase === 'Synced' ? true : undefined));
  });

  it('system › the dhcp-promoter follows the VIP: lan-dhcp Serving after its start command, Stopped after its stop command', async () => {
    const serving = await waitFor('lan-dhcp Serving on routerd.r1.promotion.lan-dhcp', () => {
      const status = rig.bus.lastPromotion();
      return status?.phase === 'Serving' ? status : undefined;
    });
    expect(serving).toMatchObject({ node: 'r1', name: 'lan-dhcp', virtualAddress: 'lan-vip', role: 'master', servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }] });
    expect(serving.lastCommand).toMatchObject({ argv: ['touch', rig.dhcpServerFlag], exitCode: 0 });
    expect(await rig.dhcpServerRunning()).toBe(true);

    await rig.netns.delAddress();
    const stopped = await waitFor('lan-dhcp Stopped once the VIP is gone', () => {
      const status = rig.bus.lastPromotion();
      return status?.phase === 'Stopped' ? status : undefined;
    });
    expect(stopped).toMatchObject({ role: 'backup', lastCommand: { argv: ['rm', '-f', rig.dhcpServerFlag], exitCode: 0 } });
    expect(await rig.dhcpServerRunning()).toBe(false);

    await rig.netns.addAddress();
    await waitFor('lan-dhcp Serving again with the VIP back', () => (rig.bus.lastPromotion()?.phase === 'Serving' ? true : undefined));
    expect(await rig.dhcpServerRunning()).toBe(true);
    expect(rig.bus.bad).toEqual([]);
  });

  it('system › a torn source file (no trailing newline) is never shipped', async () => {
    const whole = LEASE_A + LEASE_B + LEASE_C;
    await rig.rewriteLeases(whole);
    await rig.untilStandbys(whole, 'the whole file');
    const torn = whole.slice(0, -10);
    await rig.rewriteLeases(torn);
    await waitFor('the lease-watcher to publish the torn file as parsed:false', () => (rig.bus.lastLease()?.parsed === false ? true : undefined));
    await sleep(2000);
    expect(await rig.readStandby(0)).toBe(whole);
    expect(await rig.readStandby(1)).toBe(whole);
    await rig.rewriteLeases(LEASE_B);
    await rig.untilStandbys(LEASE_B, 'the next whole file');
  });

  it('system › standby sshd down: Error for it, the other target unaffected, then Synced again on its own', async () => {
    const [down, up] = rig.standbys;
    if (down === undefined || up === undefined) throw new Error('expected two standbys');
    await down.sshd.stop();
    try {
      await rig.rewriteLeases(LEASE_C + LEASE_A);
      await waitFor('standby 1 to receive the change', async () => ((await rig.readStandby(1)) === LEASE_C + LEASE_A ? true : undefined));
      const failing = await waitFor('standby-0 Error while standby-1 Synced', async () => {
        const s = await rig.bus.syncStatus();
        return s.targets[0]?.phase === 'Error' && s.targets[1]?.phase === 'Synced' ? s : undefined;
      });
      expect(failing).toMatchObject({ phase: 'Error', reason: 'SyncFailed' });
      expect(failing.targets[0]?.consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(failing.targets[0]?.output).toMatch(/connect|closed|refused|unexpectedly/i);
      expect(await rig.readStandby(0)).toBe(LEASE_B);
    } finally {
      await down.sshd.start();
    }
    await waitFor('standby 0 back in sync on its own', async () => ((await rig.readStandby(0)) === LEASE_C + LEASE_A ? true : undefined), { timeoutMs: 20_000 });
    await waitFor('status Synced', async () => ((await rig.bus.syncStatus()).phase === 'Synced' ? true : undefined), { timeoutMs: 10_000 });
  });

  it('system › keepalived stops while the VIP stays on the interface: unknown naming both, nothing pushed (WhenUnknown); keepalived back: master, synced', async () => {
    await waitFor('lan-vip master', () => (rig.bus.lastVip()?.role === 'master' ? true : undefined));
    const before = await rig.readStandby(0);
    await rig.keepalived.stop();
    try {
      const event = await waitFor('lan-vip unknown once keepalived is gone', () => {
        const vip = rig.bus.lastVip();
        return vip?.role === 'unknown' ? vip : undefined;
      });
      expect(event.evidence).toEqual(['kernel:present', 'keepalived:stopped']);
      expect(event.reason).toMatch(/^192\.0\.2\.1 is on rdsys0 but keepalived is not running \(.*\): nothing defends the address$/);
      await waitFor('status Pending/WhenUnknown', async () => {
        const s = await rig.bus.syncStatus();
        return s.phase === 'Pending' && s.reason === 'WhenUnknown' ? s : undefined;
      });
      await rig.rewriteLeases(LEASE_A + LEASE_C);
      await sleep(2000);
      expect(await rig.readStandby(0)).toBe(before);
    } finally {
      await rig.keepalived.start();
    }
    await waitFor('lan-vip master again', () => (rig.bus.lastVip()?.role === 'master' ? true : undefined));
    await rig.untilStandbys(LEASE_A + LEASE_C, 'the write made while keepalived was down');
  });
});
