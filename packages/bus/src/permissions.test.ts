import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints.js';
import { BUS_IDENTITIES, busPermissions, mayPublish, subjectMatches, type BusIdentity } from './permissions.js';
import { promotionSubject } from './promotion-subjects.js';
import { leaseSubject, reconcileSubject, syncSubject, vipSubject } from './subjects.js';

/** One concrete subject of each kind on `node`, with the identities that publish it. */
function published(node: string): [string, BusIdentity[]][] {
  return [
    [vipSubject(node, 'lan-vip'), ['vip-watcher']],
    [leaseSubject(node, 'DHCPv4Server', 'lan.v4'), ['lease-watcher']],
    [leaseSubject(node, 'DHCPv6Server', 'lan-v6'), ['lease-watcher']],
    [syncSubject(node, 'DHCPv4ServerLeaseSync', 'lan-v4-leases'), ['syncer']],
    [syncSubject(node, 'DHCPv6PrefixDelegationLeaseSync', 'pd'), ['syncer']],
    [reconcileSubject(node, 'DHCPv4Server', 'lan'), ['syncer', 'dhcp-promoter']],
    [promotionSubject(node, 'lan-dhcp'), ['dhcp-promoter']],
    ...ENDPOINTS.map((endpoint): [string, BusIdentity[]] => [endpoint.subject(node), ['routerctl']]),
    ['$SRV.PING', ['routerctl']],
    ['$SRV.INFO.routerd-syncer', ['routerctl']],
  ];
}

describe('bus permissions', () => {
  it('bus permissions › each agent publishes its own events of its node, and subscribes to what it reads and to its service', () => {
    expect(busPermissions('vip-watcher', 'r1')).toEqual({
      publish: ['routerd.r1.vip.*'],
      subscribe: ['routerd.r1.vip-watcher.roles', '$SRV.*', '$SRV.*.routerd-vip-watcher', '$SRV.*.routerd-vip-watcher.*'],
      allowResponses: true,
    });
    expect(busPermissions('lease-watcher', 'r1')).toEqual({
      publish: ['routerd.r1.lease.*.*'],
      subscribe: ['routerd.r1.lease-watcher.files', '$SRV.*', '$SRV.*.routerd-lease-watcher', '$SRV.*.routerd-lease-watcher.*'],
      allowResponses: true,
    });
    expect(busPermissions('syncer', 'r1')).toEqual({
      publish: ['routerd.r1.sync.*.*', 'routerd.r1.reconcile.*.*'],
      subscribe: ['routerd.r1.vip.*', 'routerd.r1.promotion.*', 'routerd.r1.lease.*.*', 'routerd.r1.syncer.status', '$SRV.*', '$SRV.*.routerd-syncer', '$SRV.*.routerd-syncer.*'],
      allowResponses: true,
    });
    expect(busPermissions('dhcp-promoter', 'r1')).toEqual({
      publish: ['routerd.r1.promotion.*', 'routerd.r1.reconcile.*.*'],
      subscribe: ['routerd.r1.vip.*', 'routerd.r1.dhcp-promoter.status', '$SRV.*', '$SRV.*.routerd-dhcp-promoter', '$SRV.*.routerd-dhcp-promoter.*'],
      allowResponses: true,
    });
  });

  it('bus permissions › the metrics exporter publishes nothing, answers nothing, and reads only the statuses its metrics come from', () => {
    expect(busPermissions('metrics-exporter', 'r1')).toEqual({
      publish: [],
      subscribe: ['routerd.r1.sync.*.*', 'routerd.r1.vip.*', 'routerd.r1.promotion.*'],
      allowResponses: false,
    });
  });

  it('bus permissions › routerctl reads everything and publishes only requests: discovery and the endpoints', () => {
    expect(busPermissions('routerctl', 'r1')).toEqual({
      publish: ['$SRV.>', 'routerd.r1.syncer.status', 'routerd.r1.vip-watcher.roles', 'routerd.r1.lease-watcher.files', 'routerd.r1.dhcp-promoter.status'],
      subscribe: ['routerd.>', '_INBOX.>'],
      allowResponses: false,
    });
  });

  it('bus permissions › a subject is published by exactly the identities that own it, none other', () => {
    for (const [subject, owners] of published('r1')) {
      const allowed = BUS_IDENTITIES.filter((identity) => mayPublish(busPermissions(identity, 'r1'), subject));
      expect({ subject, allowed }).toEqual({ subject, allowed: owners });
    }
  });

  it("bus permissions › no identity publishes another node's subjects", () => {
    for (const [subject] of published('r2').filter(([s]) => s.startsWith('routerd.'))) {
      const allowed = BUS_IDENTITIES.filter((identity) => mayPublish(busPermissions(identity, 'r1'), subject));
      expect({ subject, allowed }).toEqual({ subject, allowed: [] });
    }
  });

  it('bus permissions › a node that is not one subject token is refused, naming it', () => {
    expect(() => busPermissions('syncer', 'r1.lan')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.lan"');
  });

  it('bus permissions › subjectMatches follows NATS wildcards', () => {
    expect(subjectMatches('routerd.r1.vip.*', 'routerd.r1.vip.lan-vip')).toBe(true);
    expect(subjectMatches('routerd.r1.vip.*', 'routerd.r1.vip.a.b')).toBe(false);
    expect(subjectMatches('routerd.r1.vip.*', 'routerd.r1.vip')).toBe(false);
    expect(subjectMatches('routerd.>', 'routerd.r1.vip.x')).toBe(true);
    expect(subjectMatches('routerd.>', 'routerd')).toBe(false);
    expect(subjectMatches('$SRV.*', '$SRV.PING')).toBe(true);
    expect(subjectMatches('$SRV.*', '$SRV.PING.routerd-syncer')).toBe(false);
  });
});
