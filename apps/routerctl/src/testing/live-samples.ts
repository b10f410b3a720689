// Statuses and role events for the live commands' tests: one healthy, one failing with backoff.
import { sampleSyncStatus, sampleVipRoleEvent, type SyncStatus, type VipRoleEvent } from '@routerd/bus';
import type { FakeReply } from './fake-nats.js';

export const syncedStatus: SyncStatus = sampleSyncStatus;

export const failingStatus: SyncStatus = {
  type: 'sync.status',
  node: 'r1',
  kind: 'DHCPv6ServerLeaseSync',
  name: 'lan-v6-leases',
  phase: 'Error',
  reason: 'SyncFailed',
  message: 'target standby-b: rsync exited with code 255',
  gate: { truth: 'true', reasons: ['VirtualAddress/lan-vip.role equals master (role master, 0.4s old)'] },
  source: { ...sampleSyncStatus.source!, v4Count: 3, v6Count: 2 },
  syncedAt: '2024-05-01T11:55:00.000Z',
  lagMs: 1250,
  observedAt: '2024-05-01T12:00:04.000Z',
  targets: [
    { ...sampleSyncStatus.targets[0]!, name: 'standby-a', host: '198.51.100.2' },
    {
      name: 'standby-b',
      host: '198.51.100.3',
      phase: 'Error',
      lastAttemptAt: '2024-05-01T12:00:03.500Z',
      lastSuccessAt: '2024-05-01T11:55:00.000Z',
      durationMs: 500,
      exitCode: 255,
      output: 'ssh: connect to host 198.51.100.3 port 22: Connection refused\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]\nrsync error: unexplained error (code 255) at io.c(231) [sender=3.2.7]\n',
      consecutiveFailures: 3,
      nextAttemptAt: '2024-05-01T12:00:18.000Z',
    },
  ],
};

export const pendingStatus: SyncStatus = {
  type: 'sync.status',
  node: 'r1',
  kind: 'DHCPv6PrefixDelegationLeaseSync',
  name: 'wan-pd-lease',
  phase: 'Pending',
  reason: 'WhenFalse',
  gate: { truth: 'false', reasons: ['VirtualAddress/lan-vip.role equals master (role backup, 0.2s old)'] },
  observedAt: '2024-05-01T12:00:09.000Z',
  targets: [{ name: 'standby', host: 'routerd-standby.lan.example', phase: 'Pending', consecutiveFailures: 0 }],
};

export const masterVip: VipRoleEvent = sampleVipRoleEvent;

export const staleBackupVip: VipRoleEvent = {
  ...sampleVipRoleEvent,
  name: 'wan-vip',
  role: 'unknown',
  address: '2001:db8::1/128',
  family: 'ipv6',
  interface: 'wan',
  ifname: 'eth0',
  observedAt: '2024-05-01T11:59:50.000Z',
  lastRoleTransitionAt: '2024-05-01T10:00:00.000Z',
  evidence: ['kernel:absent', 'keepalived:unreadable'],
  reason: 'cannot read the keepalived pid file: EACCES',
};

/** The syncer's reply on node r1 holding `items`. */
export function syncerReply(...items: SyncStatus[]): FakeReply {
  return { body: { type: 'syncer.status', node: 'r1', items } };
}

/** The vip-watcher's reply on node r1 holding `items`. */
export function rolesReply(...items: VipRoleEvent[]): FakeReply {
  return { body: { type: 'vip-watcher.roles', node: 'r1', items } };
}
