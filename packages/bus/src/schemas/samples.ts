// Realistic payloads, one per schema, for tests here and in the agents.
import type { LeaseFileEvent } from './lease-file-event.js';
import type { PromotionStatus } from './promotion-status.js';
import type { ReconcileEvent } from './reconcile-event.js';
import type { SyncStatus } from './sync-status.js';
import type { VipRoleEvent } from './vip-role-event.js';

export const sampleVipRoleEvent: VipRoleEvent = {
  type: 'vip.role',
  node: 'r1',
  name: 'lan-vip',
  role: 'master',
  address: '192.0.2.1',
  interface: 'lan',
  ifname: 'eth1',
  family: 'ipv4',
  virtualRouterID: 51,
  priority: 150,
  observedAt: '2024-05-01T12:00:01.250Z',
  lastRoleTransitionAt: '2024-05-01T11:58:00.000Z',
  evidence: ['kernel:present', 'keepalived:running', 'fifo:MASTER'],
  heartbeatMs: 1000,
  seq: 42,
};

export const sampleLeaseFileEvent: LeaseFileEvent = {
  type: 'lease.file',
  node: 'r1',
  kind: 'DHCPv4Server',
  name: 'lan-dhcpv4',
  path: '/var/lib/routerd/dnsmasq/dnsmasq.leases',
  exists: true,
  size: 512,
  mtimeMs: 1714564801250.5,
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  v4Count: 3,
  v6Count: 2,
  parsed: true,
  observedAt: '2024-05-01T12:00:01.300Z',
};

export const sampleSyncStatus: SyncStatus = {
  type: 'sync.status',
  node: 'r1',
  kind: 'DHCPv4ServerLeaseSync',
  name: 'lan-v4-leases',
  phase: 'Synced',
  gate: { truth: 'true', reasons: ['VirtualAddress/lan-vip.role equals master (role master, 0.4s old)'] },
  source: {
    path: '/var/lib/routerd/dnsmasq/dnsmasq.leases',
    size: 512,
    mtimeMs: 1714564801250,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    v4Count: 3,
    v6Count: 2,
  },
  syncedAt: '2024-05-01T12:00:01.700Z',
  lagMs: 450,
  observedAt: '2024-05-01T12:00:01.700Z',
  targets: [
    {
      name: 'standby',
      host: 'routerd-standby.lan.example',
      phase: 'Synced',
      lastAttemptAt: '2024-05-01T12:00:01.400Z',
      lastSuccessAt: '2024-05-01T12:00:01.700Z',
      durationMs: 300,
      exitCode: 0,
      consecutiveFailures: 0,
      lagMs: 450,
    },
  ],
};

export const samplePromotionStatus: PromotionStatus = {
  type: 'promotion.status',
  node: 'r1',
  name: 'lan-dhcp',
  virtualAddress: 'lan-vip',
  role: 'master',
  phase: 'Serving',
  servers: [
    { kind: 'DHCPv4Server', name: 'lan-dhcpv4' },
    { kind: 'DHCPv6Server', name: 'lan-dhcpv6' },
  ],
  lastTransitionAt: '2024-05-01T12:00:01.000Z',
  observedAt: '2024-05-01T12:00:02.000Z',
  heartbeatMs: 2000,
  seq: 3,
};

export const sampleReconcileEvent: ReconcileEvent = {
  type: 'reconcile.event',
  node: 'r1',
  kind: 'DHCPv4Server',
  name: 'lan-dhcpv4',
  action: 'push-merged',
  peer: 'router-b',
  at: '2024-05-01T12:00:02.000Z',
  message: 'router-b merged 3 leases: 2 taken, 1 kept, 1 conflicts',
  leases: 3,
  taken: 2,
  kept: 1,
  conflicts: [
    {
      address: '192.0.2.50',
      winner: { client: '02:00:00:00:30:11', expiry: 1714568520, from: 'live' },
      loser: { client: '02:00:00:00:30:12', expiry: 1714568400, from: 'incoming' },
    },
  ],
};
