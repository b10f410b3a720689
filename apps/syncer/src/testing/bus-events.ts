// What the other agents would publish, for the syncer's tests against a real nats-server: the
// vip-watcher's role (with its heartbeat), the promoter's phase and the lease-watcher's file event.
import { createHash } from 'node:crypto';
import {
  encode,
  leaseFileEventSchema,
  leaseSubject,
  promotionStatusSchema,
  promotionSubject,
  vipRoleEventSchema,
  vipSubject,
  type LeaseFileEvent,
  type PromotionPhase,
  type PromotionStatus,
  type VipRoleEvent,
} from '@routerd/bus';
import type { NatsConnection } from 'nats';

export const NODE = 'r1';
export const HEARTBEAT_MS = 200;

export const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

let seq = 0;

/** One VirtualAddress/lan-vip role event, as the vip-watcher publishes it. */
export function publishRole(nc: NatsConnection, role: VipRoleEvent['role']): void {
  const now = new Date().toISOString();
  const event: VipRoleEvent = {
    type: 'vip.role', node: NODE, name: 'lan-vip', role, address: '192.0.2.1/32', interface: 'lan', ifname: 'lo', family: 'ipv4',
    observedAt: now, lastRoleTransitionAt: now, evidence: ['test'], heartbeatMs: HEARTBEAT_MS, seq: seq++,
  };
  const subject = vipSubject(NODE, 'lan-vip');
  nc.publish(subject, encode(vipRoleEventSchema, event, subject));
}

/** Publishes the role as a vip-watcher would, heartbeat included, until the returned function is called. */
export function heartbeat(nc: NatsConnection, role: VipRoleEvent['role']): () => void {
  publishRole(nc, role);
  const timer = setInterval(() => publishRole(nc, role), HEARTBEAT_MS);
  return () => clearInterval(timer);
}

/** Publishes DHCPServerPromotion/lan-dhcp's phase (it covers `servers`, by default DHCPv4Server/lan-dhcpv4) as the promoter would, heartbeat included, until the returned function is called. */
export function promotionHeartbeat(nc: NatsConnection, phase: PromotionPhase, servers: PromotionStatus['servers'] = [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }]): () => void {
  const since = new Date().toISOString();
  const publish = () => {
    const status: PromotionStatus = {
      type: 'promotion.status', node: NODE, name: 'lan-dhcp', virtualAddress: 'lan-vip', role: phase === 'Serving' ? 'master' : 'backup', phase,
      servers, lastTransitionAt: since, observedAt: new Date().toISOString(), heartbeatMs: HEARTBEAT_MS, seq: seq++,
    };
    const subject = promotionSubject(NODE, 'lan-dhcp');
    nc.publish(subject, encode(promotionStatusSchema, status, subject));
  };
  publish();
  const timer = setInterval(publish, HEARTBEAT_MS);
  return () => clearInterval(timer);
}

/** The lease-watcher's event for DHCPv4Server/lan-dhcpv4 holding `text`; it claims parsed whatever the text. */
export function publishLeaseEvent(nc: NatsConnection, path: string, text: string, observedAt: Date = new Date()): void {
  const subject = leaseSubject(NODE, 'DHCPv4Server', 'lan-dhcpv4');
  const event: LeaseFileEvent = {
    type: 'lease.file', node: NODE, kind: 'DHCPv4Server', name: 'lan-dhcpv4', path, exists: true,
    size: Buffer.byteLength(text), mtimeMs: Date.now(), sha256: sha(text), v4Count: text.split('\n').length - 1, v6Count: 0,
    parsed: true, observedAt: observedAt.toISOString(),
  };
  nc.publish(subject, encode(leaseFileEventSchema, event, subject));
}
