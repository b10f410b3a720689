// The promoter with lease files: the reconcile events go out on routerd.<node>.reconcile.<Kind>.<name>,
// valid, and the statuses carry lastReconcile; without the lease side nothing is reconciled.
import { promotionStatusSchema, reconcileEventSchema, sampleVipRoleEvent, vipSubject, type PromotionStatus, type ReconcileEvent, type VipRoleEvent } from '@routerd/bus';
import { inboxPaths } from '@routerd/model';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { describe, expect, it } from 'vitest';
import { createLeaseReconciler } from './lease-files.js';
import { createPromoter } from './promoter.js';
import { fakeClock, fakeExec, memoryLogger, playServer, T0 } from './testing/fakes.js';
import { lease, memoryFs, memoryLeases } from './testing/inbox.js';

const dirs = { stateDir: '/srv/routerd', runtimeDir: '/run/routerd' };
const LIVE = '/srv/routerd/dnsmasq/dnsmasq.leases';
const NOW = T0 / 1000;
const config = loadTestConfig(haLanResources({ ifname: 'lan0', targets: [{ name: 'router-b', host: '198.51.100.2' }], promotion: { start: ['start'], stop: ['stop'], check: ['check'], settle: '500ms' } }));
const vip = (role: VipRoleEvent['role']): VipRoleEvent => ({ ...sampleVipRoleEvent, node: 'r1', name: 'lan-vip', role, heartbeatMs: 2000 });

function setup(withLeases: boolean, runtimeDir = dirs.runtimeDir) {
  const clock = fakeClock();
  const exec = fakeExec();
  playServer(exec);
  const fs = memoryFs();
  const statuses: PromotionStatus[] = [];
  const events: { subject: string; event: ReconcileEvent }[] = [];
  const decode = (data: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(data));
  const mem = memoryLogger();
  const promoter = createPromoter({
    node: 'r1',
    config,
    dirs: { ...dirs, runtimeDir },
    ...(withLeases ? { leases: { fs, reconciler: createLeaseReconciler(memoryLeases(fs), fs) } } : {}),
    exec: exec.run,
    clock,
    log: mem.log,
    random: () => 0.5,
    publish: (subject, data) => {
      if (subject.includes('.reconcile.')) events.push({ subject, event: reconcileEventSchema.parse(decode(data)) });
      else statuses.push(promotionStatusSchema.parse(decode(data)));
    },
  });
  return { clock, exec, fs, statuses, events, promoter, mem };
}

describe('dhcp-promoter › promoter, reconciling', () => {
  it('dhcp-promoter › a handback merged at promotion is an event on the reconcile subject, and the status records it', async () => {
    const { clock, exec, fs, statuses, events, promoter } = setup(true);
    fs.files.set(inboxPaths(LIVE).handback, lease(NOW, 1, 1));
    promoter.start();
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(events).toEqual([
      {
        subject: 'routerd.r1.reconcile.DHCPv4Server.lan-dhcpv4',
        event: {
          type: 'reconcile.event',
          node: 'r1',
          kind: 'DHCPv4Server',
          name: 'lan-dhcpv4',
          action: 'handback-merged',
          peer: 'router-b',
          at: new Date(T0).toISOString(),
          message: 'merged 1 leases from router-b, 0 conflicts',
          leases: 1,
          taken: 1,
          kept: 0,
          conflicts: [],
          conflictCount: 0,
        },
      },
    ]);
    expect(statuses.at(-1)).toMatchObject({ phase: 'Serving', message: 'merged 1 leases from router-b, 0 conflicts', lastReconcile: { trigger: 'promotion', files: [{ path: LIVE }] } });
    await promoter.stop();
  });

  it('dhcp-promoter › syncs that cannot be planned do not stop the promotion: it follows the VIP without reconciling, and says why', async () => {
    const { clock, exec, promoter, mem } = setup(true, `/${'x'.repeat(120)}`);
    promoter.start();
    expect(mem.messages('warn')).toEqual([expect.stringMatching(/^the lease syncs, whose files the promotions reconcile, could not be planned: .*; the DHCP servers follow the VIP without reconciling their lease files$/)]);
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(500);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    await promoter.stop();
  });

  it('dhcp-promoter › without the lease side the plan has no lease files: settle is the plain wait, nothing is pulled', async () => {
    const { clock, exec, fs, events, promoter } = setup(false);
    fs.files.set(inboxPaths(LIVE).handback, lease(NOW, 1, 1));
    promoter.start();
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(500);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(events).toEqual([]);
    expect(promoter.statuses()[0]?.lastReconcile).toBeUndefined();
    await promoter.stop();
  });
});
