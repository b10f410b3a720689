// Issue 11, item 5: a local process running as `nobody` against the rig's real nats-server (the
// rendered config) and the four real agents. Without a credential it is not let in; with routerctl's
// read-only one (the most an operator tool holds) its forged master role, Serving status and lease
// event are refused by nats-server, and no push and no promoter command follow.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { leaseSubject, promotionSubject, vipSubject, vipWildcard, type LeaseFileEvent, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import { waitFor } from '@routerd/testkit';
import { describe, expect, it } from 'vitest';
import type { Observed } from './harness/bus-observer.js';
import { LEASE_A, LEASE_C, NODE, useSystem, type SystemRig } from './harness/system.js';
import { runUnprivileged, type Forgery } from './harness/unprivileged-client.js';

let rig: SystemRig;
useSystem((started) => (rig = started), { firstSync: true });

/** Sessions each standby's sshd started (LogLevel VERBOSE logs one per rsync, multiplexed or not). */
async function standbySessions(): Promise<number[]> {
  const counts = [];
  for (const { sshd } of rig.standbys) {
    const log = await readFile(join(sshd.dir, 'sshd.log'), 'utf8');
    counts.push(log.split('\n').filter((line) => line.includes('Starting session:')).length);
  }
  return counts;
}

function latest<T>(what: string, value: T | undefined): T {
  if (value === undefined) throw new Error(`expected a ${what} on the bus before forging one, found none`);
  return value;
}

/** The three forgeries of issue 11, each a payload the agents would take as real (fresh, own node, configured name). */
function forgeries(vip: VipRoleEvent, promotion: PromotionStatus, lease: LeaseFileEvent): Forgery[] {
  const now = new Date().toISOString();
  const master: VipRoleEvent = { ...vip, role: 'master', observedAt: now, lastRoleTransitionAt: now, evidence: ['kernel:present', 'keepalived:running'], seq: vip.seq + 1 };
  const serving: PromotionStatus = { ...promotion, role: 'master', phase: 'Serving', lastTransitionAt: now, observedAt: now, seq: promotion.seq + 1 };
  const changed: LeaseFileEvent = { ...lease, sha256: 'f'.repeat(64), size: (lease.size ?? 0) + 1, observedAt: now };
  return [
    { subject: vipSubject(NODE, vip.name), data: JSON.stringify(master) },
    { subject: promotionSubject(NODE, promotion.name), data: JSON.stringify(serving) },
    { subject: leaseSubject(NODE, lease.kind, lease.name), data: JSON.stringify(changed) },
  ];
}

const isVip = (e: Observed): e is Extract<Observed, { type: 'vip' }> => e.type === 'vip';
const isPromotion = (e: Observed): e is Extract<Observed, { type: 'promotion' }> => e.type === 'promotion';
const isLease = (e: Observed): e is Extract<Observed, { type: 'lease' }> => e.type === 'lease';

describe('system › forged messages from an unprivileged local user (issue 11)', () => {
  it('system › as nobody: refused without a credential; with routerctl’s, a forged master, Serving and lease event are permission violations and no push and no promoter command follow', async () => {
    // A backup whose lease file differs from the standbys': a push would show on them.
    await rig.netns.delAddress();
    await waitFor('the role backup', () => (rig.bus.lastVip()?.role === 'backup' ? true : undefined));
    await waitFor('lan-dhcp Stopped as backup, its stop command run', async () => {
      const last = rig.bus.lastPromotion();
      return last?.phase === 'Stopped' && last.role === 'backup' && !(await rig.dhcpServerRunning()) ? true : undefined;
    });
    await waitFor('the sync Pending/WhenFalse as backup', async () => {
      const s = await rig.bus.syncStatus();
      return s.phase === 'Pending' && s.reason === 'WhenFalse' ? s : undefined;
    });
    // The demotion's one handback is an ssh session at each standby: it must be over before they are counted.
    await waitFor('the demotion’s handback to each standby', async () => {
      const s = await rig.bus.syncStatus();
      return s.targets.every((t) => t.message?.startsWith('handback to ') === true) ? s : undefined;
    }, { timeoutMs: 20_000 });
    await rig.rewriteLeases(LEASE_A + LEASE_C);
    const lease = await waitFor('the lease event of the backup’s write', () => {
      const last = rig.bus.lastLease();
      return last?.v4Count === 2 ? last : undefined;
    });
    const promotion = latest('promotion status', rig.bus.lastPromotion());
    const sessions = await standbySessions();
    const seen = rig.bus.events.length;
    const forged = forgeries(latest('role event', rig.bus.lastVip()), promotion, lease);

    const report = await runUnprivileged(
      { url: rig.nats.url, rootOnlyFile: rig.busAuth.credential('syncer'), listen: vipWildcard(NODE), forgeries: forged },
      rig.busAuth.credential('routerctl'),
    );

    expect(report).toMatchObject({ uid: 65534, gid: 65534 });
    // An agent's seed is root's alone, and the bus lets no one in without one.
    expect(report.rootOnlyFile).toBe('EACCES');
    expect(report.anonymous).toBe('AUTHORIZATION_VIOLATION');
    // routerctl's credential reads the real bus (a real role event), and may publish none of the three.
    expect(report.heard).toBe(vipSubject(NODE, 'lan-vip'));
    expect([...report.refused].sort()).toEqual(forged.map((f) => f.subject).sort());

    // A few of the real vip-watcher's heartbeats later, nothing forged was delivered and nothing acted on one.
    await waitFor('three role heartbeats after the forgery', () => (rig.bus.events.slice(seen).filter(isVip).length >= 3 ? true : undefined), { timeoutMs: 15_000 });
    const after = rig.bus.events.slice(seen);
    expect(after.filter(isVip).map((e) => e.event.role)).not.toContain('master');
    expect(after.filter(isPromotion).map((e) => [e.event.phase, e.event.lastCommand])).toEqual(after.filter(isPromotion).map(() => ['Stopped', promotion.lastCommand]));
    expect(after.filter(isLease).map((e) => e.event.sha256)).not.toContain('f'.repeat(64));
    expect(await rig.dhcpServerRunning()).toBe(false);
    expect(await rig.readStandby(0)).toBe(LEASE_A);
    expect(await rig.readStandby(1)).toBe(LEASE_A);
    expect(await standbySessions()).toEqual(sessions);
    expect(await rig.bus.syncStatus()).toMatchObject({ phase: 'Pending', reason: 'WhenFalse' });
    expect(rig.bus.bad).toEqual([]);

    // The same rig does push and log sessions once the node really is master: the checks above can fail.
    await rig.netns.addAddress();
    await rig.untilStandbys(LEASE_A + LEASE_C, 'the backup’s write, once the VIP is really back', 15_000);
    const later = await standbySessions();
    expect(later.every((count, i) => count > (sessions[i] ?? 0))).toBe(true);
  });
});
