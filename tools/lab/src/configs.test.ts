import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { hostsFile, LAB_SSH_OPTIONS, labRouterConfig, sshdConfig } from './configs.js';
import { ROUTERS } from './topology.js';

const example = fileURLToPath(new URL('../../../examples/dhcp-lease-sync-ha.yaml', import.meta.url));
const promotion = { start: ['dnsmasq', '--conf-file=/x.conf'], stop: ['/usr/bin/node', '/stop.js'], check: ['pgrep', '-F', '/run/routerd/dnsmasq.pid'], logs: ['tail', '/x.log'] };

interface Doc {
  spec: { resources: { kind: string; spec: Record<string, unknown> }[] };
}

describe('lab configs', () => {
  it('lab configs › keeps the example and sets the lab ssh options on every target', async () => {
    const text = labRouterConfig(await readFile(example, 'utf8'), 'examples/dhcp-lease-sync-ha.yaml', { sshOptions: LAB_SSH_OPTIONS, promotion: undefined });
    const doc = parse(text) as Doc;
    const syncs = doc.spec.resources.filter((r) => r.kind.endsWith('LeaseSync'));
    expect(syncs.length).toBeGreaterThan(0);
    for (const sync of syncs) expect(sync.spec['targets']).toEqual([expect.objectContaining({ sshOptions: LAB_SSH_OPTIONS, host: 'routerd-standby.lan.example' })]);
    expect(doc.spec.resources.find((r) => r.kind === 'VirtualAddress')?.spec['address']).toBe('192.0.2.1/32');
  });

  it('lab configs › the negative control has no lease sync at all, so neither a syncer nor a promoter carries leases', async () => {
    const exampleText = await readFile(example, 'utf8');
    const all = (parse(labRouterConfig(exampleText, 'ex.yaml', { sshOptions: LAB_SSH_OPTIONS, promotion: undefined })) as Doc).spec.resources;
    const without = (parse(labRouterConfig(exampleText, 'ex.yaml', { sshOptions: LAB_SSH_OPTIONS, promotion: undefined, sync: false })) as Doc).spec.resources;
    expect(without.filter((r) => r.kind.endsWith('LeaseSync'))).toEqual([]);
    expect(without.map((r) => r.kind)).toEqual(all.map((r) => r.kind).filter((kind) => !kind.endsWith('LeaseSync')));
  });

  it('lab configs › sets the promotion commands, adding a promotion when the example has none', async () => {
    const text = labRouterConfig(await readFile(example, 'utf8'), 'ex.yaml', { sshOptions: LAB_SSH_OPTIONS, promotion });
    const doc = parse(text) as Doc;
    const promotions = doc.spec.resources.filter((r) => r.kind === 'DHCPServerPromotion');
    expect(promotions).toHaveLength(1);
    expect(promotions[0]?.spec).toEqual(expect.objectContaining(promotion));
  });

  it('lab configs › a DHCP profile sets the v4 lease time and pool, extra dnsmasq arguments, and the delivery of every lease sync', async () => {
    const profile = { v4LeaseTime: '2m', v4Pool: { start: '192.0.2.100', end: '192.0.2.115' }, delivery: 'replace' as const, dnsmasqArgs: ['--no-ping'] };
    const doc = parse(labRouterConfig(await readFile(example, 'utf8'), 'ex.yaml', { sshOptions: [], promotion, profile })) as Doc;
    expect(doc.spec.resources.find((r) => r.kind === 'DHCPServerPromotion')?.spec['start']).toEqual([...promotion.start, '--no-ping']);
    const v4 = doc.spec.resources.find((r) => r.kind === 'DHCPv4Server');
    expect(v4?.spec).toEqual(expect.objectContaining({ leaseTime: '2m', addressPool: { start: '192.0.2.100', end: '192.0.2.115' } }));
    const syncs = doc.spec.resources.filter((r) => r.kind.endsWith('LeaseSync'));
    expect(syncs.map((s) => s.spec['delivery'])).toEqual(syncs.map(() => 'replace'));
  });

  it("lab configs › without a profile the example keeps its lease time, its pool and its delivery", async () => {
    const doc = parse(labRouterConfig(await readFile(example, 'utf8'), 'ex.yaml', { sshOptions: [], promotion: undefined })) as Doc;
    expect(doc.spec.resources.find((r) => r.kind === 'DHCPv4Server')?.spec).toEqual(expect.objectContaining({ leaseTime: '12h', addressPool: { start: '192.0.2.100', end: '192.0.2.199' } }));
    const original = parse(await readFile(example, 'utf8')) as Doc;
    const deliveries = (d: Doc) => d.spec.resources.filter((r) => r.kind.endsWith('LeaseSync')).map((r) => r.spec['delivery']);
    expect(deliveries(doc)).toEqual(deliveries(original));
    expect(deliveries(doc)).toContain('merge');
  });

  it('lab configs › rejects a document without a resource list, naming the source', () => {
    expect(() => labRouterConfig('spec: {}\n', 'bad.yaml', { sshOptions: [], promotion: undefined })).toThrow('bad.yaml: expected spec.resources to be a list');
  });

  it('lab configs › sshd listens on the router address, key only', () => {
    const text = sshdConfig(ROUTERS.r2, { hostKey: '/k', pidFile: '/p' });
    expect(text).toContain('ListenAddress 192.0.2.3:22');
    expect(text).toContain('PasswordAuthentication no');
    expect(text).toContain('UsePAM no');
    expect(text).toContain('AllowUsers routerd');
  });

  it('lab configs › hosts maps the example host names to the lab routers', () => {
    expect(hostsFile()).toContain('192.0.2.2 routerd-active.lan.example');
    expect(hostsFile()).toContain('192.0.2.3 routerd-standby.lan.example');
  });
});
