// DHCPServerPromotion statuses for routerctl's tests: one serving after a merged handback, one serving
// without the peer's leases, one failing to stop on a standby, and the promoter's reply holding them.
import { samplePromotionStatus, type PromotionStatus } from '@routerd/bus';
import type { FakeReply } from '../testing/fake-nats.js';

const LIVE = '/var/lib/routerd/dnsmasq/dnsmasq.leases';

export const servingPromotion: PromotionStatus = {
  ...samplePromotionStatus,
  message: 'merged 40 leases from router-b, 1 conflicts',
  lastTransitionAt: '2024-05-01T12:00:01.000Z',
  observedAt: '2024-05-01T12:00:09.000Z',
  lastCommand: { argv: ['systemctl', 'restart', 'dnsmasq-routerd.service'], exitCode: 0, output: '', durationMs: 120, at: '2024-05-01T12:00:00.850Z' },
  lastReconcile: {
    trigger: 'promotion',
    at: '2024-05-01T12:00:00.000Z',
    durationMs: 830,
    message: 'merged 40 leases from router-b, 1 conflicts',
    files: [
      {
        path: LIVE,
        peer: 'router-b',
        result: 'handback-merged',
        message: 'merged 40 leases from router-b, 1 conflicts',
        leases: 40,
        taken: 3,
        kept: 37,
        conflicts: [
          {
            address: '192.0.2.150',
            winner: { client: '01:02:00:00:00:00:31', expiry: 1714568400, from: 'incoming' },
            loser: { client: '01:02:00:00:00:00:32', expiry: 1714566600, from: 'live' },
          },
        ],
      },
    ],
  },
};

const UNREACHABLE = "serving without the peer's leases: router-b did not answer within 1s";

export const unreconciledPromotion: PromotionStatus = {
  ...samplePromotionStatus,
  name: 'lab-dhcp',
  servers: [{ kind: 'DHCPv4Server', name: 'lab-dhcpv4' }],
  reason: 'Unreconciled',
  message: UNREACHABLE,
  lastTransitionAt: '2024-05-01T11:58:00.000Z',
  observedAt: '2024-05-01T12:00:09.500Z',
  lastReconcile: {
    trigger: 'promotion',
    at: '2024-05-01T11:57:59.000Z',
    durationMs: 1000,
    message: 'router-b did not answer within 1s',
    files: [{ path: LIVE, peer: 'router-b', result: 'pull-failed', reason: 'PeerNotAnswering', message: 'router-b did not answer within 1s' }],
  },
};

export const stopFailedPromotion: PromotionStatus = {
  ...samplePromotionStatus,
  name: 'wan-dhcp',
  virtualAddress: 'wan-vip',
  role: 'backup',
  phase: 'Error',
  reason: 'StopFailed',
  message: 'systemctl stop dnsmasq-routerd.service exited with 1; retrying in 4000 ms while backup',
  servers: [{ kind: 'DHCPv6Server', name: 'wan-dhcpv6' }],
  lastTransitionAt: '2024-05-01T11:59:00.000Z',
  nextAttemptAt: '2024-05-01T11:59:54.000Z',
  // The promoter went quiet since: its last status is stale.
  observedAt: '2024-05-01T11:59:58.000Z',
  lastCommand: {
    argv: ['systemctl', 'stop', 'dnsmasq-routerd.service'],
    exitCode: 1,
    output: 'Failed to stop dnsmasq-routerd.service: Access denied\nSee system logs and \'systemctl status dnsmasq-routerd.service\' for details.\n',
    durationMs: 45,
    at: '2024-05-01T11:59:50.000Z',
  },
};

/** The dhcp-promoter's reply on node r1 holding `items`. */
export function promoterReply(...items: PromotionStatus[]): FakeReply {
  return { body: { type: 'dhcp-promoter.status', node: 'r1', items } };
}
