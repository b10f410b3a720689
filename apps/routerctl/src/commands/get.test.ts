import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';

import { promoterReply, servingPromotion, stopFailedPromotion, unreconciledPromotion } from '../live/promotion-samples.js';
import { fakeNats, type FakeReply } from '../testing/fake-nats.js';
import { failingStatus, masterVip, pendingStatus, rolesReply, staleBackupVip, syncedStatus, syncerReply } from '../testing/live-samples.js';
import { memoryIo } from '../testing/memory-io.js';
import { createGetCommand } from './get.js';

const SYNCER = 'routerd.r1.syncer.status';
const ROLES = 'routerd.r1.vip-watcher.roles';
const PROMOTER = 'routerd.r1.dhcp-promoter.status';
const syncs: FakeReply = syncerReply(syncedStatus, failingStatus, pendingStatus);

async function get(replies: Record<string, FakeReply>, args: string[]) {
  const fake = fakeNats(replies);
  const io = memoryIo();
  const code = await createGetCommand(fake.deps).run(args, io);
  return { code, out: io.out(), fake };
}

describe('routerctl › get', () => {
  it('routerctl › get leasesyncs lists every sync kind, matching the golden file', async () => {
    const { code, out, fake } = await get({ [SYNCER]: syncs }, ['leasesyncs']);
    expect(code).toBe(0);
    expect(fake.requests).toEqual([{ subject: SYNCER, body: {} }]);
    await expect(out).toMatchFileSnapshot('../__golden__/get-leasesyncs.txt');
  });

  it('routerctl › get of one sync kind keeps only that kind', async () => {
    const { out } = await get({ [SYNCER]: syncs }, ['v6leasesync']);
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(2);
    expect(out).toContain('DHCPv6ServerLeaseSync  lan-v6-leases  Error  SyncFailed');
    expect((await get({ [SYNCER]: syncerReply() }, ['leasesyncs'])).out).toBe('no lease syncs found\n');
  });

  it('routerctl › get vip lists every VirtualAddress, matching the golden file', async () => {
    const { out, fake } = await get({ [ROLES]: rolesReply(masterVip, staleBackupVip) }, ['vip', '--node', 'r1']);
    expect(fake.requests).toEqual([{ subject: ROLES, body: {} }]);
    await expect(out).toMatchFileSnapshot('../__golden__/get-vip.txt');
  });

  it('routerctl › get promotions lists every DHCPServerPromotion from the dhcp-promoter, matching the golden file', async () => {
    const { code, out, fake } = await get({ [PROMOTER]: promoterReply(servingPromotion, unreconciledPromotion, stopFailedPromotion) }, ['promotions']);
    expect(code).toBe(0);
    expect(fake.requests).toEqual([{ subject: PROMOTER, body: {} }]);
    await expect(out).toMatchFileSnapshot('../__golden__/get-promotions.txt');
    expect((await get({ [PROMOTER]: promoterReply() }, ['DHCPServerPromotion'])).out).toBe('no DHCPServerPromotions found\n');
    const json = await get({ [PROMOTER]: promoterReply(servingPromotion) }, ['promotion', '-o', 'json']);
    expect(JSON.parse(json.out)).toEqual([servingPromotion]);
    await expect(get({}, ['promotions', '--node', 'r2'])).rejects.toThrow('no responders on routerd.r2.dhcp-promoter.status: is routerd-dhcp-promoter running on node r2?');
  });

  it('routerctl › -o json prints the list as the agent sent it', async () => {
    const { out } = await get({ [SYNCER]: syncs }, ['leasesyncs', '-o', 'json']);
    expect(JSON.parse(out)).toEqual([syncedStatus, failingStatus, pendingStatus]);
  });

  it('routerctl › -o wide adds columns to each kind, matching the golden files', async () => {
    const vips = await get({ [ROLES]: rolesReply(masterVip, staleBackupVip) }, ['vips', '-o', 'wide']);
    await expect(vips.out).toMatchFileSnapshot('../__golden__/get-vip-wide.txt');
    const syncsWide = await get({ [SYNCER]: syncs }, ['leasesyncs', '-o', 'wide']);
    await expect(syncsWide.out).toMatchFileSnapshot('../__golden__/get-leasesyncs-wide.txt');
    const promotions = await get({ [PROMOTER]: promoterReply(servingPromotion, stopFailedPromotion) }, ['promotions', '-o', 'wide']);
    await expect(promotions.out).toMatchFileSnapshot('../__golden__/get-promotions-wide.txt');
  });

  it('routerctl › get leasesync (singular) lists every sync kind too', async () => {
    const { out } = await get({ [SYNCER]: syncs }, ['leasesync']);
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(4);
  });

  it('routerctl › get names a missing or unknown kind, and a silent agent', async () => {
    await expect(get({}, [])).rejects.toThrow(new UsageError('missing KIND, e.g. vip or leasesyncs', { command: 'get' }));
    await expect(get({}, ['pods'])).rejects.toThrow('unknown kind "pods"');
    await expect(get({}, ['vip', 'leasesyncs'])).rejects.toThrow('expected one KIND, found 2: vip leasesyncs');
    await expect(get({}, ['vips', '--node', 'r2'])).rejects.toThrow('no responders on routerd.r2.vip-watcher.roles: is routerd-vip-watcher running on node r2?');
  });
});
