// dnsmasq.conf for the DHCP servers of a configuration: DHCP and RA only, one instance for all of them.
import {
  dnsmasqLeaseFile,
  type DHCPv4ServerResource,
  type DHCPv6ServerResource,
  type Resource,
  type RouterConfig,
  type RuntimeDirs,
} from '@routerd/model';
import { generatedHeader } from './header.js';
import { dhcpLeaseMax } from './lease-max.js';
import { dnsmasqLeaseTime } from './lease-time.js';

export interface DnsmasqOptions {
  dirs: RuntimeDirs;
  /** The configuration files, for the header. */
  files: readonly string[];
}

// dnsmasq's dhcp-range mode keyword per DHCPv6 mode; stateful needs none (addresses from DHCPv6, M flag).
const V6_RANGE_MODE: Record<DHCPv6ServerResource['spec']['mode'], string | undefined> = {
  stateful: undefined,
  both: 'slaac',
  stateless: 'ra-stateless',
  'ra-only': 'ra-only',
};

/** The prefix length dnsmasq is told for IPv6 ranges; SLAAC needs /64. */
const V6_PREFIX_LENGTH = 64;

function ifnameOf(resources: readonly Resource[], name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  for (const r of resources) if (r.kind === 'Interface' && r.metadata.name === name) return r.spec.ifname;
  return undefined;
}

function v4Lines(server: DHCPv4ServerResource, ifname: string): string[] {
  const { spec } = server;
  const tag = server.metadata.name;
  const lines = [`# DHCPv4Server/${tag} on Interface/${spec.interface ?? ''} (${ifname})`];
  if (spec.addressPool !== undefined) {
    const pool = spec.addressPool;
    lines.push(`dhcp-range=set:${tag},${pool.start},${pool.end},${dnsmasqLeaseTime(pool.leaseTime ?? spec.leaseTime)}`);
  }
  if (spec.gateway !== undefined) lines.push(`dhcp-option=tag:${tag},3,${spec.gateway}`);
  if (spec.dnsServers !== undefined && spec.dnsServers.length > 0) lines.push(`dhcp-option=tag:${tag},6,${spec.dnsServers.join(',')}`);
  return lines;
}

function v6DnsServers(spec: DHCPv6ServerResource['spec']): string[] {
  if (spec.dnsSource === 'none') return [];
  if (spec.dnsSource === 'self') return ['::']; // dnsmasq reads [::] as "this router's address"
  return spec.dnsServers ?? [];
}

function v6Lines(server: DHCPv6ServerResource, ifname: string): string[] {
  const { spec } = server;
  const tag = server.metadata.name;
  const lines = [`# DHCPv6Server/${tag} (${spec.mode}) on Interface/${spec.interface ?? ''} (${ifname})`];
  const mode = V6_RANGE_MODE[spec.mode];
  const leaseTime = dnsmasqLeaseTime(spec.addressPool?.leaseTime ?? spec.leaseTime);
  const addresses =
    (spec.mode === 'stateful' || spec.mode === 'both') && spec.addressPool !== undefined
      ? [spec.addressPool.start, spec.addressPool.end]
      : ['::', `constructor:${ifname}`];
  lines.push(`dhcp-range=${[`set:${tag}`, ...addresses, ...(mode === undefined ? [] : [mode]), V6_PREFIX_LENGTH, leaseTime].join(',')}`);
  const dns = v6DnsServers(spec);
  if (dns.length > 0) lines.push(`dhcp-option=tag:${tag},option6:dns-server,${dns.map((a) => `[${a}]`).join(',')}`);
  return lines;
}

export function renderDnsmasq(config: RouterConfig, options: DnsmasqOptions): string {
  const { resources } = config;
  const ifnames: string[] = [];
  const blocks: string[][] = [];
  const pools: { start: string; end: string }[] = [];
  const skipped: string[] = [];
  let ra = false;

  for (const r of resources) {
    if (r.kind !== 'DHCPv4Server' && r.kind !== 'DHCPv6Server') continue;
    const ifname = ifnameOf(resources, r.spec.interface);
    if (ifname === undefined) {
      skipped.push(`# ${r.kind}/${r.metadata.name}: no interface, not served.`);
      continue;
    }
    if (!ifnames.includes(ifname)) ifnames.push(ifname);
    if (r.kind === 'DHCPv4Server') {
      blocks.push(v4Lines(r, ifname));
      if (r.spec.addressPool !== undefined) pools.push(r.spec.addressPool);
    } else {
      ra = true;
      blocks.push(v6Lines(r, ifname));
      if ((r.spec.mode === 'stateful' || r.spec.mode === 'both') && r.spec.addressPool !== undefined) pools.push(r.spec.addressPool);
    }
  }

  const head = [
    generatedHeader('dnsmasq', options.files),
    '',
    '# DHCP only: DNS is off.',
    'port=0',
    '# The lease file the lease sync pushes to the standby; dnsmasq reads it only when it starts.',
    `dhcp-leasefile=${dnsmasqLeaseFile(config, options.dirs)}`,
    ...ifnames.map((name) => `interface=${name}`),
    ...(ifnames.length > 0 ? ['bind-interfaces'] : ['# No DHCP server names an interface: nothing is served.']),
    'dhcp-authoritative',
    '# At least every lease both nodes may hold, or a promoted standby exits with "too many stored leases".',
    `dhcp-lease-max=${dhcpLeaseMax(pools)}`,
    ...(ra ? ['enable-ra'] : []),
  ];
  const sections = [head, ...blocks, ...(skipped.length > 0 ? [skipped] : [])];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
